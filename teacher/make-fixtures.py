"""Writes teacher/fixtures/: each broken submission as a patch on the teacher's student files (mistake.patch) and the
questions it must fail (expected.txt), which `bash teacher/check-grader.sh c` checks. Run it again after changing the
solution (a patch whose context changed no longer applies, and CI says so):  python3 teacher/make-fixtures.py"""
import os, shutil, subprocess, re, tempfile
ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX=ROOT+'/teacher/fixtures'
WORK=tempfile.mkdtemp()
PARTS=subprocess.run(['./lab','files','--copy'],cwd=ROOT,check=True,capture_output=True,text=True).stdout.split() # the lab's one list
def base(d):
    if os.path.exists(d): shutil.rmtree(d)
    for p in PARTS:
        s=os.path.join(ROOT,p); t=os.path.join(d,p)
        if os.path.isdir(s): shutil.copytree(s,t)
        else:
            os.makedirs(os.path.dirname(t),exist_ok=True); shutil.copy(s,t)
def edit(d,path,old,new):
    p=os.path.join(d,path); s=open(p).read()
    if old not in s: raise SystemExit("nf %s: %s"%(path,old[:60]))
    open(p,'w').write(s.replace(old,new,1))
def answer(d,q,text):
    p=os.path.join(d,'exercises/answers.md'); s=open(p).read()
    s2=re.sub(r'(## '+re.escape(q)+r'\b[^\n]*\n\n<!-- BEGIN SOLUTION -->\n)(.*?)(<!-- END SOLUTION -->)', lambda m: m.group(1)+text+'\n'+m.group(3), s, count=1, flags=re.S)
    if s2==s: raise SystemExit('answer nf '+q)
    open(p,'w').write(s2)
def make(name, desc, classes, expected, edits, absent=None):
    a=os.path.join(WORK,'a'); b=os.path.join(WORK,'b')
    base(a); base(b)
    for e in edits: e(b)
    out=subprocess.run(['git','diff','--no-index','--no-prefix','a','b'],cwd=WORK,capture_output=True,text=True).stdout
    out=re.sub(r'^(---|\+\+\+) [ab]/', r'\1 ', out, flags=re.M)
    out=re.sub(r'^diff --git [ab]/(\S+) [ab]/(\S+)', r'diff --git \1 \2', out, flags=re.M)
    d=os.path.join(FIX,name); os.makedirs(d,exist_ok=True)
    open(d+'/mistake.patch','w').write(out)
    lines=['# '+desc,'classes: '+' '.join(classes)]
    if absent: lines.append('absent: '+absent)
    lines+=sorted(expected)
    open(d+'/expected.txt','w').write('\n'.join(lines)+'\n')
API='src/main/java/dockerlab/api/SimpleApi.java'; DF='images/simple-api/Dockerfile'; CO='exercises/05-compose-stack/compose.yaml'
E3='Exercise03FirstImageTest'; E4='Exercise04RunTheApiTest'; E5='Exercise05ComposeStackTest'; E6='Exercise06DatabaseTest'; E7='Exercise07DebuggingTest'; E1='Exercise01EnvironmentTest'; E2='Exercise02ImagesAndContainersTest'; E8='Exercise08ReflectionTest'
T={ # check ids: the question's number and the test method (Questions.id), the same in every language
'3.a':'3.a apiAnswersHealth', '3.b-pin':'3.b dockerfilePinsItsBaseImage', '3.b-expose':'3.b imageExposesPort8000',
'3.b-user':'3.b imageRunsAsNonRootUser', '3.b-cmd':'3.b imageUsesExecFormCommand', '3.c-size':'3.c imageStaysWithinItsSizeBudget',
'4.a':'4.a publishedPortReachesTheApi', '4.b':'4.b healthAnswersOk', '4.c':'4.c dockerPsShowsNameImageAndMapping',
'4.d-list':'4.d stoppedContainerIsExited', '4.d-quick':'4.d stopIsQuick', '5.b':'5.b apiIsBuiltFromItsDockerfile',
'5.c-run':'5.c bothServicesAreRunning', '5.c-order':'5.c apiStartsAfterTheDatabaseIsReady',
'5.c-health':'5.c healthcheckProbesPostgres', '5.d':'5.d healthThroughTheComposePort', '5.e-t':'5.e answerStopVersusDown',
'6.a':'6.a psqlConnectsAsDemo', '6.b':'6.b sqlRoundTripOverThePublishedPort', '6.c':'6.c apiReachesTheDatabaseByServiceName',
'6.d-v':'6.d downWithVolumesDeletesTheData', '6.d-keep':'6.d dataSurvivesDownAndUp', '7.a':'7.a logsShowStartupThenAccessLine',
'7.b':'7.b execListsTheDeployedArtifact', '7.d':'7.d brokenAppExitsAndLogsTheError', '7.c-t':'7.c answerWhenToRestart',
'7.e-t':'7.e answerWhyPrune', '2.a-t':'2.a answerImageVersusContainer', '1.b':'1.b dockerInfoReportsTheServersOperatingSystem',
'1.c':'1.c yourCommandListsAStoppedContainer', '2.c':'2.c finishedContainerIsExited', '2.d':'2.d shellShowsALinuxSystem',
}
G=lambda *ks:[T[k] for k in ks]
for old in (os.listdir(FIX) if os.path.isdir(FIX) else []):
    if os.path.isdir(os.path.join(FIX,old)): shutil.rmtree(os.path.join(FIX,old))
