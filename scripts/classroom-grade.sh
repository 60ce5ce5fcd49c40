#!/usr/bin/env bash
# GitHub Classroom's grading step (.github/workflows/classroom.yml): grades SUBMISSION (the student's repository, as a
# submission: -Dlab.submission) with the lab of GRADER (the assignment's template at a pinned commit). The student's
# copy of the tests, the pom and the scripts is never run: editing them changes nothing, and the scorecard lists them.
# Writes `result=<base64 JSON>` to $GITHUB_OUTPUT for classroom-resources/autograding-grading-reporter (one runner,
# one entry per graded check with its points). Exits non-zero when a question failed or the lab could not grade.
#   bash scripts/classroom-grade.sh GRADER SUBMISSION
set -uo pipefail
[ $# = 2 ] && [ -d "$1" ] && [ -d "$2" ] || { echo "usage: bash scripts/classroom-grade.sh GRADER SUBMISSION" >&2; exit 2; }
grader=$(cd "$1" && pwd); submission=$(cd "$2" && pwd)
results=${LAB_RESULTS:-$grader/target/lab-results}
rm -rf "$results"
(cd "$grader" && timeout --kill-after=30 "${LAB_SUBMISSION_TIMEOUT:-1500}" ./mvnw -B test -Dlab.grading=true -Dlab.submission="$submission" \
  -Dlab.results="$results")
rc=$?
if [ -s "$results/classroom.json" ]; then
  json=$(cat "$results/classroom.json")
else
  # nothing graded (the lab did not build, Docker broke before any question, a time-out): an error, no points
  json='{"version":1,"status":"error","max_score":0,"tests":[{"name":"docker-lab","status":"error","score":0,"message":"The lab wrote no results (exit code '"$rc"'): see the log of the grading step."}]}'
  [ "$rc" = 0 ] && rc=1
fi
echo "result=$(printf '%s' "$json" | base64 | tr -d '\n')" >> "${GITHUB_OUTPUT:-/dev/stdout}"
exit "$rc"
