#!/usr/bin/env bash
# Lays out a class of submissions for teacher/grade-class.sh from what the lab has: the teacher's edition, the
# hand-out as given (its folder name holds a comma and a quote, as real names do: class.csv must quote it), and
# fixtures (each the teacher's student files with the mistake of teacher/fixtures/NAME), one folder each.
#   bash teacher/sample-class.sh DIR FIXTURE...      (FIXTURE: a folder name of teacher/fixtures)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
[ $# -ge 1 ] || { echo "usage: bash teacher/sample-class.sh DIR FIXTURE..." >&2; exit 2; }
rm -rf "$1"; mkdir -p "$1"; dir=$(cd "$1" && pwd); shift
student_files() { # FOLDER ANSWERS: the four student files of this edition (and its API's resources)
  mkdir -p "$1/images/simple-api" "$1/exercises/05-compose-stack" "$1/src/main"
  cp -r src/main/java src/main/resources "$1/src/main/"
  cp images/simple-api/Dockerfile "$1/images/simple-api/"
  cp exercises/05-compose-stack/compose.yaml "$1/exercises/05-compose-stack/"
  cp "$2" "$1/exercises/answers.md"
}
student_files "$dir/teacher-edition" exercises/answers.md
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
java teacher/Handout.java "$tmp/handout" --lang en > /dev/null
hand="$dir/hand-out, \"as given\""
mkdir -p "$hand/images/simple-api" "$hand/exercises/05-compose-stack" "$hand/src/main"
cp -r "$tmp/handout/src/main/java" "$tmp/handout/src/main/resources" "$hand/src/main/"
cp "$tmp/handout/images/simple-api/Dockerfile" "$hand/images/simple-api/"
cp "$tmp/handout/exercises/05-compose-stack/compose.yaml" "$hand/exercises/05-compose-stack/"
cp "$tmp/handout/exercises/answers.md" "$hand/exercises/answers.md"
for fixture in "$@"; do
  student_files "$dir/$fixture" exercises/answers.md
  (cd "$dir/$fixture" && GIT_CEILING_DIRECTORIES="$dir" git apply -p0 "$root/teacher/fixtures/$fixture/mistake.patch")
done
echo "[sample-class] $(( $# + 2 )) submissions in $dir"
