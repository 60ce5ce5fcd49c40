#!/usr/bin/env bash
# The Classroom grade is tamper-evident (issue 15): a student's repository whose tests and pom were edited to pass
# everything gets the same grade as the untouched hand-out, because scripts/classroom-grade.sh (the workflow's
# grading command) grades it as a submission with the template's own lab; its scorecard lists the edited lab files.
# "Before" shows what the old workflow's command (the student's own `./mvnw test`) gave the same repository.
# Usage: LAB_OFFLINE=true bash teacher/check-classroom.sh   (Docker and the images as for the tests)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd); out=$root/target/classroom
rm -rf "$out"; mkdir -p "$out"
say() { printf '[classroom] %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

java teacher/Handout.java "$out/template" > "$out/handout.log" 2>&1 || fail "no hand-out (see $out/handout.log)"
cp -r "$out/template" "$out/student"
# the tampering: surefire told to skip every test, and an exercise's test gutted
sed -i '0,/<properties>/s::&<skipTests>true</skipTests>:' "$out/student/pom.xml"
sed -i 's:^\(\s*\)void apiAnswersHealth() {:&\n\1    if (true) return;:' \
  "$out/student/src/test/java/dockerlab/exercises/Exercise03FirstImageTest.java"

(cd "$out/student" && ./mvnw -B -q -o test -Dtest=Exercise03FirstImageTest -Dgroups=graded \
  -Dsurefire.failIfNoSpecifiedTests=false > "$out/before.log" 2>&1)
before=$?
say "before: the student's own \`./mvnw test -Dtest=Exercise03FirstImageTest\` (the old workflow's command) exits $before:" \
  "$([ "$before" = 0 ] && echo "the old command grader gave all of that exercise's points" || echo "no points")"

grade() { # SUBMISSION NAME: the workflow's grading command; prints the score the reporter would add up
  GITHUB_OUTPUT="$out/$2.output" LAB_RESULTS="$out/$2-results" bash "$out/template/scripts/classroom-grade.sh" \
    "$out/template" "$1" > "$out/$2.log" 2>&1
  sed -n 's/^result=//p' "$out/$2.output" | base64 -d > "$out/$2.json"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(t["score"] for t in r["tests"]), r["max_score"], r["status"])' \
    "$out/$2.json"
}
(cd "$out/template" && ./mvnw -B -q -o test-compile process-classes > "$out/template-build.log" 2>&1) \
  || fail "the template does not build (see $out/template-build.log)"
read -r tampered max tstatus < <(grade "$out/student" tampered)
untouched_sub=$out/untouched; cp -r "$out/template" "$untouched_sub"; rm -rf "$untouched_sub/target"
read -r untouched _ ustatus < <(grade "$untouched_sub" untouched)
say "after: the workflow's grading command gives the tampered repository $tampered / $max ($tstatus)," \
  "the untouched hand-out $untouched / $max ($ustatus)"
[ "$tampered" = "$untouched" ] || fail "the tampered repository's grade differs from the untouched one's"
listed=$(grep -o 'differ from the grader.s[^)]*): .*' "$out/tampered-results/scorecard.md" | head -1)
for f in pom.xml src/test/java/dockerlab/exercises/Exercise03FirstImageTest.java; do
  grep -q "$f" <<<"$listed" || fail "the scorecard does not list the edited $f"
done
say "the scorecard lists the edited lab files: ${listed#*: }"
say "tamper-evident: same grade, edits listed"
