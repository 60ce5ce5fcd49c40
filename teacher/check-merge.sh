#!/usr/bin/env bash
# The class workflow's merge step, tested here on a class graded by teacher/grade-class.sh: each student's folder is
# laid out as the workflow's artifacts are (artifacts/result-NAME/…), merged by teacher/merge-class.py, and the
# class.csv it writes must be the one grade-class.sh wrote, byte for byte; a student whose runner died (no row.csv)
# must come out with no points and its outcome said.
#   bash teacher/check-merge.sh CLASS_DIR      (the OUT_DIR of a grade-class.sh run)
set -euo pipefail
cd "$(dirname "$0")/.."
class=$1 work=target/merge-check
rm -rf "$work"; mkdir -p "$work/artifacts"
for dir in "$class"/*/; do
  [ -f "$dir/row.csv" ] && cp -r "$dir" "$work/artifacts/result-$(basename "$dir")"
done
python3 teacher/merge-class.py "$work/class" "$work/artifacts" > /dev/null
if ! cmp -s "$class/class.csv" "$work/class/class.csv"; then
  echo "[merge-check] the merged class.csv differs from grade-class.sh's:"; diff "$class/class.csv" "$work/class/class.csv"; exit 1
fi
# a runner that died before its result: its folder holds a log and no row
mkdir -p "$work/class/runner-died" && echo "killed" > "$work/class/runner-died/test.log"
python3 teacher/merge-class.py "$work/class" > /dev/null
grep -q '^runner-died,,,,,,,,,,,,,no results: the grading did not end,' "$work/class/class.csv" \
  || { echo "[merge-check] a student without a result is not said so in class.csv"; exit 1; }
# names a spreadsheet or a browser would run: a formula, a script link, an accented name
first=$(ls -d "$work/artifacts"/result-*/ | head -1)
for name in '=HYPERLINK("x","y")' '+1+1' '-2+3' '@SUM(1)' 'javascript:alert(3)' 'élève Zoë'; do
  cp -r "$first" "$work/artifacts/result-$name"
  python3 - "$work/artifacts/result-$name/row.csv" "$name" <<'PY'
import csv, io, sys
row = next(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))); row[0] = sys.argv[2]
out = io.StringIO(); csv.writer(out, lineterminator="\n").writerow(row); open(sys.argv[1], "w", encoding="utf-8").write(out.getvalue())
PY
done
rm -rf "$work/names"; python3 teacher/merge-class.py "$work/names" "$work/artifacts" > /dev/null
python3 - "$work/names" <<'PY' || exit 1
import csv, re, sys
from pathlib import Path
out = Path(sys.argv[1])
cells = [c for row in csv.reader(open(out / "class.csv", newline="", encoding="utf-8")) for c in row]
formulas = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
links = re.findall(r'href="([^"]*)"', (out / "class-report.html").read_text(encoding="utf-8"))
bad = [l for l in links if re.match(r"[a-zA-Z][a-zA-Z+.-]*:", l)]
accented = "élève Zoë" in cells
if formulas or bad or not accented:
    print(f"[merge-check] cells a spreadsheet runs: {formulas}; links with a scheme: {bad}; accented name kept: {accented}")
    sys.exit(1)
print(f"[merge-check] formula, script-link and accented names: {len(cells)} cells, none a formula; {len(links)} links, none with a scheme")
PY
# the hosted workflow's merge with its roster: one student whose runner left nothing, one whose runner left a partial
# folder (a log, no row): both have their row, none vanishes
rm -rf "$work/roster-class" "$work/roster-artifacts"; mkdir -p "$work/roster-artifacts/result-carol--docker-lab"
cp -r "$first" "$work/roster-artifacts/result-alice--docker-lab"
echo "killed mid-run" > "$work/roster-artifacts/result-carol--docker-lab/test.log"
# roster.py keeps what a gradebook joins on from a roster export (a student id's leading zeros too)
printf 'github_username,name,email,student_id,section\nalice,Zoë Élève,zoe@school.example,0042,A\nALICE,twice,,,\n' > "$work/roster.csv"
python3 teacher/roster.py "$work/roster.csv" my-org/docker-lab- | python3 -c '
import json, sys
s = json.load(sys.stdin)
want = [{"repo": "my-org/docker-lab-alice", "name": "my-org--docker-lab-alice", "login": "alice", "full_name": "Zoë Élève",
         "email": "zoe@school.example", "student_id": "0042", "section": "A"}]
