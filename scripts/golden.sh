#!/usr/bin/env bash
# Golden outcomes: the exact `jornada plan` output for every bundled jobs file under every in-tier
# policy (Results/reference/plan/), and the exact summary.json and daily.csv of `jornada run` on every
# bundled scenario (Results/reference/scenarios/), compared byte for byte by CI. A difference fails
# with the file and what moved (total distance, vehicles, assigned; the KPIs that changed) and by how
# much, then the diff.
#   scripts/golden.sh [path/to/jornada]            check (CI)
#   scripts/golden.sh --update [path/to/jornada]   regenerate after an intended model change;
#                                                  commit the diff so it is reviewed
set -euo pipefail
cd "$(dirname "$0")/.."
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
bin=${1:-.build/release/jornada}
[ -x "$bin" ] || { echo "FAIL: $bin not built (swift build -c release --product jornada)"; exit 1; }
ref=Results/reference/plan
mkdir -p "$ref"
policies="fifo earliest-deadline least-slack customer-value"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0; checked=0
shopt -s nullglob
for file in Scenarios/*.yaml Scenarios/*.yml Scenarios/*.csv; do
  # Jobs files only: a scenario for `jornada run` (when those land) has its own golden step.
  grep -qE '^(depot:|type,|"type")' "$file" || grep -qE '^(vehicles|jobs):' "$file" || continue
  name=$(basename "$file"); name=${name%.*}
  for policy in $policies; do
    out="$ref/$name.$policy.txt"
    if ! "$bin" plan "$file" --policy "$policy" > "$tmp/got.txt" 2> "$tmp/err.txt"; then
      echo "FAIL: jornada plan $file --policy $policy exited non-zero: $(head -3 "$tmp/err.txt")"; failed=$((failed + 1)); continue
    fi
    checked=$((checked + 1))
    if [ "$update" -eq 1 ]; then cp "$tmp/got.txt" "$out"; continue; fi
    if [ ! -f "$out" ]; then echo "FAIL: no golden outcome $out (run scripts/golden.sh --update and commit it)"; failed=$((failed + 1)); continue; fi
    if ! cmp -s "$out" "$tmp/got.txt"; then
      failed=$((failed + 1))
      python3 - "$out" "$tmp/got.txt" "$file" "$policy" <<'PY'
import re, sys
old, new = open(sys.argv[1]).read(), open(sys.argv[2]).read()
def kpis(t):
    k = {}
    for key, pat in [("total distance", r"Total distance: ([0-9.]+)"), ("vehicles used", r"Vehicles used: (\d+)"),
                     ("assigned", r"Assigned: (\d+)"), ("unassigned", r"Unassigned: (\d+)")]:
        m = re.search(pat, t)
        if m: k[key] = float(m.group(1))
    return k
a, b = kpis(old), kpis(new)
moved = []
for key in a:
    if key in b and a[key] != b[key]:
        pct = f" ({(b[key] - a[key]) / a[key]:+.1%})" if a[key] else ""
        moved.append(f"{key} {a[key]:g} -> {b[key]:g}{pct}")
what = ", ".join(moved) if moved else "same KPIs, different routes or times"
print(f"FAIL: changed outcome: jornada plan {sys.argv[3]} --policy {sys.argv[4]}: {what}")
PY
      diff -u "$out" "$tmp/got.txt" | head -40 || true
    fi
  done
done
# Scenarios: every bundled scenario file (one with `regions:`), its summary.json and daily.csv.
sref=Results/reference/scenarios
mkdir -p "$sref"
for file in Scenarios/*.yaml; do
  grep -qE '^regions:' "$file" || continue
  name=$(basename "$file" .yaml)
  # The national scenario (a million retailers for a year) is too big for a golden run in CI; it is
  # validated by the smoke step and measured by `jornada bench simulation`.
  [ "$name" = national ] && continue
  days=()
  rm -rf "$tmp/run"
  if ! "$bin" run "$file" "${days[@]}" --out "$tmp/run" --quiet > "$tmp/out.txt" 2> "$tmp/err.txt"; then
    echo "FAIL: jornada run $file exited non-zero: $(head -3 "$tmp/err.txt")"; failed=$((failed + 1)); continue
  fi
  for part in summary.json daily.csv; do
    out="$sref/$name.$part"
    checked=$((checked + 1))
    if [ "$update" -eq 1 ]; then cp "$tmp/run/$part" "$out"; continue; fi
    if [ ! -f "$out" ]; then echo "FAIL: no golden outcome $out (run scripts/golden.sh --update and commit it)"; failed=$((failed + 1)); continue; fi
    if ! cmp -s "$out" "$tmp/run/$part"; then
      failed=$((failed + 1))
      if [ "$part" = summary.json ]; then
        python3 - "$out" "$tmp/run/$part" "$file" <<'PY'
import json, sys
a, b = (json.load(open(f))["kpis"] for f in sys.argv[1:3])
moved = []
for k in a:
    x, y = a[k]["value"], b.get(k, {}).get("value")
    if x != y:
        pct = f" ({(y - x) / x:+.1%})" if isinstance(x, (int, float)) and isinstance(y, (int, float)) and x else ""
        moved.append(f"{k} {x} -> {y}{pct}")
print(f"FAIL: changed outcome: jornada run {sys.argv[3]}: " + ("; ".join(moved[:12]) if moved else "same KPIs, other fields differ")
      + (f" (+{len(moved) - 12} more)" if len(moved) > 12 else ""))
PY
      else
        echo "FAIL: changed outcome: jornada run $file: daily.csv differs"
      fi
      diff -u "$out" "$tmp/run/$part" | head -20 || true
    fi
  done
done
if [ "$update" -eq 1 ]; then echo "golden outcomes regenerated: $checked files in $ref and $sref; review and commit the diff"; exit "$failed"; fi
[ "$failed" -eq 0 ] || { echo "FAIL: $failed golden outcome(s) differ; if the change is intended, run scripts/golden.sh --update and commit the diff"; exit 1; }
echo "golden outcomes: $checked plans identical to $ref"
