#!/usr/bin/env bash
# The grader proves itself (run after the teacher's edition ran, so the API's libraries are built):
#   (a) the teacher's edition passes every graded question (its last run's target/lab-results);
#   (b) the generated hand-out, in French, fails every graded question, each failure pointing at a TODO (its time is
#       reported: a slow machine is no wrong verdict), a case of the lanes run with its demonstrations, as a student
#       runs it; the English one is graded once, by teacher/check-classroom50.sh (its tampered checkout is the English
#       hand-out, graded by the bundle's ./mvnw test), which checks the same of its lab-result.json; here, without a
#       run, both hand-outs hold no maintainers' test, and the English-lines check finds the English of its files;
#   (c) each broken submission of teacher/fixtures fails exactly the questions its expected.txt lists;
#   (d) the teacher's French answer sheet passing, the lab speaking French, is proven by teacher/check-classroom50.sh
#       (the French bundle grades the teacher's edition with it), in CI's fail-closed stage.
# (c) and (h) are grading runs (-Dlab.grading=true): demonstrations, which score nothing, are not run.
# The cases of (b) and (c) are graded in LAB_GRADER_JOBS warm JVMs side by side (2 by default), one case after the other
# in each, a fresh class loader per case (dockerlab.teacher.Cases). Each run has
# its own image names (-Dlab.image-suffix), build folder, results and reports; the reports are printed in order at the end.
#   (h) the hostile submissions of teacher/hostile that need Docker (contained, or marked end-to-end) are refused with
#       their reason or contained, within their bound, with the canaries untouched (a secret file, a folder outside,
#       another's container and network) and nothing left; every refused one is also a unit row (HostileCasesTest).
#       They run in one warm JVM, fed one case at a time (dockerlab.teacher.Cases reading a FIFO).
# Usage: bash teacher/check-grader.sh [a|b|c|h|all] [--update] [fixture-name...]. Needs LAB_OFFLINE set as for the tests.
#   --update: each fixture's expected.txt takes the checks its run failed (a run with a lab error changes nothing); review
#   the change with git diff before committing it.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
what=${1:-all}; shift || true
status=0
say() { printf '[grader-check] %s\n' "$*"; }
await_file() { timeout "$2" sh -c 'until [ -s "$1" ]; do sleep 0.1; done' sh "$1"; } # FILE SECONDS: until it has content
bad() { say "FAILED: $*"; status=1; }

# a run's checks, from its lab-result.json: kind, status, todo-or-dash, check id, name (teacher/lab-teacher checks; the
# lanes write them as checks.tsv, and failures.tsv as lab-teacher failures, in each case's results folder)
graded_not_failed() { awk -F'\t' '$1=="graded" && $2!="failed" {print "  " $4}' "$1"; }
graded_without_todo() { awk -F'\t' '$1=="graded" && $3!="todo" {print "  " $4}' "$1"; }

check_teacher() {
  local q=target/grader-check/teacher-checks.tsv
  teacher/lab-teacher checks target/lab-results > "$q" || { bad "(a) no target/lab-results/lab-result.json: run the tests first"; return; }
  teacher/lab-teacher validate target/lab-results || bad "(a) the teacher's lab-result.json does not follow its schema"
  local failed; failed=$(awk -F'\t' '$2!="passed" {print "  " $1 " " $2 ": " $4}' "$q")
  if [ -n "$failed" ]; then bad "(a) the teacher's edition does not pass everything:"; echo "$failed"; return; fi
  say "(a) teacher's edition: $(awk -F'\t' '$1=="graded"' "$q" | wc -l) graded questions passed," \
      "$(awk -F'\t' '$1=="teacher-graded"' "$q" | wc -l) teacher-graded answers written, $(wc -l < "$q") tests in all"
}

