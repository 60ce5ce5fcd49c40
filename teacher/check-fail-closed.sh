#!/usr/bin/env bash
# The lab fails closed (issue 15): when Docker or the lab itself breaks, a run gives no points, exits non-zero and
# marks the questions as lab errors (scorecard, lab-result.json; results.not-graded.json, no results.json), in every mode: without CI
# (a student's laptop, Classroom 50's autograder, which passes no CI variable) and with CI=true.
# Each case runs Exercise01 (3 tests, seconds):
#   docker-stopped   the daemon is stopped for the run (with --stop-docker, as .ci/run does; started again after),
#                    otherwise DOCKER_HOST points at a socket nothing listens on
#   image-missing    an offline image of the catalog is removed for the run (it is tagged back afterwards)
#   pull-fails       online mode with no registry: the catalog's official images cannot be pulled
#   lab-exception    -Dlab.inject-fault=1.b: the lab throws inside question 1.b
# Usage: bash teacher/check-fail-closed.sh [--stop-docker] (after .ci/run's compilation; Docker and the offline images must work).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/target/fail-closed; rm -rf "$out"; mkdir -p "$out"
status=0
say() { printf '[fail-closed] %s\n' "$*"; }
shell_image=$( . images/catalog.env; echo "$SHELL_OFFLINE" )

# NAME MODE(student|ci) ENV... -- MAVEN ARGS...: one run; checks exit code, outcome and the lab-error marks
run_case() {
  local name=$1 mode=$2; shift 2
  local env=() args=()
  while [ "$1" != -- ]; do env+=("$1"); shift; done; shift; args=("$@")
  local results=$out/$name-$mode
  local ci=(); [ "$mode" = ci ] && ci=(CI=true)
  env -u CI -u LAB_OFFLINE -u LAB_SUBMISSION "${ci[@]}" "${env[@]}" timeout 300 ./mvnw -B -o -q surefire:test -Dtest=Exercise01EnvironmentTest \
    -Dlab.results="$results" -Dlab.surefire-suffix="-fail-closed-$mode" "${args[@]}" > "$results.log" 2>&1
  local rc=$?
  local scores outcome errors
  scores=$(teacher/lab-teacher scores "$results" 2>/dev/null)
  outcome=$(awk -F'\t' '$1=="outcome" {print $2}' <<< "$scores")
  errors=$(awk -F'\t' '$1=="lab-errors" {print $2}' <<< "$scores"); errors=${errors:-0}
  # no results.json (Gradescope: "the autograder failed", never a 0); its content in results.not-graded.json
  local score=none; [ -f "$results/results.json" ] && score="results.json written"
  [ -s "$results/results.not-graded.json" ] || score="no results.not-graded.json"
  local verdict=ok
  [ "$rc" != 0 ] && [ "$outcome" = lab-error ] && [ "$errors" -ge 1 ] && [ "$score" = none ] || { verdict=WRONG; status=1; }
  printf '[fail-closed] %-14s %-7s exit %-3s outcome %-9s lab errors %s, results.json: %s: %s\n' "$name" "$mode" \
    "$rc" "${outcome:-none}" "$errors" "$score" "$verdict"
  [ "$verdict" = ok ] || tail -20 "$results.log"
}

# NAME ENV... -- MAVEN ARGS...: the case in both modes, side by side (each run is mostly a JVM's start, on one core)
both_modes() {
  local name=$1; shift
  run_case "$name" student "$@" > "$out/$name-student.verdict" &
  run_case "$name" ci "$@" > "$out/$name-ci.verdict"
  wait $!
  cat "$out/$name-student.verdict" "$out/$name-ci.verdict"
  ! grep -q ': WRONG$' "$out/$name-student.verdict" "$out/$name-ci.verdict" || status=1
}

stop_docker=false; [ "${1:-}" = --stop-docker ] && stop_docker=true
if $stop_docker; then
  say "stopping dockerd for the docker-stopped case"
  pkill -x dockerd; for _ in $(seq 60); do docker info > /dev/null 2>&1 || break; sleep 0.5; done
  nowhere=()
else
  nowhere=(DOCKER_HOST=unix:///tmp/docker-lab-no-daemon.sock)
fi
both_modes docker-stopped "${nowhere[@]}" LAB_OFFLINE=true TESTCONTAINERS_RYUK_DISABLED=true \
  TESTCONTAINERS_HOST_OVERRIDE=localhost -- -Dlab.offline=true
if $stop_docker; then bash scripts/setup-docker.sh > "$out/setup-docker.log" 2>&1 || { say "dockerd did not start again"; exit 1; }; fi
docker tag "$shell_image" "$shell_image-fail-closed-backup" && docker rmi -f "$shell_image" > /dev/null
both_modes image-missing LAB_OFFLINE=true TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost \
  -- -Dlab.offline=true
docker tag "$shell_image-fail-closed-backup" "$shell_image" && docker rmi "$shell_image-fail-closed-backup" > /dev/null
both_modes pull-fails TESTCONTAINERS_HOST_OVERRIDE=localhost -- -Dlab.offline=false
both_modes lab-exception LAB_OFFLINE=true TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost \
  -- -Dlab.offline=true -Dlab.inject-fault=1.b
[ "$status" = 0 ] && say "every case: no points, a non-zero exit, the questions marked as lab errors" || say "FAILED"
exit $status