sys.exit(0 if s == want else print("[merge-check] roster.py from a roster export:", s) or 1)' || exit 1
# the roster as roster.py writes it from a roster export: what a gradebook joins on, an accented name, a formula section
printf '[{"repo": "alice/docker-lab", "name": "alice--docker-lab", "login": "alice", "full_name": "Zoë Élève",'\
' "email": "zoe@school.example", "student_id": "0042", "section": "=cmd|x"}, {"repo": "bob/docker-lab", "name": "bob--docker-lab",'\
' "login": "bob"}, {"repo": "carol/docker-lab", "name": "carol--docker-lab", "login": "carol"}]' > "$work/students.json"
python3 teacher/merge-class.py "$work/roster-class" "$work/roster-artifacts" --roster "$work/students.json" > /dev/null
for expect in '^alice--docker-lab,[0-9]' '^bob--docker-lab,,,,,,,,,,,,,"no results: the runner left nothing' \
              '^carol--docker-lab,,,,,,,,,,,,,no results: the grading did not end'; do
  grep -q "$expect" "$work/roster-class/class.csv" || { echo "[merge-check] no row like $expect:"; cat "$work/roster-class/class.csv"; exit 1; }
done
echo "[merge-check] a roster of 3: a graded student, one whose runner left nothing, one whose runner left a partial folder: 3 rows"
# the gradebook files join on the roster's identity, never the folder; an ungraded student has no points (not a 0)
python3 - "$work/roster-class" <<'PY' || exit 1
import csv, sys
from pathlib import Path
out = Path(sys.argv[1])
read = lambda name: list(csv.DictReader(open(out / name, newline="", encoding="utf-8")))
klass, canvas, moodle = read("class.csv"), read("gradebook-canvas.csv"), read("gradebook-moodle.csv")
alice = next(r for r in klass if r["student"] == "alice--docker-lab")
problems = []
if (alice["login"], alice["full_name"], alice["email"], alice["student_id"], alice["section"]) != \
        ("alice", "Zoë Élève", "zoe@school.example", "0042", "'=cmd|x"):
    problems.append(f"class.csv's identity of alice: {alice}")
rows = {r["Student"]: r for r in canvas}
if rows.get("Zoë Élève", {}).get("SIS User ID") != "0042" or rows["Zoë Élève"]["docker-lab"] != alice["total"] or not alice["total"]:
    problems.append(f"Canvas row of alice: {rows.get('Zoë Élève')}")
if rows.get("bob", {}).get("docker-lab", "x") != "":
    problems.append(f"Canvas row of bob (no result: no points, not 0): {rows.get('bob')}")
m = {r["Username"]: r for r in moodle}
if m.get("alice", {}).get("Email address") != "zoe@school.example" or m["alice"]["docker-lab"] != alice["total"]:
    problems.append(f"Moodle row of alice: {m.get('alice')}")
if problems:
    print("[merge-check] gradebook files:", *problems, sep="\n  ")
    sys.exit(1)
print(f"[merge-check] gradebook files: Canvas and Moodle rows join on the roster (an accented name, a student id kept with"
      f" its zeros, a formula section neutralised); the students without a result have no points, not 0")
PY
echo "[merge-check] $(ls "$work/artifacts" | wc -l) artifacts merged into the same class.csv as one machine's grading; a missing result is said so"
