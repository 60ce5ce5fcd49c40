#!/usr/bin/env bash
# Submissions graded per hour by `teacher/lab-teacher grade-class` with N side by side, on this machine: a class of 12 (the
# teacher's edition, the hand-out, 10 fixtures), graded once for each N. Writes target/class-throughput/throughput.tsv.
#   LAB_OFFLINE=true bash teacher/class-throughput.sh [N...]      (default 1 2 3; about 15 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/class-throughput
rm -rf "$work"; mkdir -p "$work"
bash teacher/sample-class.sh "$work/subs" 01-health-answers-plain-text 03-base-image-latest 04-no-expose \
  06-no-healthcheck 08-api-port-not-published 10-answers-wrong-exercises-1-4 12-teacher-graded-unanswered \
  16-wrong-postgres-db 20-db-port-not-published 27-right-another-way
# the machine's busy core-seconds (every process, /proc/stat): a CPU-bound class ends no sooner than their sum / cores
busy() { awk '/^cpu / {print int(($2 + $3 + $4 + $7 + $8 + $9) / 100)}' /proc/stat; }
printf 'parallel\tsubmissions\tseconds\tper_hour\tgraded\tbusy_core_s\n' > "$work/throughput.tsv"
for n in "${@:-1 2 3}"; do
  for j in $n; do
    before=$(busy)
    teacher/lab-teacher grade-class -j "$j" "$work/subs" "$work/out-$j" > "$work/grade-$j.log" 2>&1
    core_s=$(( $(busy) - before ))
    read -r count _ took graded < "$work/out-$j/throughput.tsv"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$j" "$count" "$took" "$(( count * 3600 / took ))" "$graded" "$core_s" >> "$work/throughput.tsv"
    echo "[throughput] N=$j: $count submissions in $took s: $(( count * 3600 / took )) per hour ($graded graded;" \
      "$core_s busy core-seconds, a floor of $(( core_s / $(nproc) )) s on $(nproc) cores)"
  done
done
column -t "$work/throughput.tsv"