make('01-health-answers-plain-text','GET /health answers 200 with the text ok, not JSON',[E3,E4,E5],G('3.a','4.b','5.d'),
  [lambda b: edit(b,API,'http.get("/health", (req, res) -> json(res, 200, Map.of("status", "ok")));','http.get("/health", (req, res) -> "ok");')])
make('02-api-does-not-compile','the /health route misses a closing parenthesis: the API does not compile',[E3],G('3.a','3.b-expose','3.b-user','3.b-cmd','3.c-size'),
  [lambda b: edit(b,API,'Map.of("status", "ok")));','Map.of("status", "ok"));')])
make('03-base-image-latest','the Dockerfile starts from eclipse-temurin:latest',[E3],G('3.b-pin'),
  [lambda b: edit(b,DF,'ARG JRE_IMAGE=eclipse-temurin:17.0.20_8-jre','ARG JRE_IMAGE=eclipse-temurin:latest')])
make('04-no-expose','the Dockerfile does not EXPOSE 8000 (the API still runs and answers)',[E3,E4],G('3.b-expose'),
  [lambda b: edit(b,DF,'EXPOSE 8000\n','')])
make('05-cmd-wrong-jar-path','CMD starts /app/api.jar, which does not exist: the container exits at once',[E3,E4,E7],
  G('4.a','4.b','4.c','4.d-list','4.d-quick','7.a','7.b'),
  [lambda b: edit(b,DF,'CMD ["java", "-jar", "/app/simple-api.jar"]','CMD ["java", "-jar", "/app/api.jar"]')])
make('06-no-healthcheck','db has no healthcheck and api a plain depends_on: [db]; exercises 6 and 7 still pass: they judge the API\'s use of db once it is up, whatever the load',[E5,E6,E7],G('5.c-run','5.c-order','5.c-health'),
  [lambda b: edit(b,CO,'''    healthcheck:
      # TCP, not the socket: during its first start the image runs a socket-only server to initialise
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "demo", "-d", "demo"]
      interval: 500ms
      timeout: 3s
      retries: 30
      start_period: 30s
''',''), lambda b: edit(b,CO,'''    depends_on:
      db:
        condition: service_healthy''','''    depends_on:
      - db''')])
make('07-api-wrong-db-password','the API is given DB_PASSWORD: secret, the database is demo/demo',[E6],G('6.c','6.d-v','6.d-keep'),
  [lambda b: edit(b,CO,'      DB_PASSWORD: demo','      DB_PASSWORD: secret')])
make('08-api-port-not-published','api has no ports: the host cannot reach it',[E5,E6],G('5.d','6.c','6.d-v','6.d-keep'),
  [lambda b: edit(b,CO,'''    ports:
      - "${API_HOST_PORT:-8000}:8000"
''','')])
make('09-build-context-wrong','api is built from the compose folder, not images/simple-api',[E5],G('5.b'),
  [lambda b: edit(b,CO,'      context: ../../images/simple-api','      context: .')])
def early(b):
    answer(b,'1.b','macOS'); answer(b,'1.c','docker ps'); answer(b,'2.c','Up 2 seconds'); answer(b,'2.d','Darwin')
    answer(b,'4.c','8000:8000'); answer(b,'4.d','docker rm api')
make('10-answers-wrong-exercises-1-4','plausible wrong observations for 1.b, 1.c, 2.c, 2.d, 4.c, 4.d (one command the lab refuses to run)',[E1,E2,E4],
  G('1.b','1.c','2.c','2.d','4.c','4.d-list'),[early])
def late(b):
    answer(b,'5.c','running'); answer(b,'6.c','localhost:5432'); answer(b,'6.d','the images'); answer(b,'7.a','7'); answer(b,'7.d','0')
make('11-answers-wrong-exercises-5-7','plausible wrong observations for 5.c, 6.c, 6.d, 7.a, 7.d',[E5,E6,E7],
  G('5.c-run','6.c','6.d-v','7.a','7.d'),[late])
