#!/usr/bin/env bash
# Times `.ci/run` in a fresh clone of this repository's HEAD, with the engine and images already set up, idle or with
# every core kept busy by `yes` for the whole run (a machine about twice as slow). Prints the stage table of
# target/ci/stages.tsv and the exit code; the figures are reported, never a reason to fail.
#   bash scripts/ci-timing.sh [--loaded]
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
load=()
stop_load() { for p in "${load[@]}"; do kill "$p" 2>/dev/null; done; load=(); }
trap stop_load EXIT
how="idle"
if [ "${1:-}" = --loaded ]; then
  for _ in $(seq "$(nproc)"); do yes > /dev/null & load+=($!); done
  how="$(nproc) cores kept busy by yes"
fi
work=$(mktemp -d)
git clone -q "$repo" "$work/repo"
cd "$work/repo" || exit 1
start=$(date +%s)
CI=true bash .ci/run < /dev/null > "$work/ci.log" 2>&1
status=$?
took=$(( $(date +%s) - start ))
stop_load
echo "[ci-timing] .ci/run ($how): exit $status, $took s (log: $work/ci.log)"
column -t -s $'\t' target/ci/stages.tsv 2>/dev/null | sed 's/^/[ci-timing]   /'
exit $status
