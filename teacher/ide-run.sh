#!/usr/bin/env bash
# The IDE's run button after an edit, without Maven (issue 17): in a scratch copy of the teacher's edition, with this
# clone's compiled classes standing for the IDE's own build, SimpleApi.java is edited and Exercise03 runs through the
# JUnit Platform launcher, as an IDE runs it, in an environment with none of the lab's variables, the offline switch being the file lab.properties only.
#   1. the edit breaks /health: 3.a must fail (a stale jar would pass it)
#   2. the edit is undone: 3.a must pass again
# Usage: bash teacher/ide-run.sh    (Docker and the offline images as for the tests; about 20 s)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD work=$PWD/target/ide-run
rm -rf "$work"; mkdir -p "$work/lab"
git ls-files -z | xargs -0 -I{} cp --parents {} "$work/lab/"
cd "$work/lab"
printf 'offline=true\n' > lab.properties
# the IDE's own build of the same sources, before the edit: this clone's compiled classes and its test class path
# (./lab builds them once)
[ -s "$root/target/lab-classpath.txt" ] || (cd "$root" && ./lab build > "$work/maven.log" 2>&1)
mkdir -p target && cp -r "$root/target/classes" "$root/target/test-classes" target/
cp -r "$root/images/simple-api/app" images/simple-api/ # the API's libraries, which Maven's build puts there
cp "$root/target/lab-classpath.txt" "$work/classpath.txt"
api=src/main/java/dockerlab/api/SimpleApi.java
status=0

# an IDE's JUnit run: java with the test classpath and the launcher, the project as working folder, no lab variable
ide_run() { # NAME
  env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 timeout 300 java -XX:TieredStopAtLevel=1 \
    -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" dockerlab.grading.RunExercises \
    Exercise03FirstImageTest > "$work/$1.log" 2>&1 || true
  "$root/teacher/lab-teacher" checks "$PWD/target/lab-results" | awk -F'\t' '$4 ~ /^3\.a / {print $2}'
}

# each run rebuilds simple-api:lab from the edited source: the image it replaced, when the lab's own (a student's build
# stays) and now without a name, must go with it (one <none> line in `docker image ls` per edit otherwise)
image_id() { docker image inspect -f '{{.Id}}' simple-api:lab 2> /dev/null || true; }
replaced=($(image_id))
cp "$api" "$work/SimpleApi.java.right"
sed -i 's/Map.of("status", "ok")/Map.of("status", "okay")/' "$api"
grep -q '"okay"' "$api" || { echo "[ide-run] the edit did not apply"; exit 1; }
seen=$(ide_run edited)
replaced+=($(image_id))
if [ "$seen" = failed ]; then echo "[ide-run] after an edit that breaks /health, 3.a fails: ok (the lab graded the edited source)"
else echo "[ide-run] after an edit that breaks /health, 3.a is '$seen', expected failed (see $work/edited.log)"; status=1; fi
grep -q 'okay' "$work/edited.log" || { echo "[ide-run] the failure does not show the edited body"; status=1; }
cp "$work/SimpleApi.java.right" "$api"
seen=$(ide_run undone)
if [ "$seen" = passed ]; then echo "[ide-run] after undoing it, 3.a passes: ok"
else echo "[ide-run] after undoing the edit, 3.a is '$seen', expected passed (see $work/undone.log)"; status=1; fi
# dangling as Docker says: no name and no image built on it (simple-api:broken is built FROM simple-api:lab and keeps
# the one it was built on, out of docker image ls)
current=$(image_id) left=0
dangling=$(docker image ls -q --no-trunc --filter dangling=true --filter label=org.dockerlab=true)
for id in $(printf '%s\n' "${replaced[@]}" | sort -u); do
  [ "$id" != "$current" ] && grep -qx "$id" <<< "$dangling" && left=$((left + 1))
done
if [ "$left" = 0 ]; then echo "[ide-run] the images the edits replaced are gone: no <none> line left in docker image ls"
else echo "[ide-run] $left image(s) of the lab's, replaced by the edits' builds, are still there without a name:"
  docker image ls --filter dangling=true --filter label=org.dockerlab=true; status=1; fi
for v in TESTCONTAINERS_RYUK_DISABLED TESTCONTAINERS_HOST_OVERRIDE LAB_OFFLINE; do
  grep -q "$v" "$work/edited.log" && { echo "[ide-run] the run asked for $v"; status=1; }
done
exit "$status"