def teacher(b):
    answer(b,'2.a',''); answer(b,'7.e','TODO')
make('12-teacher-graded-unanswered','2.a left empty, 7.e left as TODO',[E2,E7],G('2.a-t','7.e-t'),[teacher])
make('13-hostile-privileged-docker-socket','db privileged, with the Docker socket and a host folder mounted (a canary file would be written)',[E5],
  G('5.b','5.c-run','5.c-order','5.c-health','5.d'),
  [lambda b: edit(b,CO,'''    volumes:
      - db-data:/var/lib/postgresql/data
''','''    privileged: true
    volumes:
      - db-data:/var/lib/postgresql/data
      - /var/run/docker.sock:/var/run/docker.sock
      - /tmp/docker-lab-canary:/canary
    entrypoint: ["sh", "-c", "touch /canary/ran; exec docker-entrypoint.sh postgres"]
''')], absent='/tmp/docker-lab-canary/ran')
make('14-hostile-host-namespaces','api on the host network and PID namespace with SYS_ADMIN and a build context outside the submission',[E5],
  G('5.b','5.c-run','5.c-order','5.c-health','5.d'),
  [lambda b: edit(b,CO,'''    ports:
      - "${API_HOST_PORT:-8000}:8000"
''','''    network_mode: host
    pid: host
    cap_add: [SYS_ADMIN]
'''), lambda b: edit(b,CO,'      context: ../../images/simple-api','      context: /')])

def root_shell_form(b):
    edit(b,DF,'USER api\n','')
    edit(b,DF,'CMD ["java", "-jar", "/app/simple-api.jar"]','CMD java -jar /app/simple-api.jar')
make('15-root-and-shell-form','the image runs as root and starts java through a shell-form CMD',[E3,E4],
  G('3.b-user','3.b-cmd','4.d-quick'),[root_shell_form])
make('16-wrong-postgres-db','POSTGRES_DB is app: the database demo that the API and psql use does not exist',[E6],
  G('6.a','6.b','6.c','6.d-v','6.d-keep'),
  [lambda b: edit(b,CO,'      POSTGRES_DB: demo','      POSTGRES_DB: app')])
def no_named_volume(b):
    edit(b,CO,'    volumes:\n      - db-data:/var/lib/postgresql/data\n','')
    edit(b,CO,'volumes:\n  db-data:\n','')
make('17-no-named-volume','db keeps its data in no named volume: a down then up loses it',[E6],
  G('6.d-keep','6.d-v'),[no_named_volume])
def hostile_link_and_device(b):
    os.symlink('/etc/shadow', os.path.join(b,'images/simple-api/secret'))
    edit(b,CO,'    image: ${POSTGRES_IMAGE:-postgres:16.15}\n',
         '    image: ${POSTGRES_IMAGE:-postgres:16.15}\n    devices:\n      - /dev/mem:/dev/mem\n')
make('18-hostile-link-and-device','a link to /etc/shadow beside the Dockerfile, and /dev/mem given to db',[E3,E5],
  G('3.a','3.b-pin','3.b-expose','3.b-user','3.b-cmd','3.c-size','5.b','5.c-run','5.c-order','5.c-health','5.d'),[hostile_link_and_device])
make('19-image-too-big','the Dockerfile copies the API four more times: the image goes over its size budget',[E3],G('3.c-size'),
  [lambda b: edit(b,DF,'WORKDIR /app\n','WORKDIR /app\n' + ''.join('COPY app/ /app/spare%d/\n' % i for i in range(4)))])
make('20-db-port-not-published','db publishes no host port: the host cannot reach PostgreSQL (the API still can)',[E6],
  G('6.b'),[lambda b: edit(b,CO,'    ports:\n      - "${DB_HOST_PORT:-5432}:5432"\n','')])
make('21-jar-outside-workdir','WORKDIR is /srv while the jar is copied to /app (the API still starts)',[E3,E7],
  G('7.b'),[lambda b: edit(b,DF,'WORKDIR /app\n','WORKDIR /srv\n')])

# --- wrong answers that used to pass for the wrong reason, or by the machine's speed (issue 15)
HEALTHCHECK='''    healthcheck:
      # TCP, not the socket: during its first start the image runs a socket-only server to initialise
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "demo", "-d", "demo"]
      interval: 500ms
      timeout: 3s
      retries: 30
      start_period: 30s
'''
make('22-healthcheck-probes-nothing','db\'s healthcheck is `exit 0`: healthy before PostgreSQL is, whatever the machine',[E5],
  G('5.c-health'),
  [lambda b: edit(b,CO,HEALTHCHECK,'''    healthcheck:
      test: ["CMD-SHELL", "exit 0"]
      interval: 500ms
      start_period: 30s
''')])
make('23-healthcheck-no-start-window','the healthcheck of the old TODO: pg_isready every half second, Docker\'s 3 retries (1.5 s for initdb)',[E5],
  G('5.c-health'),
  [lambda b: edit(b,CO,HEALTHCHECK,'''    healthcheck:
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "demo", "-d", "demo"]
      interval: 500ms
''')])
make('24-depends-on-started','api depends on db with `condition: service_started`: it does not wait for db\'s health',[E5],
  G('5.c-order'),
  [lambda b: edit(b,CO,'        condition: service_healthy','        condition: service_started')])
