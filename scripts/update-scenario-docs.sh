#!/usr/bin/env bash
# Regenerates Scenarios/scenario.schema.json and the field table in Scenarios/README.md from the
# scenario reader's field declarations (tests fail until both match what `jornada schema` prints).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product jornada >/dev/null
bin=.build/debug/jornada
"$bin" schema > Scenarios/scenario.schema.json
table=$(mktemp)
"$bin" schema --markdown > "$table"
awk -v table="$table" '
  /^<!-- fields:begin/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /^<!-- fields:end -->/ { skip = 0 }
  !skip { print }
' Scenarios/README.md > Scenarios/README.md.new
mv Scenarios/README.md.new Scenarios/README.md
rm -f "$table"
echo "updated Scenarios/scenario.schema.json and the field table in Scenarios/README.md"
