#!/usr/bin/env bash
# Proof that CI is a gate: injects one regression at a time into a copy of the committed tree (never
# the working tree) and runs the CI check that must catch it, showing that it fails and says what
# regressed and by how much:
#   allocation  EventQueue.schedule mallocs once per event   → benchmark allocation thresholds
#   outcome     the planner's local-search budget drops to 1,000 moves → golden outcomes
#   slower      a busy loop in the hold model's insert path   → kernel instruction counts
#   scripts/prove-gate.sh [allocation|outcome|slower …]   (default: all three; ~15–25 min on 2 cores)
# The copy lives in .build/prove-gate/ (ignored by git) so repeated runs build incrementally.
# Exits 0 only if every injected regression made its check fail.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(allocation outcome slower)
work="$root/.build/prove-gate"
copy="$work/repo"
mkdir -p "$copy"

fresh_copy() {  # the committed tree, unchanged files keeping their times (incremental builds)
  local stage="$work/stage"
  rm -rf "$stage"; mkdir -p "$stage"
  git -C "$root" archive HEAD | tar -x -C "$stage"
  python3 - "$stage" "$copy" <<'PY'
import filecmp, os, shutil, sys
stage, copy = sys.argv[1], sys.argv[2]
keep = set()
for d, _, files in os.walk(stage):
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), stage); keep.add(rel)
        dst = os.path.join(copy, rel)
        if not os.path.exists(dst) or not filecmp.cmp(os.path.join(d, f), dst, shallow=False):
            os.makedirs(os.path.dirname(dst), exist_ok=True); shutil.copy2(os.path.join(d, f), dst)
for d, dirs, files in os.walk(copy):
    dirs[:] = [x for x in dirs if x != ".build"]
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), copy)
        if rel not in keep and not rel.startswith("Benchmarks/.build"): os.remove(os.path.join(d, f))
PY
  rm -rf "$stage"
}

inject() {  # inject FILE PYTHON-REPLACEMENTS: edits the copy; fails loudly if an anchor is missing
  python3 - "$copy/$1" "$2" <<'PY'
import sys
path, spec = sys.argv[1], sys.argv[2]
text = open(path).read()
for pair in spec.split("\n====\n"):
    old, new = pair.split("\n----\n")
    if old not in text: sys.exit(f"prove-gate: anchor not found in {path}:\n{old}")
    text = text.replace(old, new, 1)
open(path, "w").write(text)
PY
}

expect_failure() {  # expect_failure CASE CHECKS
  echo "--- running .ci/run --only $2 on the copy with the '$1' regression"
  if (cd "$copy" && JORNADA_FUZZ_SECONDS=5 bash .ci/run --only "$2") > "$work/$1.log" 2>&1; then
    echo "PROVE-GATE FAIL: the '$1' regression passed CI"; tail -30 "$work/$1.log"; return 1
  fi
  grep -E "FAIL|regress|WORSE|Deviations worse|changed outcome|instructions per event|Malloc|p90 |passed, .* failed" "$work/$1.log" | head -40
  echo "PROVE-GATE OK: CI failed on the '$1' regression (full log: $work/$1.log)"
}

status=0
for c in "${cases[@]}"; do
  echo; echo "=== injecting: $c"
  fresh_copy
  case $c in
    allocation)
      inject Sources/DiscreteEvents/EventQueue.swift 'public struct EventQueue<Event> {
----
/// Injected regression: one heap block per scheduled event, kept until the next one.
nonisolated(unsafe) public var proveGateBlock: AnyObject?
/// A heap-allocated object.
public final class ProveGateBox { public init() {} }

public struct EventQueue<Event> {
====
        let seq = nextSequence
----
        proveGateBlock = ProveGateBox()
        let seq = nextSequence'
      expect_failure allocation thresholds || status=1 ;;
    outcome)
      inject Sources/DeliveryScheduling/RoutePlanner.swift 'maxMoveEvaluations: Int = 2_000_000
----
maxMoveEvaluations: Int = 1_000'
      expect_failure outcome release,golden || status=1 ;;
    slower)
      inject Sources/DiscreteEvents/EventQueue.swift 'public struct EventQueue<Event> {
----
/// Injected regression: busy work on every insert.
nonisolated(unsafe) public var proveGateSpin: UInt64 = 0

public struct EventQueue<Event> {
====
    mutating func insert(_ e: Entry) {
----
    mutating func insert(_ e: Entry) {
        for i in 0..<40 { proveGateSpin = proveGateSpin &* 6364136223846793005 &+ e.time &+ UInt64(i) }'
      expect_failure slower release,instructions || status=1 ;;
    *) echo "unknown case '$c' (allocation, outcome, slower)"; status=1 ;;
  esac
done
echo
[ "$status" -eq 0 ] && echo "every injected regression failed CI" || echo "PROVE-GATE: some regression was not caught"
exit $status
