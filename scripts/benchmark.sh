#!/usr/bin/env bash
# The lab's speed, measured on this machine: per test class and for the whole lab, warm (images present) and
# cold (the images the lab builds removed), and the irreducible part measured alone (one container run and stop,
# one compose up --wait and down -v, one image build without cache). The overhead is the warm lab over the
# irreducible cost of what the lab did (its container starts, compose stacks and builds, counted with
# `docker events` during the warm run). The output format is stable: one "name  seconds" row per line.
#   bash scripts/benchmark.sh            (LAB_OFFLINE=true for the offline image set; run after ./mvnw test-compile)
set -uo pipefail
cd "$(dirname "$0")/.."
export LAB_OFFLINE=${LAB_OFFLINE:-false}
out=target/benchmark; rm -rf "$out"; mkdir -p "$out"
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