# the French hand-out runs as a student runs it (demonstrations included); the English one is Classroom 50's check's
# (the same tests, another language: what differs is proven by the French run)
write_handout() {
  local lang=$1 dir=$root/target/handout-$1
  rm -rf "$dir"
  java teacher/Handout.java "$dir" --lang "$lang" > /dev/null || { bad "(b) the hand-out ($lang) could not be written"; return 1; }
}
check_handout() {
  local lang=$1 dir=$root/target/handout-$1
  [ "$lang" = en ] || check_handout_run "$lang"
  # the student's run holds the exercises only: the maintainers' tests stay out of the hand-out
  local maintainers; maintainers=$(cd "$dir" && find src/test/java src/selfcheck -name '*Test.java' -not -path 'src/test/java/dockerlab/exercises/*' 2>/dev/null)
  [ -z "$maintainers" ] || { bad "(b) maintainers' tests in the hand-out ($lang): $maintainers"; }
  # the lab speaks the hand-out's language all the way: scorecard, messages, [docker-lab] lines, results files
  # the comments a student reads in the files they write and the given ones beside them
  local commented=("$dir/$(./lab files API)" "$dir/$(./lab files DOCKERFILE)" "$dir/$(./lab files COMPOSE)"
                   "$dir/exercises/06-database/compose.no-db-port.yaml" "$dir/images/simple-api-broken/Dockerfile")
  if [ "$lang" = en ]; then # the check below can fail: it finds the English of the English files alone (of an English
    # run: teacher/check-classroom50.sh)
    mkdir -p "$root/target/no-results"; : > "$root/target/no-log"
    python3 teacher/english-lines.py "$root/target/no-log" "$root/target/no-results" --files "${commented[@]}" > /dev/null \
      && bad "(b) teacher/english-lines.py finds no English in the English hand-out's file comments: it cannot fail"
    say "(b) hand-out (en): no maintainers' test in it, English found in its file comments (its run: Classroom 50's check)"
  fi
  if [ "$lang" = fr ]; then
    if python3 teacher/english-lines.py "$root/target/handout-fr-test.log" "$dir/target/lab-results" --files "${commented[@]}" \
         > "$root/target/handout-fr-english.txt"; then
      say "(b) hand-out (fr): $(tail -1 "$root/target/handout-fr-english.txt" | sed 's/^\[english-lines\] //')"
    else
      bad "(b) hand-out (fr): English left in a French run:"; cat "$root/target/handout-fr-english.txt"
    fi
  fi
}
check_handout_run() { # LANG: the hand-out's run fails every graded question, each pointing at a TODO
  local lang=$1 dir=$root/target/handout-$1 took
  took=$(case_seconds "handout-$lang")
  # the front door speaks the hand-out's language too: its lines join the run's for the English-lines check
  [ "$lang" = fr ] && (cd "$dir" && ./lab offline && ./lab online) >> "$root/target/handout-$lang-test.log" 2>&1
  local q=$root/target/handout-$lang-checks.tsv
  cp "$dir/target/lab-results/checks.tsv" "$q" 2> /dev/null || { bad "(b) the hand-out's run wrote no results (see target/handout-$lang-test.log)"; return; }
  local passed; passed=$(graded_not_failed "$q")
  [ -z "$passed" ] || { bad "(b) graded questions that do not fail on the hand-out:"; echo "$passed"; }
  local notodo; notodo=$(graded_without_todo "$q")
  [ -z "$notodo" ] || { bad "(b) failures that point at no TODO:"; echo "$notodo"; }
  [ -z "$passed$notodo" ] && say "(b) hand-out ($lang): all $(awk -F'\t' '$1=="graded"' "$q" | wc -l) graded questions fail," \
      "each pointing at a TODO; $(awk -F'\t' '$1=="teacher-graded" && $2=="failed"' "$q" | wc -l) teacher-graded" \
      "answers missing; run took ${took} s"
}

