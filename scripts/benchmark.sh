#!/usr/bin/env bash
# The lab's speed, measured on this machine: per test class and for the whole lab, warm (images present) and
# cold (the images the lab builds removed), and the irreducible part measured alone (one container run and stop,
# one compose up --wait and down -v, one image build without cache). The overhead is the warm lab over the
# irreducible cost of what the lab did (its container starts, compose stacks and builds, counted with
# `docker events` during the warm run). The output format is stable: one "name  seconds" row per line.
#   bash scripts/benchmark.sh            (LAB_OFFLINE=true for the offline image set; run after ./mvnw test-compile)
# Two other reports:
#   bash scripts/benchmark.sh --questions [RUNS]   each question, warm, in a run of the exercises (demonstrations included)
#       and in a grading run: its seconds, of them waiting on Docker (builds, starts, readiness, compose, shared stacks), and the
#       lab's own (lab-result.json's docker_seconds, teacher/lab-teacher times); the median of RUNS runs (default 3)
#   bash scripts/benchmark.sh --compare REV_A REV_B [RUNS]   both commits on this machine in one run, their whole lab
#       run one after the other RUNS times (default 2, alternating A B A B): the wall time and each test's (surefire's
#       reports, which every commit writes), medians side by side, and B's Docker seconds where its results have them
set -uo pipefail
cd "$(dirname "$0")/.."
export LAB_OFFLINE=${LAB_OFFLINE:-false}
out=target/benchmark; rm -rf "$out"; mkdir -p "$out"
root=$PWD

median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

if [ "${1:-}" = --questions ]; then
  runs=${2:-3}
  ./mvnw -B -q -o test-compile process-classes > "$out/build.log" 2>&1 || { echo "build failed: $out/build.log"; exit 1; }
  ./lab build 2>> "$out/build.log"
  for mode in full grading; do
    for ((i = 1; i <= runs; i++)); do
      # the exercises only, as a student's hand-out and a teacher's grading run them (the maintainers' tests of this
      # repository would run beside them and lengthen the run's wall)
      ./mvnw -B -o -q surefire:test -Dtest='dockerlab/exercises/*Test' -Dlab.grading=$([ $mode = grading ] && echo true || echo false) \
        -Dlab.results="$out/$mode-$i" > "$out/$mode-$i.log" 2>&1
      teacher/lab-teacher times "$out/$mode-$i" > "$out/$mode-$i.tsv" || { echo "no results: $out/$mode-$i.log"; exit 1; }
      python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$out/$mode-$i/lab-result.json" > "$out/$mode-$i.wall"
    done
  done
  echo "docker-lab per question · $(date -u +%Y-%m-%dT%H:%MZ) · $(git rev-parse --short HEAD) · $(nproc) cores · medians of $runs warm runs"
  printf '%-52s %-14s %7s %7s %7s   %7s %7s %7s\n' "check" "kind" "full" "docker" "lab" "grading" "docker" "lab"
  while IFS=$'\t' read -r id kind _; do
    line=$(printf '%-52s %-14s' "$id" "$kind")
    for mode in full grading; do
      for col in 3 4 5; do
        line+=$(printf ' %7s' "$(for f in "$out/$mode"-*.tsv; do awk -F'\t' -v id="$id" -v c=$col '$1 == id {print $c}' "$f"; done | median)")
      done
      line+="  "
    done
    echo "$line"
  done < "$out/full-1.tsv"
  for mode in full grading; do
    printf '%-67s %7s s (run wall, median)\n' "whole run, $mode" "$(cat "$out/$mode"-*.wall | median)"
  done
  exit 0
fi

