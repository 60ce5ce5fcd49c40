#!/usr/bin/env python3
"""docker-lab's Classroom 50 autograder (autograders/<slug>/autograder.py in the classroom's configuration repository).

Classroom 50's runner starts it with Python, in the student's checkout, on ubuntu-latest (host mode: Docker and Java 17
are there). It grades that checkout as a submission (-Dlab.submission) with this bundle's own lab (lab/, the hand-out:
its tests, pom and scripts; never the student's copy of them), as a grading run (no demonstrations), then writes:
  result.json        classroom50/result/v1: one row per graded check, its id in the name, integer points
  release-body.md    the scorecard, in Markdown
  classroom50-release-assets/results.json   the run's results.json (Gradescope's format), a release asset
  classroom50-release-assets/lab-result.json   the lab's one result model (what teacher/lab-teacher reads), another
A lab error (Docker or the lab failed, not the student) is no grade: no result.json, the cause in release-body.md, and
a non-zero exit, so that Classroom 50 records an error, never a 0. Only the standard library: nothing to install.
Environment: CLASSROOM50_BUNDLE_DIR (this folder), CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, COMMIT_URL, RELEASE_URL,
REVIEW_URL, OWNER/USERNAME, ASSIGNMENT_TYPE (from the runner); LAB_LANG=fr|en for a scorecard in another language than the bundle's (classroom50 --lang); LAB_OFFLINE=true
for a machine with the offline image set; LAB_GRADING_TIMEOUT (seconds, 780 by default: the job has 15 minutes).
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SCHEMA = "classroom50/result/v1"


def main():
    bundle = Path(os.environ.get("CLASSROOM50_BUNDLE_DIR") or Path(__file__).resolve().parent)
    lab = bundle / "lab"
    checkout = Path.cwd()
    for stale in ("result.json", "release-body.md"):
        (checkout / stale).unlink(missing_ok=True)
    results = Path(tempfile.mkdtemp(prefix="docker-lab-results-"))
    try:
        return grade(lab, checkout, results)
    finally:
        shutil.rmtree(results, ignore_errors=True)  # what is kept was copied into the checkout


def grade(lab, checkout, results):
    command = ["./mvnw", "-B", "-q", "test", "-Dlab.grading=true", f"-Dlab.submission={checkout}",
               f"-Dlab.results={results}"]
    if os.environ.get("LAB_LANG"):  # else the bundle's own language (lab-teacher classroom50 --lang)
        command.append(f"-Dlab.lang={os.environ['LAB_LANG']}")
    print(f"[docker-lab] grading {checkout} with the lab of {lab}", flush=True)
    try:
        subprocess.run(command, cwd=lab, env={**os.environ, "CI": "true"}, check=False,
                       timeout=int(os.environ.get("LAB_GRADING_TIMEOUT", "780")))
    except subprocess.TimeoutExpired:
        return not_graded(checkout, "the lab did not finish within its bound (LAB_GRADING_TIMEOUT)")
    # the lab's one result model: everything below is written from it
    lab_result = results / "lab-result.json"
    if not lab_result.is_file():
        return not_graded(checkout, "the lab wrote no result (it did not build, or Docker failed before any question)")
    run = json.loads(lab_result.read_text(encoding="utf-8"))
    card = (results / "scorecard.md").read_text(encoding="utf-8") if (results / "scorecard.md").is_file() else ""
    if run["outcome"] != "graded":
        return not_graded(checkout, run["lab_error_cause"], card)
    tests = [{"test-name": f"{c['id']}: {c['name'].removeprefix(c['question']).strip()}", "passed": c["status"] == "passed",
              "score": c["earned"],
              "max-score": c["points"], "message": c["first_line"]}
             for c in run["checks"] if c["kind"] == "graded"]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    commit = os.environ.get("COMMIT_URL", "") or "local"
    result = {
        "schema": SCHEMA,
        "classroom": os.environ.get("CLASSROOM", "") or "local",
        "assignment": os.environ.get("ASSIGNMENT", "") or "docker-lab",
        # stamped again by the runner, which alone knows them for sure
        "assignment_type": os.environ.get("ASSIGNMENT_TYPE", "") or "individual",
        "owner": os.environ.get("OWNER") or os.environ.get("USERNAME") or "local",
        "submission": os.environ.get("SUBMISSION_TAG", "") or "submit/local",
        "commit": commit,
        "release": os.environ.get("RELEASE_URL", "") or commit,
        "review": os.environ.get("REVIEW_URL", "") or commit,
        "datetime": now,
        "graded_at": now,
        "score": run["score"],
        "max-score": run["max_score"],
        "tests": tests,
    }
    (checkout / "result.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (checkout / "release-body.md").write_text(body(f"### docker-lab: {run['score']}/{run['max_score']}", card),
                                              encoding="utf-8")
    assets = checkout / "classroom50-release-assets"
    assets.mkdir(exist_ok=True)
    shutil.copy(results / "results.json", assets / "results.json")
    shutil.copy(lab_result, assets / "lab-result.json")
    print(f"[docker-lab] {run['score']}/{run['max_score']}: result.json, release-body.md, results.json, lab-result.json"
          " written")
    return 0


def body(title, card):
    return f"{title}\n\n{card.strip()}\n" if card.strip() else f"{title}\n"


def not_graded(checkout, cause, card=""):
    """No result.json: Classroom 50 records an error (the student's points are not a 0); the cause is written."""
    (checkout / "result.json").unlink(missing_ok=True)
    (checkout / "release-body.md").write_text(body(f"### docker-lab: NOT GRADED\n\n{cause}", card), encoding="utf-8")
    print(f"[docker-lab] NOT GRADED: {cause}", file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
