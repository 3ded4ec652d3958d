#!/usr/bin/env bash
# Fuzz Jornada's file readers with libFuzzer for SECONDS (default 60), starting from the committed
# hostile corpus (Tests/Fuzz/corpus). New inputs go to a temporary working corpus, so the tree stays
# clean; a crash, a hang past 10 s or memory past 2 GB leaves its input in .build/fuzz-findings/ and
# exits non-zero. Needs a Swift toolchain whose clang runtime includes libFuzzer (Linux: yes).
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
root=$(pwd)
swift build -c release --package-path Fuzz --scratch-path "$root/.build/fuzz" -Xswiftc -sanitize=fuzzer 2>&1 \
  | grep -E "error|warning:|Compiling|Build complete" | grep -v "^\[" || true
bin=$(swift build -c release --package-path Fuzz --scratch-path "$root/.build/fuzz" -Xswiftc -sanitize=fuzzer --show-bin-path)/jornada-fuzz
[ -x "$bin" ] || { echo "FAIL: the fuzz harness did not build"; exit 1; }
work=$(mktemp -d)
findings="$root/.build/fuzz-findings"
mkdir -p "$findings"
cp Tests/Fuzz/corpus/* "$work/"
set +e
"$bin" "$work" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -dict=Fuzz/jobs.dict -artifact_prefix="$findings/" -print_final_stats=1 > "$findings/log.txt" 2>&1
status=$?
set -e
runs=$(grep -Eo "stat::number_of_executed_units: *[0-9]+" "$findings/log.txt" | grep -Eo "[0-9]+$" || echo "?")
new=$(grep -Eo "stat::new_units_added: *[0-9]+" "$findings/log.txt" | grep -Eo "[0-9]+$" || echo "?")
rm -rf "$work"
if [ "$status" -ne 0 ]; then
  grep -E "ERROR|Fatal|Crash|crash-|timeout-|oom-|Test unit written" "$findings/log.txt" | head -20
  echo "FAIL: the fuzzer found an input that crashes or hangs a reader (status $status); see $findings/"
  exit 1
fi
echo "fuzz: $runs inputs in ${seconds} s, $new new coverage units, no crash, hang or memory blow-up"
