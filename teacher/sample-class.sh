#!/usr/bin/env bash
# Lays out a class of submissions for `teacher/lab-teacher grade-class` from what the lab has: the teacher's edition, the
# hand-out as given (its folder name holds a comma and a quote, as real names do: class.csv must quote it; the
# teacher's edition's holds a $), and
# fixtures (each the teacher's student files with the mistake of teacher/fixtures/NAME), one folder each.
#   bash teacher/sample-class.sh DIR [FIXTURE...]    (FIXTURE: a folder name of teacher/fixtures)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
[ $# -ge 1 ] || { echo "usage: bash teacher/sample-class.sh DIR [FIXTURE...]" >&2; exit 2; }
rm -rf "$1"; mkdir -p "$1"; dir=$(cd "$1" && pwd); shift
mapfile -t copied < <(./lab files --copy) # the files a submission carries: the lab's one list of them
student_files() { # FROM TO: the student files of an edition, laid out as a submission
  local path
  for path in "${copied[@]}"; do mkdir -p "$2/$(dirname "$path")"; cp -r "$1/$path" "$2/$path"; done
}
student_files . "$dir/teacher \$edition" # a $ in a folder name: Compose writes it $$, the lab must grade it the same
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
java teacher/Handout.java "$tmp/handout" --lang en > /dev/null
student_files "$tmp/handout" "$dir/hand-out, \"as given\""
for fixture in "$@"; do
  student_files . "$dir/$fixture"
  (cd "$dir/$fixture" && GIT_CEILING_DIRECTORIES="$dir" git apply -p0 "$root/teacher/fixtures/$fixture/mistake.patch")
done
echo "[sample-class] $(( $# + 2 )) submissions in $dir"
