#!/usr/bin/env bash
# Runs the whole lab N times and reports, per question, how often it failed: a question that fails in some runs
# and passes in others is a flake. The first LOADED runs have both cores busy with another load (`yes`), to show
# that no bound depends on the machine's speed.
#   bash scripts/flake-check.sh [N=10] [LOADED=3]       (LAB_OFFLINE=true for the offline image set)
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}; loaded=${2:-3}
out=target/flake-check; rm -rf "$out"; mkdir -p "$out"
./mvnw -B -q -o test-compile process-classes > "$out/build.log" 2>&1 || { echo "build failed: $out/build.log"; exit 1; }
load=()
stop_load() { for p in "${load[@]}"; do kill "$p" 2>/dev/null; done; load=(); }
trap stop_load EXIT
for i in $(seq 1 "$n"); do
  if [ "$i" -le "$loaded" ]; then
    for _ in $(seq "$(nproc)"); do yes > /dev/null & load+=($!); done
    how="with $(nproc) cores busy"
  else
    how="idle machine"
  fi
  start=$(date +%s)
  ./mvnw -B -o -q surefire:test -Dlab.results="$out/run-$i" > "$out/run-$i.log" 2>&1
  stop_load
  teacher/lab-teacher checks "$out/run-$i" > "$out/run-$i/checks.tsv" 2>/dev/null || : > "$out/run-$i/checks.tsv"
  failed=$(awk -F'\t' '$2!="passed"' "$out/run-$i/checks.tsv" | wc -l)
  total=$(wc -l < "$out/run-$i/checks.tsv")
  printf '[flake-check] run %d/%d (%s): %d of %d tests failed, %d s\n' "$i" "$n" "$how" "$failed" "$total" \
    "$(( $(date +%s) - start ))"
done
echo "[flake-check] failures per question over $n runs:"
cat "$out"/run-*/checks.tsv 2>/dev/null | awk -F'\t' '$2!="passed" {print $4}' | sort | uniq -c | sort -rn > "$out/failures.txt"
if [ -s "$out/failures.txt" ]; then cat "$out/failures.txt"; else echo "  none"; fi
runs=$(ls -d "$out"/run-*/ 2>/dev/null | wc -l)
[ "$runs" = "$n" ] || { echo "[flake-check] only $runs of $n runs wrote results"; exit 1; }
[ ! -s "$out/failures.txt" ]
