"""Writes teacher/fixtures/: each broken submission as a patch on the teacher's student files (mistake.patch) and the
questions it must fail (expected.txt), which `bash teacher/check-grader.sh c` checks. Run it again after changing the
solution (a patch whose context changed no longer applies, and CI says so):  python3 teacher/make-fixtures.py"""
import os, shutil, subprocess, re, tempfile
ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX=ROOT+'/teacher/fixtures'
WORK=tempfile.mkdtemp()
PARTS=['src/main/java','src/main/resources','images/simple-api/Dockerfile','exercises/05-compose-stack/compose.yaml','exercises/answers.md']
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
T={ # display-name prefixes
'3.a':'3.a the API answers GET /health with 200 and {"status":"ok"} (your jar on a plain Java runtime)',
'3.b-pin':'3.b the Dockerfile starts from a pinned base image (a tag, never latest)',
'3.b-expose':'3.b the image exposes port 8000 (`docker image inspect simple-api:lab`)',
'3.b-user':'3.b the image runs as a non-root user',
'3.b-cmd':"3.b the image starts the API's jar with an exec-form command, so signals reach it",
'3.c-size':"3.c the image holds the API's jar and libraries, and adds under 25 MB to its base",
'4.a':'4.a with container port 8000 published (`-p`), the host reaches GET /health',
'4.b':'4.b GET /health answers 200, application/json and {"status":"ok"}',
'4.c':"4.c `docker ps` shows the container's name, its image and its PORTS, as in your answer sheet",
'4.d-list':'4.d after `docker stop` the container leaves `docker ps`; your command still lists it, exited',
'4.d-quick':"4.d `docker stop` takes well under Docker's 10 s: the API itself gets SIGTERM and quits",
'5.b':"5.b compose.yaml builds the api service's image from images/simple-api (`build:`)",
'5.c-run':"5.c `docker compose up -d` starts db and api, both running; db's state, as in your answer sheet",
'5.c-order':"5.c api starts only once db is ready (`depends_on` with a condition on db's health)",
'5.d':'5.d GET /health answers through the port compose publishes for api',
'5.e-t':'5.e your answer: `docker stop` versus `docker compose down` (teacher-graded)',
'6.a':'6.a `docker compose exec db psql -U demo -d demo` connects as demo to the database demo',
'6.b':"6.b SQL over JDBC on db's published port: the rows written are read back",
'6.c':'6.c the API reaches the database by its service name over the compose network; host and port, as in your answer sheet',
'6.d-v':'6.d `docker compose down -v` removes the volume: the data is gone at the next `up`; what went, as in your answer sheet',
'6.d-keep':'6.d data survives `docker compose down` then `up`: it lives in the named volume',
'7.a':"7.a `docker logs -f`: startup lines with the API's process id, as in your answer sheet, then an access line per GET /health",
'7.b':"7.b `docker exec`: the app's folder holds the deployed jar",
'7.d':'7.d a broken image (missing main class) exits non-zero, `docker logs` names the class; the exit code, as in your answer sheet',
'7.c-t':'7.c your answer: when a restart helps (teacher-graded)',
'7.e-t':'7.e your answer: why prune, and why filter by label (teacher-graded)',
'2.a-t':'2.a your answer: what an image is, what a container is (teacher-graded)',
'1.b':'1.b the operating system `docker info` reports for the server, as in your answer sheet',
'1.c':'1.c your command lists a stopped container, which `docker ps` alone does not',
'2.c':'2.c once its command is done the container is exited: its state and exit code, as in your answer sheet',
'2.d':'2.d a shell in the container shows a Linux root with `ls /`; the kernel `uname` names, as in your answer sheet',
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
make('06-no-healthcheck','db has no healthcheck and api a plain depends_on: [db]',[E5],G('5.c-run','5.c-order'),
  [lambda b: edit(b,CO,'''    healthcheck:
      # TCP, not the socket: during its first start the image runs a socket-only server to initialise
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "demo", "-d", "demo"]
      interval: 500ms
      timeout: 3s
      retries: 30
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
  G('5.b','5.c-run','5.c-order','5.d'),
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
  G('5.b','5.c-run','5.c-order','5.d'),
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
  G('3.a','3.b-expose','3.b-user','3.b-cmd','3.c-size','5.b','5.c-run','5.c-order','5.d'),[hostile_link_and_device])
make('19-image-too-big','the Dockerfile adds a 30 MB file: the image goes over its size budget',[E3],G('3.c-size'),
  [lambda b: edit(b,DF,'WORKDIR /app\n','WORKDIR /app\nRUN dd if=/dev/zero of=/app/cache.bin bs=1M count=30\n')])
make('20-db-port-not-published','db publishes no host port: the host cannot reach PostgreSQL (the API still can)',[E6],
  G('6.b'),[lambda b: edit(b,CO,'    ports:\n      - "${DB_HOST_PORT:-5432}:5432"\n','')])
make('21-jar-outside-workdir','WORKDIR is /srv while the jar is copied to /app (the API still starts)',[E3,E7],
  G('7.b'),[lambda b: edit(b,DF,'WORKDIR /app\n','WORKDIR /srv\n')])
