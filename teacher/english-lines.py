#!/usr/bin/env python3
"""Lines of a French run that are still English: prints them, exits 1 if there is one.

Usage: python3 teacher/english-lines.py RUN_LOG RESULTS_FOLDER [--files FILE...]

With --files, the comments of those files are read too (the hand-out's Dockerfiles, compose files and the API's source:
what a student reads while writing their answers).

Reads what the lab itself wrote: in the run's log, the scorecard, the [docker-lab] lines and the failures' messages
(the blocks after "java.lang.AssertionError"); in the results folder, scorecard.md, teacher-graded.md and the texts
of results.json. Left aside, as the issue allows: Docker's, PostgreSQL's and Maven's own output (container log lines
the lab quotes are indented by four spaces; compose's stderr follows the lab's line about it), code and commands
between backticks, and what a student wrote (between « »).
"""
import json
import re
import sys
from pathlib import Path

ENGLISH = {"the", "and", "with", "of", "is", "are", "was", "were", "not", "your", "has", "have", "from", "this", "that",
           "to", "be", "but", "expected", "expecting", "found", "which", "when", "must", "should", "did", "does",
           "missing", "failed", "passed", "seen", "line", "lines", "only", "switch", "building", "once", "names", "longer",
           "undoes", "built"}
DOCKER = re.compile(r"^\s*(Error response from daemon|Container |Network |Volume |dependency failed|service \"|"
                    r"validating |yaml: |time=|level=|\w+ Pulling|failed to solve|#\d+ )")


def lab_lines_of_log(text):
    lines, block, card = [], False, False
    for line in text.splitlines():
        if re.match(r"^={20,}$", line):
            card = True  # the scorecard: from its first rule to the next line of Maven
        if line.startswith("[INFO]") or line.startswith("[ERROR]") or line.startswith("[WARNING]"):
            block = card = False
            continue
        if re.match(r"^(java\.lang\.AssertionError|dockerlab\.\S+(Failed|Error|Again)\b)", line):
            block = True
            lines.append(line.split(":", 1)[1] if ":" in line else "")
            continue
        if block and (line.startswith("\tat ") or line.startswith("Caused by")):
            block = False
        if block or card or line.startswith("[docker-lab]"):
            lines.append(line)
    return lines


def result_lines(folder):
    lines = []
    for name in ("scorecard.md", "teacher-graded.md"):
        f = folder / name
        if f.is_file():
            lines += f.read_text(encoding="utf-8").splitlines()
    f = folder / "results.json"
    if f.is_file():
        results = json.loads(f.read_text(encoding="utf-8"))
        lines += str(results.get("output", "")).splitlines()
        for test in results.get("tests", []):
            lines += [str(test.get("name", ""))] + str(test.get("output", "")).splitlines()
    return lines


def comment_lines(files):
    lines = []
    for f in files:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            comment = re.match(r"^\s*(#|//|/\*\*|\*/?)\s?(.*)$", line)
            if comment and not re.match(r"^\s*#\s*(syntax|escape|check)\s*=", line):
                lines.append(comment.group(2))
    return lines


def english(lines):
    found, after_compose = [], False
    for line in lines:
        if line.startswith("    ") or DOCKER.match(line) or after_compose and line.strip():
            continue
        after_compose = "`docker compose" in line and "code de sortie" in line
        plain = re.sub(r"`[^`]*`", "", line)
        plain = re.sub(r"«[^»]*»", "", plain)
        plain = re.sub(r"\"[^\"]*\"|'[^' ]+'|\{[^}]*}|\[\w+(, \w+)*]|https?://\S+|\S+/\S+|\S+\.(java|md|yaml|jar)\b", "", plain)
        # a word in lower case or capitalised; in capitals it is a Dockerfile instruction (FROM), not English
        if any(w.lower() in ENGLISH and not w.isupper() for w in re.findall(r"[^\W\d_]+", plain)):
            found.append(line.strip())
    return found


def main():
    log, folder = Path(sys.argv[1]), Path(sys.argv[2])
    files = sys.argv[sys.argv.index("--files") + 1:] if "--files" in sys.argv else []
    lines = lab_lines_of_log(log.read_text(encoding="utf-8", errors="replace")) + result_lines(folder) + comment_lines(files)
    left = sorted(set(english(lines)))
    for line in left:
        print("  english: " + line[:200])
    print(f"[english-lines] {len(lines)} lines of the lab read, {len(left)} still English")
    sys.exit(1 if left else 0)


if __name__ == "__main__":
    main()
