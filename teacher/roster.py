#!/usr/bin/env python3
"""The students to grade, as the JSON list the class workflow's matrix takes: [{"repo": "owner/name", "name": "owner--name"}],
with what a gradebook joins on when the roster has it (login, full_name, email, student_id, section).

  python3 teacher/roster.py ROSTER [PREFIX]

ROSTER is either a file of student repositories, one `owner/name` per line (# comments, blank lines), or a roster export
(a CSV with a `github_username` column, as Classroom 50's carries the GitHub login, name, email and section), whose
usernames become PREFIX + username (the assignment's repositories: PREFIX like `my-org/docker-lab-`); its columns name,
email, student_id (or id_number, sis_id) and section go with each student, for class.csv and the gradebook exports. Names are checked: a repository name GitHub allows;
each student is one owner/name (case aside); more than 256, a matrix's limit, are refused."""
import csv
import json
import re
import sys

REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
MAX_MATRIX = 256  # GitHub Actions: jobs per matrix
# what a school's gradebook joins on, and the roster columns that may carry it (the first present wins)
IDENTITY = {"full_name": ("name", "full_name", "student_name"), "email": ("email", "e-mail"),
            "student_id": ("student_id", "id_number", "idnumber", "sis_id", "student_number"), "section": ("section",)}


def students(path, prefix=""):
    text = open(path, encoding="utf-8-sig").read()
    repos, identities = [], {}
    first = text.splitlines()[0] if text.strip() else ""
    if "github_username" in first:
        if not prefix or "/" not in prefix:
            raise SystemExit("a roster export needs the assignment's prefix, like my-org/docker-lab-")
        for row in csv.DictReader(text.splitlines()):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            if row.get("github_username"):
                repo = prefix + row["github_username"]
                repos.append(repo)
                identity = {"login": row["github_username"]}
                for field, columns in IDENTITY.items():
                    value = next((row[c] for c in columns if row.get(c)), "")
                    if value:
                        identity[field] = value
                identities.setdefault(repo.lower(), identity)  # the first row of a student wins, as below
    else:
        repos = [l.split("#")[0].strip() for l in text.splitlines() if l.split("#")[0].strip()]
    wrong = [r for r in repos if not REPO.match(r)]
    if wrong:
        raise SystemExit("not a repository name (owner/name): " + ", ".join(wrong))
    # a student is named by owner and repository: alice/docker-lab and bob/docker-lab are two students, and one name
    # for both would make their artifacts collide (upload-artifact refuses a second one of a name); GitHub's names
    # ignore case, so do these
    seen, out = set(), []
    for repo in repos:
        if repo.lower() not in seen:
            seen.add(repo.lower())
            out.append({"repo": repo, "name": repo.replace("/", "--"), **identities.get(repo.lower(), {"login": repo.split("/")[0]})})
    if not out:
        raise SystemExit("no student in " + path)
    if len(out) > MAX_MATRIX:
        raise SystemExit(f"{len(out)} students: a GitHub Actions matrix makes at most {MAX_MATRIX} jobs; split the roster"
                         f" into files of {MAX_MATRIX} or fewer and run the workflow once per file")
    return out


if __name__ == "__main__":
    print(json.dumps(students(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")))