# java as surefire starts the tests (the pom's argLine, the offline profile's environment), without Maven's own start
java_command() {
  # the lab's test class path, as ./lab builds it (once; again when the pom or the sources changed)
  ./lab build > target/test-classpath.log 2>&1 || { bad "(c) no test classpath (see target/test-classpath.log)"; return; }
  lab_java=(env)
  [ "${LAB_OFFLINE:-}" = true ] && lab_java+=(TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost)
  # shellcheck disable=SC2207 # the argLine's flags are words
  # a grading run: the demonstrations, which score nothing and which no fixture compares, are not run
  lab_java+=(java $(sed -n 's:.*<argLine>\(.*\)</argLine>.*:\1:p' pom.xml) -Dbasedir="$root" -Dlab.grading=true
    -cp "$root/target/test-classes:$root/target/classes:$(cat target/lab-classpath.txt)")
}

# the teacher's student files, laid out like a submission, with the given answer sheet (the lab says which files)
mapfile -t copied < <(./lab files --copy)
answers_file=$(./lab files ANSWERS)
student_files() {
  local sub=$1 answers=$2 path
  for path in "${copied[@]}"; do mkdir -p "$sub/$(dirname "$path")"; cp -r "$path" "$sub/$path"; done
  cp "$answers" "$sub/$answers_file"
}

