#!/usr/bin/env python3
"""The students to grade, as the JSON list the class workflow's matrix takes: [{"repo": "owner/name", "name": "name"}].

  python3 teacher/roster.py ROSTER [PREFIX]

ROSTER is either a file of student repositories, one `owner/name` per line (# comments, blank lines), or GitHub
Classroom's roster export (a CSV with a `github_username` column), whose usernames become PREFIX + username (the
assignment's repositories: PREFIX like `my-org/docker-lab-`). Names are checked: a repository name GitHub allows."""
import csv
import json
import re
import sys

REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def students(path, prefix=""):
    text = open(path, encoding="utf-8-sig").read()
    repos = []
    first = text.splitlines()[0] if text.strip() else ""
    if "github_username" in first:
        if not prefix or "/" not in prefix:
            raise SystemExit("a Classroom roster needs the assignment's prefix, like my-org/docker-lab-")
        for row in csv.DictReader(text.splitlines()):
            if (row.get("github_username") or "").strip():
                repos.append(prefix + row["github_username"].strip())
    else:
        repos = [l.split("#")[0].strip() for l in text.splitlines() if l.split("#")[0].strip()]
    wrong = [r for r in repos if not REPO.match(r)]
    if wrong:
        raise SystemExit("not a repository name (owner/name): " + ", ".join(wrong))
    seen, out = set(), []
    for repo in repos:
        if repo not in seen:
            seen.add(repo)
            out.append({"repo": repo, "name": repo.split("/")[1]})
    if not out:
        raise SystemExit("no student in " + path)
    return out


if __name__ == "__main__":
    print(json.dumps(students(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")))
