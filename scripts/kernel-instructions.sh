#!/usr/bin/env bash
# Counts CPU instructions per hold-model event (pop + reschedule) with valgrind's callgrind, for the
# kernel's EventQueue and for swift-collections' Heap, at 1,000 and 100,000 pending events.
# Instruction counts are repeatable for a given binary, unlike wall time on shared machines.
# Per-event cost = (instructions at 300k events − at 100k events) / 200k, so start-up and the fill
# phase cancel out. Usage: scripts/kernel-instructions.sh [path/to/release/jornada] [--check FILE]
set -euo pipefail
bin=${1:-.build/release/jornada}
check=${3:-}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$bin" "$tmp/jornada" && strip "$tmp/jornada"   # valgrind cannot read Swift's debug info
count() {  # queue pending events
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$tmp/jornada" bench kernel \
    --queues "$1" --pending "$2" --events "$3" --rounds 1 --json 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
json="{"
for pending in 1000 100000; do
  for queue in radix heap; do
    a=$(count "$queue" "$pending" 100000); b=$(count "$queue" "$pending" 300000)
    per=$(( (b - a) / 200000 ))
    printf '%-6s pending %7d: %4d instructions per event\n' "$queue" "$pending" "$per"
    json+="\"${queue}_${pending}\":$per,"
  done
done
json="${json%,}}"
echo "$json"
if [ -n "$check" ]; then
  python3 - "$check" "$json" <<'PY'
import json, sys
ref = json.load(open(sys.argv[1])); got = json.loads(sys.argv[2])
tol = ref.get("tolerance", 0.05); bad = []
for k, v in ref.items():
    if k == "tolerance": continue
    if got[k] > v * (1 + tol): bad.append(f"{k}: {got[k]} instructions per event, committed {v}: {(got[k] - v) / v:+.1%} (tolerance {tol:.0%})")
    elif got[k] < v * (1 - tol): print(f"NOTE {k}: {got[k]} < {v} - {tol:.0%}: an improvement; update {sys.argv[1]}")
if bad: print("FAIL: kernel instruction count regressed:\n  " + "\n  ".join(bad)); sys.exit(1)
print("kernel instructions per event within tolerance of", sys.argv[1])
PY
fi
