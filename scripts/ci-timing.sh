#!/usr/bin/env bash
# Times `.ci/run` in a fresh clone of this repository's HEAD, with the engine and images already set up, idle or with
# every core kept busy by `yes` for the whole run (a machine about twice as slow). Prints the stage table of
# target/ci/stages.tsv and the exit code; the figures are reported, never a reason to fail.
# Beside each stage: how busy the machine's cores were during it (/proc/stat, sampled every 2 s; the load of --loaded
# counts too, and so do the stages that run side by side with it), to tell a stage that waits on Docker from one that
# needs the CPU.
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
( while :; do echo "$(date +%s) $(awk '/^cpu /{b=$2+$3+$4+$7+$8+$9; print b, b+$5+$6}' /proc/stat)"; sleep 2; done ) \
  > "$work/cpu.txt" & sampler=$!
CI=true bash .ci/run < /dev/null > "$work/ci.log" 2>&1
status=$?
took=$(( $(date +%s) - start ))
kill "$sampler"; stop_load
echo "[ci-timing] .ci/run ($how): exit $status, $took s (log: $work/ci.log)"
# each stage's busy share of the cores and the busy core-seconds behind it, from the samples within its time (its start:
# the row's "at N s" after CI's; stages side by side share their samples). The whole run's busy core-seconds over the
# cores is the least time any order of these stages could take here.
awk -F'\t' -v start="$start" -v cpu="$work/cpu.txt" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" '
  BEGIN { while ((getline line < cpu) > 0) { split(line, f, " "); n++; t[n] = f[1]; b[n] = f[2]; a[n] = f[3] } }
  { split($4, at, " "); from = start + at[2]; to = from + $2; first = 0; last = 0
    for (i = 1; i <= n; i++) { if (t[i] >= from && !first) first = i; if (t[i] <= to) last = i }
    busy = "-"; if (first && last > first) { busy = sprintf("%d %% busy, %d core-s", 100 * (b[last] - b[first]) / (a[last] - a[first]),
      (b[last] - b[first]) / hz) }
    printf "%s\t%s\t%s\t%s\t%s\n", $1, $2, $3, $4, busy }
  END { sum = (b[n] - b[1]) / hz; printf "busy core-seconds in all: %d, at least %d s on %d cores\n", sum, sum / cores, cores > "/dev/stderr" }' \
  target/ci/stages.tsv 2> "$work/floor.txt" | column -t -s $'\t' | sed 's/^/[ci-timing]   /'
sed 's/^/[ci-timing] /' "$work/floor.txt"
exit $status
