#!/usr/bin/env bash
# Grades a class: every folder of SUBMISSIONS_DIR is one student's submission, laid out like the hand-out (a clone
# of their repository), graded by the teacher's edition (nothing of it is copied into this working tree), N at a
# time (-j N, default 1), each one bounded; a broken or hanging one never stops the others.
#   bash teacher/grade-class.sh [-j N] SUBMISSIONS_DIR [OUT_DIR]        (OUT_DIR: target/class by default)
# Writes OUT_DIR/<student>/feedback.md (the scorecard), lab-result.json (and the files written from it), test.log;
# OUT_DIR/class.csv (RFC 4180: student, points per exercise, total, max, teacher-graded answers, outcome, seconds, the
# graded commit when the submission is a git repository; a lab error
# or a time-out has no points, not 0) and OUT_DIR/class-report.html (teacher/class-report.py).
# LAB_SUBMISSION_TIMEOUT (seconds, default 900) bounds one submission. Offline machines: LAB_OFFLINE=true. A grading run
# leaves the demonstrations out (they score nothing; the scorecard says how many): LAB_GRADING=false runs them too.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=1
if [ "${1:-}" = -j ]; then jobs=$2; shift 2; fi
[[ "$jobs" =~ ^[1-9][0-9]?$ ]] || { echo "-j takes a number of submissions graded side by side (1 to 99)" >&2; exit 2; }
[ $# -ge 1 ] && [ -d "$1" ] || { echo "usage: bash teacher/grade-class.sh [-j N] SUBMISSIONS_DIR [OUT_DIR]" >&2; exit 2; }
subs=$(cd "$1" && pwd)
out=${2:-target/class}; mkdir -p "$out"; out=$(cd "$out" && pwd)
limit=${LAB_SUBMISSION_TIMEOUT:-900}
exercises=(01 02 03 04 05 06 07 08)
# one CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break
csv() { case $1 in *[,\"$'\n'$'\r']*) printf '"%s"' "${1//\"/\"\"}" ;; *) printf '%s' "$1" ;; esac; }

shopt -s nullglob
students=()
for dir in "$subs"/*/; do students+=("$(basename "$dir")"); done
shopt -u nullglob
n=${#students[@]}
[ "$n" -gt 0 ] || { echo "[class] no submission in $subs (one folder per student)" >&2; exit 2; }

echo "[class] compiling the lab once"
./mvnw -B -q test-compile process-classes dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" > "$out/build.log" 2>&1 || { echo "[class] the lab does not build: see $out/build.log" >&2; exit 1; }
./lab build 2>> "$out/build.log" # teacher/lab-teacher's classes, once, before the submissions run side by side
# the lab's java as surefire starts it (the pom's argLine), without Maven's own start for each submission
# a grading run: demonstrations score nothing and are not run (LAB_GRADING=false runs them too)
lab_java=(java $(sed -n 's:.*<argLine>\(.*\)</argLine>.*:\1:p' pom.xml) -Dbasedir="$root" -Dlab.grading="${LAB_GRADING:-true}"
          -cp "$root/target/test-classes:$root/target/classes:$(cat "$out/classpath.txt")")
[ "${LAB_OFFLINE:-}" = true ] && lab_java=(env TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost "${lab_java[@]}")

grade() { # INDEX STUDENT: grades one submission, writes its row of class.csv into its folder
  local student=$2 dir=$out/$2 start rc took outcome
  rm -rf "$dir"; mkdir -p "$dir"
  start=$(date +%s)
  : "$1"
  timeout --kill-after=30 "$limit" "${lab_java[@]}" -Dlab.submission="$subs/$student" -Dlab.results="$dir" \
    dockerlab.grading.RunExercises > "$dir/test.log" 2>&1
  rc=$?; took=$(( $(date +%s) - start ))
  # the run's points, from its lab-result.json (the lab's one result model)
  teacher/lab-teacher scores "$dir" > "$dir/scores.tsv" 2>/dev/null || rm -f "$dir/scores.tsv"
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then outcome="timeout after ${limit} s"
  elif [ -f "$dir/scores.tsv" ] && awk -F'\t' '$1=="outcome" && $2=="lab-error"' "$dir/scores.tsv" | grep -q .; then
    # Docker or the lab failed, not the student: no points, the cause once
    outcome="lab-error: $(awk -F'\t' '$1=="outcome" {print $3}' "$dir/scores.tsv")"
  elif [ -f "$dir/scores.tsv" ]; then outcome=graded
  else outcome="no results (see test.log)"; fi
  [ -f "$dir/scorecard.md" ] && cp "$dir/scorecard.md" "$dir/feedback.md"
  local row e total teacher commit
  row=$(csv "$student")
  for e in "${exercises[@]}"; do
    [ "$outcome" = graded ] && row+=",$(awk -F'\t' -v e="$e" '$1==e {print $2}' "$dir/scores.tsv" 2>/dev/null)" || row+=","
  done
  total=$(awk -F'\t' '$1=="total" {print $2 "," $3}' "$dir/scores.tsv" 2>/dev/null); total=${total:-,}
  [ "$outcome" = graded ] || total=",${total#*,}" # a lab error or a timeout is no 0: no points at all
  teacher=$(awk -F'\t' '$1=="teacher-graded" {print $2 "," $3}' "$dir/scores.tsv" 2>/dev/null); teacher=${teacher:-,}
  # the graded commit, when the submission is a repository of its own (the hosted matrix's checkout, a clone); not
  # that of a repository the folder happens to sit in
  commit=""
  if [ "$(git -C "$subs/$student" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$subs/$student" && pwd -P)" ]; then
    commit=$(git -C "$subs/$student" rev-parse --short=12 HEAD 2>/dev/null || true)
  fi
  echo "$row,$total,$teacher,$(csv "$outcome"),$took,$commit" > "$dir/row.csv"
  printf '%s\t%s\t%s\n' "$student" "${total/,/ of }" "$outcome" > "$dir/done.tsv"
}

started=$(date +%s) launched=0
progress() { # after each end: done, elapsed, the time left at the pace so far
  local now elapsed left finished
  finished=$(find "$out" -mindepth 2 -maxdepth 2 -name done.tsv | wc -l)
  now=$(date +%s); elapsed=$(( now - started ))
  left=$(( finished > 0 ? elapsed * (n - finished) / finished : 0 ))
  printf '[class] %d/%d done · %d running · %d min %02d s so far · about %d min %02d s left\n' "$finished" "$n" \
    "$(( launched - finished ))" $(( elapsed / 60 )) $(( elapsed % 60 )) $(( left / 60 )) $(( left % 60 ))
}
# no result of an earlier grading counts: the folders of graded submissions in OUT_DIR go
for old in "$out"/*/; do [ -f "$old/test.log" ] || [ -f "$old/row.csv" ] && rm -rf "${old:?}"; done
echo "[class] $n submissions, $jobs at a time, each bounded by $limit s"
for i in "${!students[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n; progress
  done
  grade "$i" "${students[$i]}" &
  launched=$((launched + 1))
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; progress; done
wait

took=$(( $(date +%s) - started ))
echo "[class] $n submissions graded in $took s ($jobs at a time): $out/class.csv, feedback in $out/<student>/feedback.md"
python3 teacher/merge-class.py "$out" > /dev/null && echo "[class] the class at a glance: $out/class-report.html"
printf '%s\t%s\t%s\n' "$n" "$jobs" "$took" > "$out/throughput.tsv"