# the self-check's grading runs, graded in warm JVMs (dockerlab.teacher.Cases, a fresh class loader per case), the lanes:
# the case folders are laid out first; then each lane is sent the next case, costliest first, when it is done with its
# last (each Cases JVM writes the case's name to done.fifo), so that the lanes end together whatever a case costs; one
# more lane joins when the hostile cases are done, as the core their JVM used is free then
case_cost() { # CLASSES...: a rough cost of a grading run of them (every exercise when none), in seconds of a CI run
  local cost=0 c
  [ $# = 0 ] && set -- Exercise01 Exercise02 Exercise03 Exercise04 Exercise05 Exercise06 Exercise07 Exercise08
  case " $* " in *" Exercise05"*|*" Exercise06"*) cost=8 ;; esac # the stack's first start, whichever asks for it
  for c in "$@"; do case $c in Exercise06*) cost=$((cost + 10)) ;; Exercise04*|Exercise07*) cost=$((cost + 4)) ;;
    Exercise03*|Exercise05*) cost=$((cost + 3)) ;; *) cost=$((cost + 1)) ;; esac; done
  echo "$cost"
}
add_case() { # NAME SUBMISSION RESULTS SUFFIX LANG LOG CLASSES... (DEMONSTRATIONS=yes: a student's run, not a grading run)
  local name=$1 sub=$2 results=$3 suffix=$4 lang=$5 log=$6; shift 6
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(case_cost "$@")" "$name" "$sub" "$results" "$suffix" "$lang" "$log" "$*" \
    "$([ "${DEMONSTRATIONS:-}" = yes ] && echo demonstrations)" >> "$reports/cases.tsv"
}
run_lane() { # N: one JVM grading the cases lane-N.fifo brings, one after the other, each bounded (600 s)
  local n=$1 fd
  # only the dispatcher holds the lanes' FIFOs open for writing: a lane's JVM ends at its FIFO's end
  for ((fd = 8; fd <= 11 + jobs_max; fd++)); do eval "exec $fd>&-"; done
  "${lab_java[@]}" -Dlab.case-bound=600 -Dlab.cases-done="$reports/done.fifo" dockerlab.teacher.Cases "$reports/lane-$n.fifo" \
    > "$reports/lane-$n.log" 2>&1
  local rc=$?
  [ "$rc" = 0 ] || { bad "lane $n ended with exit code $rc (its cases without results were not graded):"; tail -5 "$reports/lane-$n.log"; }
  { echo "ended $n" >&9; } 9<> "$reports/done.fifo"
}
queue=(); next=0; lanes=0; declare -a lane_busy lane_case
start_lane() { # N: its JVM, its FIFO (fd 10+N) and its first case
  local n=$1
  rm -f "$reports/lane-$n.fifo"; mkfifo "$reports/lane-$n.fifo"
  launch "lane-$n" run_lane "$n"
  eval "exec $((10 + n))<> \"\$reports/lane-$n.fifo\"" # read-write: the open waits for no reader
  send_next "$n"
}
send_next() { # N: lane N's next case, or the end of its cases
  local n=$1
  if [ "$next" -lt "${#queue[@]}" ]; then
    printf '%s\n' "${queue[$next]}" >&$((10 + n))
    lane_case[$n]=${queue[$next]%%$'\t'*}; lane_busy[$n]=1; next=$((next + 1))
  else
    eval "exec $((10 + n))>&-"; lane_busy[$n]=0
  fi
}
dispatch() { # the cases to the lanes until every lane is done (a lane whose JVM ended mid-case loses that case)
  local n line
  [ -s "$reports/cases.tsv" ] || return 0
  mapfile -t queue < <(sort -t$'\t' -k1,1nr -s "$reports/cases.tsv" | cut -f2-)
  for ((n = 1; n <= jobs_max && next < ${#queue[@]}; n++)); do lanes=$n; start_lane "$n"; done
  while [[ " ${lane_busy[*]} " == *" 1 "* ]]; do
    IFS= read -r -t 660 line <&8 || { bad "no lane ended a case within 660 s: the cases not sent were not graded"; break; }
    case $line in
      join) [ "$next" -lt "${#queue[@]}" ] && { lanes=$((lanes + 1)); start_lane "$lanes"; } ;;
      "ended "*) n=${line#ended }; [ "${lane_busy[$n]:-0}" = 1 ] && { lane_busy[$n]=0; eval "exec $((10 + n))>&-"; } ;;
      *) for ((n = 1; n <= lanes; n++)); do
           [ "${lane_busy[$n]:-0}" = 1 ] && [ "${lane_case[$n]}" = "$line" ] && { send_next "$n"; break; }
         done ;;
    esac
  done
  for ((n = 1; n <= lanes; n++)); do eval "exec $((10 + n))>&-"; done
}

# a fixture is the teacher's student files with one mistake (mistake.patch) applied
prepare_fixture() {
  local fixture=$1 name; name=$(basename "$fixture")
  local work=$root/target/fixtures/$name${LAB_FIXTURE_TAG:-} sub
  sub=$work/submission
  rm -rf "$work"; student_files "$sub" exercises/answers.md
  # outside any repository (the work folder is inside this one): paths are relative to the submission
  (cd "$sub" && GIT_CEILING_DIRECTORIES="$work" git apply -p0 "$fixture/mistake.patch") || { bad "$name: mistake.patch does not apply"; return; }
  local absent; absent=$(sed -n 's/^absent: //p' "$fixture/expected.txt")
  [ -n "$absent" ] && rm -rf "$absent"
  # shellcheck disable=SC2046 # one class name per word
  add_case "fixture-$name" "$sub" "$work/results" "-fixture-${name%%-*}${LAB_FIXTURE_TAG:-}" en "$work/test.log" \
    $(sed -n 's/^classes: //p' "$fixture/expected.txt")
}
judge_fixture() {
  local fixture=$1 name; name=$(basename "$fixture")
  local work=$root/target/fixtures/$name${LAB_FIXTURE_TAG:-} absent
  [ -d "$work/submission" ] || return # its patch did not apply: said above
  absent=$(sed -n 's/^absent: //p' "$fixture/expected.txt")
  local q=$work/checks.tsv
  cp "$work/results/checks.tsv" "$q" 2> /dev/null || { bad "$name: no results (see $work/test.log)"; return; }
  grep -v -e '^#' -e '^classes: ' -e '^absent: ' "$fixture/expected.txt" | sort > "$work/expected"
  # a lab error is never a student's failure: it shows in the diff as such
  awk -F'\t' '$1!="demonstration" && $2=="failed" {print $4} $2=="lab-error" {print $4 " (LAB ERROR)"}' "$q" \
    | sort > "$work/failed"
  if [ "$update" = yes ] && ! grep -q 'LAB ERROR' "$work/failed"; then # the run's failures become the expected ones
    { grep -e '^#' -e '^classes: ' -e '^absent: ' "$fixture/expected.txt"; cat "$work/failed"; } > "$fixture/expected.txt.new"
    mv "$fixture/expected.txt.new" "$fixture/expected.txt"; cp "$work/failed" "$work/expected"
  fi
  if ! diff -u "$work/expected" "$work/failed" > "$work/diff"; then
    bad "$name: failed questions differ from expected.txt (- expected, + failed):"; sed -n '3,$p' "$work/diff" | sed 's/^/  /'
  elif [ -n "$absent" ] && [ -e "$absent" ]; then
    bad "$name: $absent exists: something of the refused submission ran"
  else
    say "$name: fails exactly its $(wc -l < "$work/expected") expected question(s)$([ -n "$absent" ] && echo ", and nothing of it ran")," \
        "$(awk -F'\t' '$1=="graded" && $2=="passed"' "$q" | wc -l) graded checks passed, $(case_seconds "fixture-$name") s"
  fi
}
case_seconds() { sed -n "s/^\[cases\] $1 \([0-9]*\)$/\1/p" "$reports"/lane-*.log 2>/dev/null | head -1; }

# a hostile submission: the teacher's files changed by its setup.sh; refused (the reason in its output) or contained
CANARY=/tmp/docker-lab-canary
HOSTILE_BOUND=${LAB_HOSTILE_BOUND:-300}
plant_canaries() {
  local shell; shell=$(sed -n "s/^SHELL_$([ "${LAB_OFFLINE:-}" = true ] && echo OFFLINE || echo OFFICIAL)=//p" images/catalog.env)
  remove_canaries
  mkdir -p "$CANARY/outside"
  LAB_CANARY_TOKEN=canary-$(od -An -N8 -tx8 /dev/urandom | tr -d ' '); export LAB_CANARY_TOKEN
  echo "$LAB_CANARY_TOKEN" > "$CANARY/secret"
  printf 'FROM scratch\nCOPY secret /\n' > "$CANARY/Dockerfile"
  printf 'services:\n  db:\n    image: %s\n    volumes: ["%s/outside:/o"]\n    command: ["touch", "/o/evil"]\n' "$shell" "$CANARY" > "$CANARY/evil.yaml"
  # someone else's: no label of the lab's, so nothing of the lab may touch them
  docker network create docker-lab-victim > /dev/null
  docker run -d --name docker-lab-victim --network docker-lab-victim "$shell" \
    sh -c "echo $LAB_CANARY_TOKEN > /secret; exec sleep 86400" > /dev/null
  catalog_ids=$(docker image ls -q --no-trunc --filter reference='docker-lab/*' | sort)
  # a server on the grader's host, on every address (the bridges' gateways too): whoever connects is written down
  python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", 0)); s.listen(16)
open(sys.argv[1] + "/host-port", "w").write(str(s.getsockname()[1]))
while True:
    c, a = s.accept(); open(sys.argv[1] + "/host-knocks", "a").write(a[0] + "\n"); c.close()' "$CANARY" &
  host_server=$!
  await_file "$CANARY/host-port" 10
  LAB_CANARY_PORT=$(cat "$CANARY/host-port"); export LAB_CANARY_PORT
}
remove_canaries() {
  [ -n "${host_server:-}" ] && kill "$host_server" 2>/dev/null
  docker rm -f docker-lab-victim > /dev/null 2>&1; docker network rm docker-lab-victim > /dev/null 2>&1; rm -rf "$CANARY"
}
check_canaries() { # NAME: what a hostile run must have left as it was
  local name=$1 problem=""
  [ -z "$(ls -A "$CANARY/outside")" ] || problem+=" the folder outside was written ($(ls "$CANARY/outside" | head -3 | tr '\n' ' '));"
  [ "$(cat "$CANARY/secret")" = "$LAB_CANARY_TOKEN" ] || problem+=" the secret file changed;"
  [ "$(docker exec docker-lab-victim cat /secret 2>/dev/null)" = "$LAB_CANARY_TOKEN" ] || problem+=" the victim container is gone or changed;"
  [ "$(docker network inspect -f '{{len .Containers}}' docker-lab-victim 2>/dev/null)" = 1 ] || problem+=" a container joined the victim network;"
  [ "$(docker image ls -q --no-trunc --filter reference='docker-lab/*' | sort)" = "$catalog_ids" ] \
    || problem+=" an image of the catalog was replaced;"
  [ ! -s "$CANARY/host-knocks" ] || problem+=" a container reached a server on the grader's host (from $(sort -u "$CANARY/host-knocks" | tr '\n' ' '));"
  echo "$problem"
}

# FILE: until killed, the growth of the machine's used disk (Docker's folder) and memory since it started, in MB, at
# their peak, sampled every half second (the runs beside it count too: an upper bound of this run's)
HOSTILE_DISK_MB=${LAB_HOSTILE_DISK_MB:-1536} # the runs beside count too: a case that got out grew it by GBs (5128 MB)
sample_peaks() {
  local file=$1 docker_dir disk0 mem0 disk mem max_disk=0 max_mem=0
  docker_dir=$(docker info -f '{{.DockerRootDir}}' 2> /dev/null || echo /)
  disk0=$(df -B1M --output=used "$docker_dir" | tail -1); mem0=$(free -m | awk '/^Mem:/ {print $3}')
  echo "0 0" > "$file"
  trap 'exit 0' TERM
  while :; do
    disk=$(( $(df -B1M --output=used "$docker_dir" | tail -1) - disk0 )); mem=$(( $(free -m | awk '/^Mem:/ {print $3}') - mem0 ))
    [ "$disk" -gt "$max_disk" ] && max_disk=$disk; [ "$mem" -gt "$max_mem" ] && max_mem=$mem
    echo "$max_disk $max_mem" > "$file"
    sleep 0.5
  done
}

# the hostile cases are graded in one warm JVM (dockerlab.teacher.Cases), fed one case at a time through a FIFO: each case
# is checked before the next is sent. A case past its bound ends that JVM (exit 124); the next case starts another.
hostile_jvm=""
start_hostile_jvm() {
  rm -f "$reports/hostile.fifo"; mkfifo "$reports/hostile.fifo"
  exec 7<> "$reports/hostile.fifo" # read-write: the open does not wait for the reader
  : >> "$reports/hostile-jvm.log"
  "${lab_java[@]}" -Dlab.case-bound="$HOSTILE_BOUND" dockerlab.teacher.Cases "$reports/hostile.fifo" 7>&- \
    >> "$reports/hostile-jvm.log" 2>&1 &
  hostile_jvm=$!
}
stop_hostile_jvm() { # its end of file: the JVM ends after its last case
  [ -n "$hostile_jvm" ] || return 0
  exec 7>&-; wait "$hostile_jvm" 2>/dev/null; hostile_jvm=""
}
grade_hostile() { # NAME SUBMISSION WORK CLASSES: one grading run of the case in the warm JVM, waited for within its bound
  local name=$1 from
  [ -n "$hostile_jvm" ] && kill -0 "$hostile_jvm" 2>/dev/null || { stop_hostile_jvm; start_hostile_jvm; }
  from=$(( $(wc -l < "$reports/hostile-jvm.log") + 1 ))
  printf 'hostile-%s\t%s\t%s\t-hostile-%s\ten\t%s\t%s\t\n' "$name" "$2" "$3/results" "${name%%-*}" "$3/test.log" "$4" >&7
  timeout $(( HOSTILE_BOUND + 60 )) tail -n +"$from" -f --pid="$hostile_jvm" "$reports/hostile-jvm.log" \
    | grep -m1 -q "^\[cases\] hostile-$name [0-9]*$"
  [ "${PIPESTATUS[1]}" = 0 ] || { echo "[cases] hostile-$name: no end seen (see $reports/hostile-jvm.log)" >> "$3/test.log"
    kill "$hostile_jvm" 2>/dev/null; stop_hostile_jvm; }
}

check_hostile() {
  local fixture=$1 name; name=$(basename "$fixture")
  local work=$root/target/hostile/$name sub verdict reason start took problem seen
  sub=$work/submission
  rm -rf "$work"; student_files "$sub" exercises/answers.md
  (cd "$sub" && CANARY=$CANARY bash "$fixture/setup.sh") || { bad "h $name: setup.sh failed"; return; }
  verdict=$(sed -n 's/^\(refused\|contained\): .*/\1/p' "$fixture/expected.txt")
  reason=$(sed -n 's/^refused: //p' "$fixture/expected.txt")
  # the case starts once the sampler has its baseline, its first line (a quick refusal once ended before the sampler
  # wrote it: no file to read, and the hostile cases after it were not run)
  sample_peaks "$work/peaks" & local sampler=$!
  await_file "$work/peaks" 30
  start=$(date +%s)
  grade_hostile "$name" "$sub" "$work" "$(sed -n 's/^classes: //p' "$fixture/expected.txt")"
  took=$(( $(date +%s) - start ))
  kill "$sampler" 2> /dev/null; wait "$sampler" 2> /dev/null
  local disk_mb=0 memory_mb=0
  problem=$(check_canaries "$name")
  read -r disk_mb memory_mb < "$work/peaks" || problem+=" no sample of the disk and memory (the sampler did not start within 30 s);"
  [ "$disk_mb" -le "$HOSTILE_DISK_MB" ] || problem+=" the machine's disk grew by ${disk_mb} MB during the run (bound ${HOSTILE_DISK_MB} MB);"
  [ "$took" -lt "$HOSTILE_BOUND" ] || problem+=" it held the grader ${took} s (bound ${HOSTILE_BOUND} s);"
  [ -s "$work/results/scorecard.md" ] || problem+=" no scorecard was written;"
  grep -rqF "$LAB_CANARY_TOKEN" "$work/results" "$work/test.log" "$root"/target/lab-build/submission-*/compose.checked*.json 2>/dev/null \
    && problem+=" the secret reached the grader's outputs;"
  seen=$(cut -f3 "$work/results/failures.tsv" 2>/dev/null | grep -o "Refused: .*" | grep -m1 -F "$reason" | cut -c1-220)
  if [ "$verdict" = refused ] && [ -z "$seen" ]; then problem+=" not refused with \"$reason\";"; fi
  # a contained case may name what its containment says (message: in expected.txt): a failure must say it
  local said; said=$(sed -n 's/^message: //p' "$fixture/expected.txt")
  if [ -n "$said" ]; then
    seen=$(cut -f3 "$work/results/failures.tsv" 2>/dev/null | grep -m1 -F "$said" | cut -c1-220)
    [ -n "$seen" ] || problem+=" no failure says \"$said\";"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$verdict" "$took" "$disk_mb" "$memory_mb" \
    "${seen:-$(sed -n 's/^contained: //p' "$fixture/expected.txt")}" > "$work/verdict.tsv"
  if [ -n "$problem" ]; then bad "h $name:$problem (see $work/test.log)"; else
    say "h $name: $verdict, ${took} s, peak disk +${disk_mb} MB, peak memory +${memory_mb} MB: ${seen:-nothing got out}"; fi
}

jobs_max=${LAB_GRADER_JOBS:-2}
update=no
[ "${1:-}" = --update ] && { update=yes; shift; }
reports=$root/target/grader-check
rm -rf "$reports"; mkdir -p "$reports"
mkfifo "$reports/done.fifo"; exec 8<> "$reports/done.fifo" # the lanes' JVMs tell each case's end here
checks=()
# in the background (the lanes: $jobs_max of them, one more once the hostile cases are done): NAME COMMAND...; its lines and exit code go to $reports
launch() {
  local name=$1; shift
  checks+=("$name")
  ( status=0; start=$(date +%s); "$@"; echo "$status" > "$reports/$name.rc"
    echo "$name $(( $(date +%s) - start ))" > "$reports/$name.seconds" ) > "$reports/$name.out" 2>&1 &
  launched+=($!)
}
launched=()
# in this shell, after the runs: NAME COMMAND...; its lines and exit code go to $reports like a launched one's
judge() {
  local name=$1; shift
  checks+=("$name")
  ( status=0; "$@"; echo "$status" > "$reports/$name.rc" ) > "$reports/$name.out" 2>&1
}

case $what in a|all) check_teacher ;; esac
case $what in c|h|all) java_command ;; esac
case $what in b|all)
  [ -n "${lab_java+set}" ] || java_command
  if write_handout fr && write_handout en; then
    DEMONSTRATIONS=yes add_case handout-fr "$root/target/handout-fr" "$root/target/handout-fr/target/lab-results" -handout-fr fr \
      "$root/target/handout-fr-test.log"
    handouts=yes
  fi ;;
