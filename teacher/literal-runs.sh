#!/usr/bin/env bash
# The literal hand-out edition (teacher/fixtures/00-literal-handout: each TODO answered with the least its words
# ask) must get full marks whatever the machine's load: 10 gradings, 3 with both cores busy with another load
# (`yes` x2), 3 side by side with another grading of it (3 pairs), 4 on an idle machine. Prints one line per grading.
# Usage: LAB_OFFLINE=true bash teacher/literal-runs.sh     (about 10 minutes on 2 cores)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd); copies=$root/target/literal-runs
rm -rf "$copies"; mkdir -p "$copies"
copy() { cp -r teacher/fixtures/00-literal-handout "$copies/$1-literal-handout"; echo "target/literal-runs/$1-literal-handout/"; }
status=0
report() { # MODE LOG: one line per grading, from check-grader's own lines
  grep -E 'literal-handout' "$2" | sed "s/^\[grader-check\] /[literal] $1: /"
  grep -q FAILED "$2" && status=1
}

yes > /dev/null & y1=$!; yes > /dev/null & y2=$!
LAB_GRADER_JOBS=1 bash teacher/check-grader.sh c "$(copy 00l1)" "$(copy 00l2)" "$(copy 00l3)" > "$copies/loaded.log" 2>&1
kill $y1 $y2
report "both cores busy" "$copies/loaded.log"
LAB_GRADER_JOBS=2 bash teacher/check-grader.sh c "$(copy 00p1a)" "$(copy 00p1b)" "$(copy 00p2a)" "$(copy 00p2b)" \
  "$(copy 00p3a)" "$(copy 00p3b)" > "$copies/side-by-side.log" 2>&1
report "side by side" "$copies/side-by-side.log"
LAB_GRADER_JOBS=1 bash teacher/check-grader.sh c "$(copy 00i1)" "$(copy 00i2)" "$(copy 00i3)" "$(copy 00i4)" \
  > "$copies/idle.log" 2>&1
report "idle" "$copies/idle.log"
[ "$status" = 0 ] && echo "[literal] full marks in every grading" || echo "[literal] FAILED: a grading lost points"
exit $status
