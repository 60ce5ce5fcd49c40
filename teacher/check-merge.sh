#!/usr/bin/env bash
# The class workflow's merge step, tested here on a class graded by teacher/grade-class.sh: each student's folder is
# laid out as the workflow's artifacts are (artifacts/result-NAME/…), merged by teacher/merge-class.py, and the
# class.csv it writes must be the one grade-class.sh wrote, byte for byte; a student whose runner died (no row.csv)
# must come out with no points and its outcome said.
#   bash teacher/check-merge.sh CLASS_DIR      (the OUT_DIR of a grade-class.sh run)
set -euo pipefail
cd "$(dirname "$0")/.."
class=$1 work=target/merge-check
rm -rf "$work"; mkdir -p "$work/artifacts"
for dir in "$class"/*/; do
  [ -f "$dir/row.csv" ] && cp -r "$dir" "$work/artifacts/result-$(basename "$dir")"
done
python3 teacher/merge-class.py "$work/class" "$work/artifacts" > /dev/null
if ! cmp -s "$class/class.csv" "$work/class/class.csv"; then
  echo "[merge-check] the merged class.csv differs from grade-class.sh's:"; diff "$class/class.csv" "$work/class/class.csv"; exit 1
fi
# a runner that died before its result: its folder holds a log and no row
mkdir -p "$work/class/runner-died" && echo "killed" > "$work/class/runner-died/test.log"
python3 teacher/merge-class.py "$work/class" > /dev/null
grep -q '^runner-died,,,,,,,,,,,,,no results: the grading did not end,' "$work/class/class.csv" \
  || { echo "[merge-check] a student without a result is not said so in class.csv"; exit 1; }
echo "[merge-check] $(ls "$work/artifacts" | wc -l) artifacts merged into the same class.csv as one machine's grading; a missing result is said so"
