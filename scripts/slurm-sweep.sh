#!/usr/bin/env bash
# A sweep on a real cluster: submits `jornada sweep … --shard i/N` as one Slurm job array
# (sbatch --array=0-(N-1) --wait), waits for every task, then joins the shards with `jornada merge`
# into exactly the files a single-machine `jornada sweep` writes. The report's path is printed last.
#   scripts/slurm-sweep.sh SCENARIO --vary key.path=v1,v2,… [--vary …] [sweep options…]
#       [--shards N (default 4)] [--out DIR] [--bin path/to/jornada] [--partition NAME]
# Every other option (--replications, --set, --days, --seed, --warm-up, --jobs) goes to each shard's
# `jornada sweep` unchanged; --jobs also sets the tasks' --cpus-per-task. The shards' folders and Slurm logs
# are kept beside the output as DIR.shards/ (a failed task can be re-run: finished units are kept).
set -euo pipefail
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac
scenario=$1; shift
shards=4; out=""; bin=""; partition=""; jobs=1; args=(); checks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shards) shards=${2:?--shards needs a number}; shift 2 ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --bin) bin=${2:?--bin needs a path}; shift 2 ;;
    --partition) partition=${2:?--partition needs a name}; shift 2 ;;
    --jobs) jobs=${2:?--jobs needs a number}; args+=("$1" "$2"); shift 2 ;;
    --vary|--set) args+=("$1" "${2:?$1 needs key.path=value}"); checks+=("$1" "$2"); shift 2 ;;
    --shard|--out=*|--shard=*) echo "error: $1 is set by this script" >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ "$shards" =~ ^[0-9]+$ ]] && [ "$shards" -ge 1 ] || { echo "error: --shards must be a whole number ≥ 1, got '$shards'" >&2; exit 2; }
command -v sbatch >/dev/null || { echo "error: sbatch not found: this script needs a Slurm cluster (see ../shared/notes or README: Sweeps on a cluster)" >&2; exit 1; }
bin=${bin:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/jornada}
[ -x "$bin" ] || { echo "error: $bin is not built (swift build -c release --product jornada)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -f "$scenario" ] || { echo "error: $scenario: no such scenario file" >&2; exit 1; }
scenario=$(cd "$(dirname "$scenario")" && pwd)/$(basename "$scenario")
# The grid is checked before anything is submitted.
"$bin" validate "$scenario" "${checks[@]}" >/dev/null
[ -n "$out" ] || out="Results/$(basename "${scenario%.*}")/sweep-slurm-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then echo "error: $out exists and is not empty; results are never mixed" >&2; exit 1; fi
work="$out.shards"
mkdir -p "$work"
quoted=$(printf ' %q' "${args[@]}")
cat > "$work/task.sh" <<TASK
#!/usr/bin/env bash
# One array task: shard \$SLURM_ARRAY_TASK_ID of $shards.
set -euo pipefail
exec $(printf %q "$bin") sweep $(printf %q "$scenario")$quoted --quiet --shard "\$SLURM_ARRAY_TASK_ID/$shards" --out "$work/shard-\$SLURM_ARRAY_TASK_ID"
TASK
chmod +x "$work/task.sh"
submit=(sbatch --array="0-$((shards - 1))" --wait --job-name=jornada-sweep --cpus-per-task="$jobs" --output="$work/slurm-%a.log")
[ -z "$partition" ] || submit+=(--partition="$partition")
echo "+ ${submit[*]} $work/task.sh"
if ! "${submit[@]}" "$work/task.sh"; then
  echo "error: a shard of the job array failed; its log: $work/slurm-<task>.log (re-run this command with the same --out after fixing: finished units are kept)" >&2
  tail -5 "$work"/slurm-*.log >&2 || true
  exit 1
fi
dirs=(); for ((i = 0; i < shards; i++)); do dirs+=("$work/shard-$i"); done
"$bin" merge "${dirs[@]}" --out "$out"