if [ "${1:-}" = --compare ]; then
  [ $# -ge 3 ] || { echo "usage: bash scripts/benchmark.sh --compare REV_A REV_B [RUNS]" >&2; exit 2; }
  revs=("$2" "$3"); runs=${4:-2}
  for rev in "${revs[@]}"; do
    tree=$out/tree-$rev
    git worktree add -f --detach "$tree" "$rev" > /dev/null 2>&1 || { echo "no commit $rev"; exit 1; }
    (cd "$tree" && ./mvnw -B -q test-compile process-classes) > "$out/build-$rev.log" 2>&1 \
      || { echo "$rev does not build: $out/build-$rev.log"; exit 1; }
  done
  trap 'for rev in "${revs[@]}"; do git worktree remove -f "$out/tree-$rev" 2> /dev/null; done' EXIT
  for ((i = 1; i <= runs; i++)); do
    for rev in "${revs[@]}"; do
      tree=$out/tree-$rev; start=$(date +%s.%N)
      (cd "$tree" && ./mvnw -B -o -q surefire:test -Dlab.results="$root/$out/results-$rev-$i") > "$out/run-$rev-$i.log" 2>&1
      awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f\n", b - a}' > "$out/wall-$rev-$i"
      # each test's time, by class and name, from surefire's reports (every commit writes them)
      python3 - "$tree/target/surefire-reports" > "$out/tests-$rev-$i.tsv" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
for f in glob.glob(sys.argv[1] + "/TEST-dockerlab.exercises.*.xml"):
    for case in ET.parse(f).getroot().iter("testcase"):
        print(f"{case.get('name')[:60]}\t{float(case.get('time')):.1f}")
PY
    done
  done
  a=${revs[0]} b=${revs[1]}
  echo "docker-lab side by side · $(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · medians of $runs warm runs each, alternating"
  printf '%-62s %8s %8s %8s\n' "test (whole run, demonstrations included)" "$a" "$b" "B docker"
  cut -f1 "$out"/tests-*.tsv | sort -u | while IFS= read -r name; do
    ta=$(for f in "$out/tests-$a"-*.tsv; do awk -F'\t' -v n="$name" '$1 == n {print $2}' "$f"; done | median)
    tb=$(for f in "$out/tests-$b"-*.tsv; do awk -F'\t' -v n="$name" '$1 == n {print $2}' "$f"; done | median)
    docker=$(for d in "$out/results-$b"-*; do [ -f "$d/lab-result.json" ] && python3 -c '
import json, sys
for c in json.load(open(sys.argv[1]))["checks"]:
    if c["name"][:60] == sys.argv[2] and "docker_seconds" in c: print(c["docker_seconds"])' "$d/lab-result.json" "$name"; done | median)
    printf '%-62s %8s %8s %8s\n' "$name" "$ta" "$tb" "$docker"
  done
  printf '%-62s %8s %8s\n' "whole lab, wall (Maven included)" "$(cat "$out/wall-$a"-* | median)" "$(cat "$out/wall-$b"-* | median)"
  exit 0
fi
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }
row() { printf '%-52s %8s\n' "$1" "$2"; }
image() { # the catalog's name of a role, in this mode
  ( . images/catalog.env; eval echo "\$${1}_$([ "$LAB_OFFLINE" = true ] && echo OFFLINE || echo OFFICIAL)" )
}
lab() { # a surefire run of the compiled tests; extra arguments go to Maven
  ./mvnw -B -o -q surefire:test -Dlab.results="$out/results" "$@" > "$out/last.log" 2>&1
}
class_seconds() { # the JUnit time of each class in the last run's reports
  for f in target/surefire-reports/TEST-dockerlab.exercises.*.xml; do
    printf '%s %.1f\n' "$(basename "$f" .xml | sed 's/.*\.//')" "$(grep -o -m1 'time="[0-9.]*"' "$f" | grep -o '[0-9.]*')"
  done
}

./mvnw -B -q -o test-compile process-classes > "$out/build.log" 2>&1 || { echo "build failed: $out/build.log"; exit 1; }
jre=$(image JAVA_RUNTIME); shell=$(image SHELL); postgres=$(image POSTGRES)
echo "docker-lab benchmark · $(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · $([ "$LAB_OFFLINE" = true ] && echo offline || echo official) images"
row "part" "seconds"

# irreducible parts, each measured alone
t=$(now); docker run -d --name docker-lab-bench-c -l org.dockerlab=true "$shell" sleep 60 >/dev/null
docker rm -f docker-lab-bench-c >/dev/null; container=$(secs "$t" "$(now)")
row "irreducible: docker run -d + rm -f (shell image)" "$container"
t=$(now); DOCKER_BUILDKIT=0 docker build -q --no-cache -t docker-lab-bench:build --build-arg JRE_IMAGE="$jre" images/simple-api >/dev/null 2>&1
build=$(secs "$t" "$(now)"); docker rmi docker-lab-bench:build >/dev/null
row "irreducible: docker build --no-cache simple-api" "$build"
docker image inspect simple-api:lab >/dev/null 2>&1 || docker build -q -t simple-api:lab --build-arg JRE_IMAGE="$jre" images/simple-api >/dev/null 2>&1
t=$(now)
(cd exercises/05-compose-stack && POSTGRES_IMAGE=$postgres JRE_IMAGE=$jre DB_HOST_PORT=0 API_HOST_PORT=0 \
  docker compose -p docker-lab-bench up -d --wait --no-build >/dev/null 2>&1 &&
  docker compose -p docker-lab-bench down -v >/dev/null 2>&1)
compose=$(secs "$t" "$(now)")
row "irreducible: compose up -d --wait + down -v" "$compose"

# warm: the whole lab, counting what it starts and builds
# the daemon replays only its last events: follow them live during the run
docker events --format '{{.Type}}|{{.Action}}|{{index .Actor.Attributes "com.docker.compose.service"}}|{{index .Actor.Attributes "org.dockerlab"}}' > "$out/events" &
follower=$!
t=$(now); lab; warm=$(secs "$t" "$(now)")
sleep 1; kill "$follower"; events=$(cat "$out/events")
starts=$(awk -F'|' '$1=="container" && $2=="start" && $3=="" && $4=="true"' <<< "$events" | wc -l)
stacks=$(awk -F'|' '$1=="container" && $2=="start" && $3=="db"' <<< "$events" | wc -l)
builds=$(awk -F'|' '$1=="image" && $2=="tag"' <<< "$events" | wc -l)
while read -r cls s; do row "warm: $cls (in the whole run)" "$s"; done < <(class_seconds)
row "warm: whole lab (wall, Maven included)" "$warm"
irreducible=$(awk -v a="$starts" -v b="$stacks" -v c="$builds" -v x="$container" -v y="$compose" -v z="$build" \
  'BEGIN {printf "%.1f", a * x + b * y + c * z}')
row "irreducible: $starts containers, $stacks stacks, $builds builds" "$irreducible"
row "overhead: warm lab / irreducible" "$(awk -v w="$warm" -v i="$irreducible" 'BEGIN {printf "%.2fx", w / i}')"

# each class alone, as from the IDE or -Dtest=
for f in src/test/java/dockerlab/exercises/Exercise*Test.java; do
  cls=$(basename "$f" .java); t=$(now); lab -Dtest="$cls"; row "alone: $cls (wall)" "$(secs "$t" "$(now)")"
done

# cold: the images the lab builds removed first
docker rmi -f simple-api:lab simple-api:broken >/dev/null 2>&1
t=$(now); lab; row "cold: whole lab (wall, lab images removed)" "$(secs "$t" "$(now)")"