esac
case $what in c|all)
  fixtures=("$@"); [ ${#fixtures[@]} = 0 ] && fixtures=(teacher/fixtures/*/)
  for f in "${fixtures[@]}"; do prepare_fixture "$root/${f%/}"; done ;;
esac
# the hostile cases, one after another in a warm JVM of their own (each run's canary check must be its own), beside the
# lanes: the fixtures' runs touch none of the canaries. End to end, only what needs Docker: the contained cases and a
# few refusals (each refusal is a unit row of HostileCasesTest); naming cases runs those
case $what in
  h|all)
    hostile=("$@")
    if [ "$what" = all ] || [ ${#hostile[@]} = 0 ]; then
      hostile=(); for f in teacher/hostile/*/; do grep -q -e '^contained: ' -e '^end-to-end: yes' "$f/expected.txt" && hostile+=("$f"); done
    fi
    plant_canaries
    for f in "${hostile[@]}"; do checks+=("hostile-$(basename "$f")"); done
    { for f in "${hostile[@]}"; do
        status=0; check_hostile "$root/${f%/}" > "$reports/hostile-$(basename "$f").out" 2>&1
        echo "$status" > "$reports/hostile-$(basename "$f").rc"
      done; stop_hostile_jvm; { echo join >&9; } 9<> "$reports/done.fifo"; } &
    hostile_runs=$! ;;
esac
dispatch
# shellcheck disable=SC2086 # none or one pid
wait "${launched[@]}" ${hostile_runs:-} # not the canaries' server, which runs until remove_canaries
if [ -n "${hostile_runs:-}" ]; then
  cat target/hostile/*/verdict.tsv > "$reports/hostile.tsv" 2>/dev/null
  remove_canaries
fi
case $what in b|all) [ -n "${handouts:-}" ] && for lang in fr en; do judge "handout-$lang" check_handout "$lang"; done ;; esac
case $what in c|all) for f in "${fixtures[@]}"; do judge "fixture-$(basename "$f")" judge_fixture "$root/${f%/}"; done ;; esac
# the time each run took, for whoever makes the self-check faster
{ for name in "${checks[@]}"; do cat "$reports/$name.seconds" 2>/dev/null; done
  sed -n 's/^\[cases\] \([^ ]*\) \([0-9]*\)$/\1 \2/p' "$reports"/lane-*.log 2>/dev/null; } > "$reports/seconds.txt"
for name in "${checks[@]}"; do
  cat "$reports/$name.out"
  [ "$(cat "$reports/$name.rc" 2>/dev/null)" = 0 ] || { [ -s "$reports/$name.rc" ] || say "FAILED: $name ended early"; status=1; }
done
# the images of these runs carry their suffix: none of them is a student's or the lab's own
docker image ls --format '{{.Repository}}:{{.Tag}}' simple-api | grep -E -e '-(handout-(en|fr)|fixture-[0-9]+[a-z0-9-]*|hostile-[0-9]+|answers-fr)$' \
  | xargs -r docker rmi -f > /dev/null
exit $status
