#!/usr/bin/env bash
# Grades a class: every folder of SUBMISSIONS_DIR is one student's submission, laid out like the hand-out (a clone
# of their repository). Each is graded in turn, with a time bound, by the teacher's edition (nothing of it is
# copied into this working tree); a broken or hanging one never stops the others.
#   bash teacher/grade-class.sh SUBMISSIONS_DIR [OUT_DIR]        (OUT_DIR: target/class by default)
# Writes OUT_DIR/<student>/feedback.md (the scorecard), results.json, teacher-graded.md, test.log, and
# OUT_DIR/class.csv: student, points per exercise, total, teacher-graded answers written, outcome.
# LAB_SUBMISSION_TIMEOUT (seconds, default 900) bounds one submission. Offline machines: LAB_OFFLINE=true.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ -d "$1" ] || { echo "usage: bash teacher/grade-class.sh SUBMISSIONS_DIR [OUT_DIR]" >&2; exit 2; }
subs=$(cd "$1" && pwd)
out=${2:-target/class}; mkdir -p "$out"; out=$(cd "$out" && pwd)
limit=${LAB_SUBMISSION_TIMEOUT:-900}
exercises=(01 02 03 04 05 06 07 08)
# one CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break
csv() { case $1 in *[,\"$'\n']*) printf '"%s"' "${1//\"/\"\"}" ;; *) printf '%s' "$1" ;; esac; }

echo "[class] compiling the lab once"
./mvnw -B -q test-compile process-classes > "$out/build.log" 2>&1 || { echo "[class] the lab does not build: see $out/build.log" >&2; exit 1; }

students=()
for dir in "$subs"/*/; do students+=("$(basename "$dir")"); done
n=${#students[@]}
{ printf 'student'; for e in "${exercises[@]}"; do printf ',ex%s' "$e"; done
  printf ',total,max,teacher_graded_written,teacher_graded_asked,outcome\n'; } > "$out/class.csv"

i=0
for student in "${students[@]}"; do
  i=$((i + 1))
  dir=$out/$student; rm -rf "$dir"; mkdir -p "$dir"
  start=$(date +%s)
  timeout --kill-after=30 "$limit" ./mvnw -B -q surefire:test -Dlab.submission="$subs/$student" \
    -Dlab.results="$dir" > "$dir/test.log" 2>&1
  rc=$?; took=$(( $(date +%s) - start ))
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then outcome="timeout after ${limit} s"
  elif [ -f "$dir/scores.tsv" ] && awk -F'\t' '$1=="outcome" && $2=="lab-error"' "$dir/scores.tsv" | grep -q .; then
    # Docker or the lab failed, not the student: no points, the cause once
    outcome="lab-error: $(awk -F'\t' '$1=="outcome" {print $3}' "$dir/scores.tsv")"
  elif [ -f "$dir/scores.tsv" ]; then outcome=graded
  else outcome="no results (see test.log)"; fi
  [ -f "$dir/scorecard.md" ] && cp "$dir/scorecard.md" "$dir/feedback.md"
  row=$(csv "$student")
  for e in "${exercises[@]}"; do
    [ "$outcome" = graded ] && row+=",$(awk -F'\t' -v e="$e" '$1==e {print $2}' "$dir/scores.tsv" 2>/dev/null)" || row+=","
  done
  total=$(awk -F'\t' '$1=="total" {print $2 "," $3}' "$dir/scores.tsv" 2>/dev/null); total=${total:-0,}
  [ "$outcome" = graded ] || total=",${total#*,}" # a lab error or a timeout is no 0: no points at all
  teacher=$(awk -F'\t' '$1=="teacher-graded" {print $2 "," $3}' "$dir/scores.tsv" 2>/dev/null); teacher=${teacher:-0,}
  echo "$row,$total,$teacher,$(csv "$outcome")" >> "$out/class.csv"
  printf '[class] %d/%d %s: %s points, teacher-graded answers %s written, %s, %d s\n' "$i" "$n" "$student" \
    "${total/,/ of }" "${teacher/,/ of }" "$outcome" "$took"
done

echo "[class] $n submissions graded: $out/class.csv, feedback in $out/<student>/feedback.md"
column -s, -t < "$out/class.csv" 2>/dev/null || cat "$out/class.csv"