def newest_only(b):
    answer(b,'1.c','docker ps -l'); answer(b,'4.d','docker ps -n 3')
make('25-listing-newest-only','1.c and 4.d answered with `docker ps -l` / `-n 3`: what they list depends on what else runs',[E1,E4],
  G('1.c','4.d-list'),[newest_only])
make('26-volume-not-named','6.d answered "the volumes", without the volume\'s name that `docker volume ls` shows',[E6],
  G('6.d-v'),[lambda b: answer(b,'6.d','the volumes')])

# --- right answers written another way: each must pass everything it runs
def another_way(b):
    edit(b,CO,HEALTHCHECK,'''    healthcheck:
      test: pg_isready -h localhost -U $$POSTGRES_USER
      interval: 1s
      retries: 40
''')
    edit(b,CO,'      - db-data:/var/lib/postgresql/data','      - pgdata:/var/lib/postgresql/data')
    edit(b,CO,'volumes:\n  db-data:\n','volumes:\n  pgdata: {}\n')
    edit(b,CO,'''    depends_on:
      db:
        condition: service_healthy''','''    depends_on:
      db: {condition: service_healthy, restart: true}''')
    edit(b,DF,'CMD ["java", "-jar", "/app/simple-api.jar"]','ENTRYPOINT ["java", "-jar", "simple-api.jar"]')
    edit(b,API,'http.get("/health", (req, res) -> json(res, 200, Map.of("status", "ok")));',
         'http.get("/health", (request, response) -> {\n            return json(response, 200, Map.of("status", "ok"));\n        });')
    answer(b,'1.b','Linux (OSType: linux)'); answer(b,'1.c','`docker container ls --all`'); answer(b,'2.c','exited, code 0')
    answer(b,'2.d','`uname` says Linux'); answer(b,'4.c','0.0.0.0:8000->8000'); answer(b,'4.d','$ docker ps -a --filter status=exited')
    answer(b,'5.c','db is `Up (healthy)`: its healthcheck, pg_isready, passes'); answer(b,'6.d','05-compose-stack_pgdata')
    # the original lab's own fixed ports, and an observation that explains itself (issue 26)
    edit(b,CO,'- "${API_HOST_PORT:-8000}:8000"','- "8000:8000"')
    edit(b,CO,'- "${DB_HOST_PORT:-5432}:5432"','- "5432:5432"')
    answer(b,'6.c','db:5432 (the service name; `curl localhost:8000/db` shows "host":"db","port":5432, and localhost:5432 is only the host\'s view)')
    answer(b,'7.a','PID 1'); answer(b,'7.d','Exited (1)')
make('27-right-another-way','right answers written another way: CMD-SHELL healthcheck with retries, ENTRYPOINT, another volume, the seed\'s fixed ports, other words and explanations',
  [E1,E2,E3,E4,E5,E6,E7],[],[another_way])

# an API that answers every path with {"status":"ok"} (a catch-all instead of the /health route, issue 26): 3.a fails
make('28-catch-all-api','a catch-all route answers every path with 200 {"status":"ok"} instead of a GET /health route',[E3],
  G('3.a'),[lambda b: edit(b,API,'http.get("/health", (req, res) -> json(res, 200, Map.of("status", "ok")));',
                                  'http.get("*", (req, res) -> json(res, 200, Map.of("status", "ok")));')])

# --- the literal hand-out edition: each TODO answered with the least its words ask (the healthcheck as worded)
def literal(b):
    edit(b,CO,HEALTHCHECK,'''    healthcheck:
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "demo", "-d", "demo"]
      interval: 500ms
      start_period: 30s
''')
    edit(b,DF,'''# the API never needs root
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin api
''','''RUN useradd --system api
''')
    edit(b,DF,'# Pinned base image; the offline image set passes its own with --build-arg JRE_IMAGE=...\n','')
    edit(b,DF,'# exec form: java is PID 1 and receives docker stop\'s SIGTERM itself\n','')
make('00-literal-handout','the literal edition: each TODO answered with the least its words ask, nothing more',
  [E1,E2,E3,E4,E5,E6,E7,E8],[],[literal])
