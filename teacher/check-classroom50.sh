#!/usr/bin/env bash
# The Classroom 50 autograder, run as Classroom 50's runner runs it (python3 autograder.py in the student's checkout,
# CLASSROOM50_BUNDLE_DIR set), on the folder a teacher copies (teacher/lab-teacher classroom50 [--lang fr]):
#   the teacher's edition with the French answer sheet, graded by the French bundle (no LAB_LANG: the bundle's language)
#                             -> result.json valid against the vendored schema, every point, every written answer read
#                                (the French answer sheet passes, the lab speaking French: no English line in its
#                                feedback, checked by teacher/english-lines.py), exit 0
#   the English hand-out, tampered
#                             -> (its pom skips the tests, the 3.a test gutted: its own ./mvnw test would pass 3.a) valid,
#                                0 points, exit 0: the bundle's own lab grades, the student's copy of it never runs;
#                                every graded question fails, each pointing at a TODO (its lab-result.json, a release
#                                asset): the English hand-out's check of the grader's self-check, whose lanes grade the
#                                French one
#   a lab error               -> (Docker unreachable) no result.json, "NOT GRADED" and the cause in release-body.md, exit != 0
# Usage: LAB_OFFLINE=true bash teacher/check-classroom50.sh   (Docker and the images as for the tests)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd) out=$(pwd)/target/classroom50
rm -rf "$out"; mkdir -p "$out"
say() { printf '[classroom50] %s\n' "$*"; }
status=0
bad() { say "FAILED: $*"; status=1; }

for lang in en fr; do
  teacher/lab-teacher classroom50 "$out/bundle-$lang" --lang "$lang" > "$out/bundle-$lang.log" 2>&1 \
    || { cat "$out/bundle-$lang.log"; bad "no bundle ($lang)"; exit 1; }
  say "$(grep -o 'autograder.py and lab/.*' "$out/bundle-$lang.log")"
done
(cd "$out/bundle-en" && tar czf "$out/bundle.tar.gz" .) && say "bundle as Classroom 50 fetches it (tar.gz): $(du -k "$out/bundle.tar.gz" | cut -f1) KiB"

# the checkouts: the teacher's student files; the hand-out with its tests and pom tampered with
mapfile -t copied < <(./lab files --copy)
mkdir -p "$out/teacher"
for path in "${copied[@]}"; do mkdir -p "$out/teacher/$(dirname "$path")"; cp -r "$path" "$out/teacher/$path"; done
cp -r "$out/teacher" "$out/lab-error"
cp exercises/answers.fr.md "$out/teacher/$(./lab files ANSWERS)" # the French answer sheet, for the French bundle
cp -r "$out/bundle-en/lab" "$out/tampered" && rm -rf "$out/tampered/target"
sed -i '0,/<properties>/s::&<skipTests>true</skipTests>:' "$out/tampered/pom.xml"
sed -i 's:^\(\s*\)void apiAnswersHealth() {:&\n\1    if (true) return;:' "$out/tampered/src/test/java/dockerlab/exercises/Exercise03FirstImageTest.java"

grade() { # NAME LANG [ENV...]: the runner's call, in that checkout, with a fresh copy of the bundle (as each runner fetches
  # its own; with REUSE=OTHER, the bundle another grading used, as it left it); its exit code in NAME.rc
  local name=$1 lang=$2 bundle=$out/bundle-$1; shift 2
  if [ -n "${REUSE:-}" ]; then bundle=$out/bundle-$REUSE; else rm -rf "$bundle"; cp -r "$out/bundle-$lang" "$bundle"; fi
  (cd "$out/$name" && env CLASSROOM=docker-lab-ci ASSIGNMENT=docker-lab SUBMISSION_TAG="submit/ci-$name" \
     COMMIT_URL="https://example.invalid/$name/commit" CLASSROOM50_BUNDLE_DIR="$bundle" LAB_IMAGE_SUFFIX="-c50-$name" "$@" \
     timeout 900 python3 "$bundle/autograder.py" > "$out/$name.log" 2>&1; echo $? > "$out/$name.rc")
}
start=$(date +%s)
grade teacher fr & grade tampered en & wait
# the lab error in the English bundle the tampered grading compiled: what it proves needs no second compilation
REUSE=tampered grade lab-error en DOCKER_HOST=tcp://127.0.0.1:9
say "three gradings in $(( $(date +%s) - start )) s (the first two side by side)"

score() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["score"], r["max-score"], len(r["tests"]))' "$1"; }
for name in teacher tampered; do
  rc=$(cat "$out/$name.rc")
  if [ ! -s "$out/$name/result.json" ]; then bad "$name: no result.json (exit $rc; see $out/$name.log)"; tail -5 "$out/$name.log"; continue; fi
  teacher/lab-teacher validate "$out/$name/result.json" > "$out/$name.validate" || { bad "$name: result.json is not valid:"; cat "$out/$name.validate"; }
  [ "$rc" = 0 ] || bad "$name: exit $rc (a graded run exits 0, whatever its score)"
  [ -s "$out/$name/release-body.md" ] && [ -s "$out/$name/classroom50-release-assets/results.json" ] \
    || bad "$name: no release-body.md or no results.json asset"
  read -r got max tests < <(score "$out/$name/result.json")
  say "$name: $got / $max, $tests rows, valid against classroom50/result/v1, exit $rc"
  printf '%s %s\n' "$got" "$max" > "$out/$name.score"
done
read -r got max < "$out/teacher.score" 2>/dev/null && [ "$got" = "$max" ] && [ "$max" -gt 0 ] || bad "the teacher's edition does not get every point"
# every check, the written answers too (they score nothing, so the points alone do not show them)
unread=$(python3 -c 'import json,sys; print(" ".join(t["name"][:40] for t in json.load(open(sys.argv[1]))["tests"] if t["status"] != "passed"))' \
  "$out/teacher/classroom50-release-assets/results.json" 2>&1)
[ -z "$unread" ] && say "teacher (French answer sheet): every check passed, the written answers read" \
  || bad "the teacher's edition with the French answer sheet does not pass every check: $unread"
if python3 teacher/english-lines.py "$out/teacher/release-body.md" "$out/teacher/classroom50-release-assets" > "$out/teacher.english"; then
  say "teacher (French bundle): $(tail -1 "$out/teacher.english" | sed 's/^\[english-lines\] //')"
else
  bad "the French bundle's feedback holds English:"; cat "$out/teacher.english"
fi
python3 teacher/english-lines.py "$out/tampered/release-body.md" "$out/tampered/classroom50-release-assets" > /dev/null \
  && bad "teacher/english-lines.py finds no English in the English bundle's feedback: it cannot fail"
read -r got _ < "$out/tampered.score" 2>/dev/null && [ "$got" = 0 ] \
  || bad "the tampered hand-out gets points: the student's copy of the lab counted"
# the English hand-out's one run in CI (the grader's self-check runs the French one): its lab-result.json, a release
# asset, follows its schema, and every graded question fails, each failure pointing at a TODO
assets=$out/tampered/classroom50-release-assets
if teacher/lab-teacher checks "$assets" > "$out/tampered.checks" 2> /dev/null; then
  teacher/lab-teacher validate "$assets" > /dev/null || bad "tampered: its lab-result.json does not follow its schema"
  passed=$(awk -F'\t' '$1=="graded" && $2!="failed" {print "  " $4}' "$out/tampered.checks")
  notodo=$(awk -F'\t' '$1=="graded" && $3!="todo" {print "  " $4}' "$out/tampered.checks")
  [ -z "$passed" ] || { bad "the English hand-out: graded questions that do not fail:"; echo "$passed"; }
  [ -z "$notodo" ] || { bad "the English hand-out: failures that point at no TODO:"; echo "$notodo"; }
  [ -z "$passed$notodo" ] && say "tampered (the English hand-out): all $(awk -F'\t' '$1=="graded"' "$out/tampered.checks" | wc -l)" \
    "graded questions fail, each pointing at a TODO; lab-result.json a release asset, valid"
else
  bad "tampered: no lab-result.json among its release assets"
fi

rc=$(cat "$out/lab-error.rc")
if [ "$rc" = 0 ] || [ -e "$out/lab-error/result.json" ] || ! grep -q "NOT GRADED" "$out/lab-error/release-body.md" 2>/dev/null; then
  bad "lab error: exit $rc, result.json $([ -e "$out/lab-error/result.json" ] && echo written || echo absent), release body: $(head -3 "$out/lab-error/release-body.md" 2>/dev/null | tr '\n' ' ')"
else
  say "lab error: exit $rc, no result.json (Classroom 50 records an error, not a 0); release body: $(sed -n 3p "$out/lab-error/release-body.md" | cut -c1-140)"
fi
# the images of these gradings carry their suffix: none is a student's or the lab's own
docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E -e '-c50-(teacher|tampered|lab-error)$' | xargs -r docker rmi -f > /dev/null
exit $status
