#!/usr/bin/env python3
"""class.csv and the class report from graded submissions, wherever they were graded: one machine
(teacher/grade-class.sh calls it on its own folder) or one runner each (the class workflow's artifacts).

  python3 teacher/merge-class.py OUT_DIR [ARTIFACTS_DIR] [--roster STUDENTS_JSON]

With ARTIFACTS_DIR, every folder below it that holds a row.csv (one graded submission) is copied into OUT_DIR under
the folder's name (an artifact named result-NAME gives NAME). Then OUT_DIR/class.csv (RFC 4180, CRLF, fields quoted
when needed) lists every student folder of OUT_DIR by name: its row, or no points and the outcome "no results" when
its grading never ended. With --roster (roster.py's JSON), every student of the roster has a row: one whose runner left
no artifact at all says so; class.csv then carries what a school's gradebook joins on (login, full_name, email,
student_id, section, from the roster), and two gradebook files are written: gradebook-canvas.csv (the columns of
Canvas's own gradebook export: Student, ID, SIS User ID, SIS Login ID, Section, then the points) and gradebook-moodle.csv
(Moodle's CSV grade import maps one identifier column, email, ID number or username, to its users). A cell that starts
like a formula (= + - @ tab CR) starts with ' instead, in every file; and OUT_DIR/class-report.html is written
(teacher/class-report.py)."""
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

EXERCISES = ["01", "02", "03", "04", "05", "06", "07", "08"]
# a cell a spreadsheet would run as a formula (OWASP's CSV injection): it gets a leading ' (class-report.py drops it)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell):
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
IDENTITY = ["login", "full_name", "email", "student_id", "section"]
ASSIGNMENT = "docker-lab"


def points(row):
    """The points of a graded row; empty when it was not graded (a lab error, no result): never a 0."""
    return row[HEADER.index("total")] if row[HEADER.index("outcome")] == "graded" else ""


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([neutral(c) for c in r] for r in rows)


HEADER = (["student"] + [f"ex{e}" for e in EXERCISES]
          + ["total", "max", "teacher_graded_written", "teacher_graded_asked", "outcome", "seconds", "commit"])


def no_points(name, outcome):
    """The row of a student with no points: only the outcome says why."""
    return [name] + [""] * (len(HEADER) - 4) + [outcome, "", ""]


def main():
    args = sys.argv[1:]
    roster = None
    if "--roster" in args:  # the class as roster.py listed it: every student gets a row, whatever their runner left
        i = args.index("--roster")
        roster = json.loads(Path(args[i + 1]).read_text(encoding="utf-8"))
        del args[i:i + 2]
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    if len(args) > 1:  # each artifact, whole or partial (a runner stopped mid-grading leaves a log and no row)
        artifacts = {row.parent for row in Path(args[1]).rglob("row.csv")}
        artifacts |= {d for d in Path(args[1]).glob("result-*") if d.is_dir()}
        for artifact in sorted(artifacts):
            name = artifact.name.removeprefix("result-")
            target = out / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(artifact, target)
    rows = []
    for student in roster or []:
        folder = out / student["name"]
        if not folder.is_dir():  # no artifact at all: the runner timed out, or the checkout failed
            folder.mkdir(parents=True)
            (folder / "test.log").write_text("no result arrived from this student's runner\n", encoding="utf-8")
            (folder / "no-artifact").write_text(student["repo"] + "\n", encoding="utf-8")
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and ((p / "test.log").exists() or (p / "row.csv").exists())):
        row_file = folder / "row.csv"
        if row_file.is_file():
            with open(row_file, newline="", encoding="utf-8") as f:
                row = next(csv.reader(f))
            if len(row) != len(HEADER):
                row = no_points(folder.name, f"no results: a row of {len(row)} fields")
            row[0] = folder.name  # the student is the folder: its artifact's name, or grade-class.sh's folder
        elif (folder / "no-artifact").exists():
            row = no_points(folder.name, "no results: the runner left nothing (timed out, or the checkout failed: see the"
                                         " workflow's log)")
        else:
            row = no_points(folder.name, "no results: the grading did not end")
        rows.append(row)
    rows.sort(key=lambda r: r[0])
    header = HEADER
    if roster is not None:  # what a gradebook joins on: never the folder's name
        who = {s["name"]: s for s in roster}
        header = HEADER + list(IDENTITY)
        rows = [r + [who.get(r[0], {}).get(field, "") for field in IDENTITY] for r in rows]
        write_csv(out / "gradebook-canvas.csv", ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", ASSIGNMENT],
                  [[r[-4] or r[-5] or r[0], "", r[-2], r[-3] or r[-5], r[-1], points(r)] for r in rows])
        write_csv(out / "gradebook-moodle.csv", ["Email address", "ID number", "Username", ASSIGNMENT],
                  [[r[-3], r[-2], r[-5], points(r)] for r in rows])
    write_csv(out / "class.csv", header, rows)
    subprocess.run([sys.executable, str(Path(__file__).with_name("class-report.py")), str(out)], check=True)
    print(f"[merge-class] {len(rows)} students: {out / 'class.csv'}, {out / 'class-report.html'}")


if __name__ == "__main__":
    main()
