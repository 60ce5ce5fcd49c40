#!/usr/bin/env python3
"""Runs every shell block of the exercise READMEs, in order, as a student types them: offline (./lab offline, so the
names the READMEs use answer with the stand-ins), in a scratch copy of the teacher's edition (solved), each command
bounded. Then checks that the French READMEs show the very same commands.

  python3 teacher/readme-run.py        (Docker and the offline images as for the tests; about 3 minutes on 2 cores)

Conventions the READMEs follow (exercise 1 says so): commands run from the lab's root folder, a `cd` holds for the
rest of its exercise; a block whose first line is `# example` (`# exemple`) is only shown, never run (interactive, or
never ending); a command whose comment says `fails` (`échoue`) must end with a non-zero exit code, every other one
with 0. A prune's [y/N] question gets `y`; every other command reads an empty input, as from a terminal nobody types in.
A command whose docker CLI lost its connection to the engine (`docker.sock: ... connection reset by peer`, seen once
with both cores busy, after psql had printed its result) runs once more, and the log and summary say so: the READMEs'
commands may run twice (exercise 6's SQL says IF NOT EXISTS, ON CONFLICT DO NOTHING), and the second run's exit code is
the one judged. At its end it removes what the READMEs' commands made (the names they give, their compose project, the
containers they run unnamed, by command) and nothing else: a container someone else starts meanwhile stays (it starts
one, and fails if the cleanup took it). Writes target/readme-run/summary.tsv and a log per exercise; exits 1 when a
command ends otherwise than its README says, or when the two languages differ."""
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target/readme-run"
LAB = WORK / "lab"
BOUND = 180  # seconds, each command
LOST = r"docker\.sock: (read|write): connection reset by peer|error during connect"  # the CLI's, not the command's
FENCE = re.compile(r"^```bash[ \t]*\n(.*?)^```", re.S | re.M)


def blocks(readme):
    """The bash blocks of a README: (is_example, [command lines])."""
    found = []
    for body in FENCE.findall(readme.read_text(encoding="utf-8")):
        lines = [l for l in body.splitlines() if l.strip()]
        example = bool(lines) and re.match(r"^#\s*(example|exemple)\b", lines[0].strip(), re.I) is not None
        found.append((example, [l for l in lines if not l.strip().startswith("#")]))
    return found


def command(line):
    """The command without its trailing comment (a # outside quotes), and whether it is meant to fail."""
    quote, i = None, 0
    for i, c in enumerate(line):
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            comment = line[i + 1:]
            return line[:i].strip(), re.search(r"\b(fails|échoue)\b", comment) is not None
    return line.strip(), False


def same_commands(english, french):
    def plain(found):  # a note's text may be in the README's language
        return [(ex, [command(re.sub(r'"text":"[^"]*"', '"text":…', l)) for l in lines]) for ex, lines in found]
    return plain(english) == plain(french)


def free(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def docker_ids(kind):
    """{id: (name, compose project)} of every container, network or volume of the engine."""
    args = {"containers": ["ps", "-a"], "networks": ["network", "ls"], "volumes": ["volume", "ls"]}[kind]
    key = "{{.Name}}" if kind == "volumes" else "{{.ID}}"
    name = "{{.Names}}" if kind == "containers" else "{{.Name}}"
    found = subprocess.run(["docker", *args, "--format", key + "\t" + name + '\t{{.Label "com.docker.compose.project"}}'],
                           capture_output=True, text=True).stdout.splitlines()
    return {f[0]: (f[1], f[2]) for f in (line.split("\t") for line in found) if len(f) == 3}


def readme_made(readmes):
    """What the READMEs' commands create: the names they give (--name, network create, volume create), the compose
    projects (the folders they run `docker compose` in), and the commands of the containers they run unnamed (`docker
    run alpine true`). The cleanup removes what appeared meanwhile and matches these, nothing else."""
    names, projects, commands = set(), set(), set()
    for readme in readmes:
        for _, lines in blocks(readme):
            for line in lines:
                cmd = command(line)[0]
                names.update(re.findall(r"--name\s+(\S+)", cmd))
                names.update(m.split()[-1] for m in re.findall(r"docker (?:network|volume) create[^;&|]*", cmd))
                projects.update(re.findall(r"cd exercises/([\w-]+) && docker compose", cmd))
                words = shlex.split(cmd) if cmd.startswith("docker run ") else []
                if words and "--name" not in words and "--rm" not in words:
                    image = next(i for i, w in enumerate(words[2:], 2) if not w.startswith("-"))
                    commands.add(tuple(words[image + 1:]))
    return names, projects, commands


def theirs(kind, key, entry, made):
    names, projects, commands = made
    name, project = entry
    if name in names or project in projects or any(name.startswith(p + "_") for p in projects):
        return True
    if kind != "containers":
        return False
    seen = subprocess.run(["docker", "inspect", "-f", "{{json .Config.Cmd}}", key], capture_output=True, text=True)
    if seen.returncode != 0:  # gone since it was listed: a run beside this one removed its own
        return False
    return tuple(json.loads(seen.stdout.strip() or "null") or ()) in commands


def script(lines):
    """One bash script per exercise: each command bounded, its exit code and time reported."""
    out = ["set -u", f'cd "{LAB}"',
           'report() { printf "@@ %s %s %s %s\\n" "$1" "$2" "$3" "${4:-0}" >> "$RESULTS"; }',
           'seen="$(mktemp)"; trap \'rm -f "$seen"\' EXIT',
           # a prune asks [y/N]; nothing else reads its input
           f'run() {{ if [[ $1 == *prune* ]]; then yes y 2>/dev/null | timeout {BOUND} bash -c "$1"; '
           f'else timeout {BOUND} bash -c "$1" < /dev/null; fi; }}',
           'bounded() { run "$1" 2>&1 | tee "$seen"; rc=${PIPESTATUS[0]}; retried=0',
           f'  if [ "$rc" != 0 ] && grep -qE "{LOST}" "$seen"; then',
           '    printf "[readme-run] the docker CLI lost its connection to the engine (exit %s): once more\\n" "$rc"',
           '    run "$1" 2>&1; rc=${PIPESTATUS[0]}; retried=1; fi; }']
    for line in lines:
        cmd, fails = command(line)
        if not cmd:
            continue
        quoted = cmd.replace("'", "'\\''")
        out.append(f"printf '\\n$ %s\\n' '{quoted}'")
        out.append("start=$(date +%s%3N)")
        if cmd.startswith("cd ") or cmd.endswith("&") or cmd.startswith("kill ") or re.match(r"^\w+=\$!$", cmd):
            out.append(cmd)  # in this shell: its folder, its background job and that job's process id
        else:
            out.append(f"bounded '{quoted}'")
            out.append(f"report \"$rc\" {'fails' if fails else 'ok'} $(( $(date +%s%3N) - start )) \"$retried\"")
            continue
        out.append(f"report \"$?\" {'fails' if fails else 'ok'} $(( $(date +%s%3N) - start ))")
    return "\n".join(out) + "\n"


def run_exercise(name, lines):
    """Runs one exercise's commands in one shell; returns the reports and what ended otherwise than written."""
    (WORK / f"{name}.sh").write_text(script(lines), encoding="utf-8")
    log, results = WORK / f"{name}.log", WORK / f"{name}.results"
    results.write_text("")
    with open(log, "w") as out:
        subprocess.run(["bash", str(WORK / f"{name}.sh")], stdout=out, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, env={**os.environ, "RESULTS": str(results)})
    reports = [l.split(" ")[1:5] for l in results.read_text().splitlines() if l.startswith("@@ ")]
    cmds = [command(l) for l in lines if command(l)[0]]
    wrong = []
    for (cmd, _), (rc, expect, ms, retried) in zip(cmds, reports):
        ok = (rc == "0") if expect == "ok" else (rc not in ("0", "124"))
        if not ok:
            wrong.append(f"`{cmd}` exit {rc} ({'expected 0' if expect == 'ok' else 'expected a failure'})")
    if len(reports) != len(cmds):
        wrong.append(f"{len(cmds) - len(reports)} command(s) did not run (see {log.relative_to(ROOT)})")
    return reports, wrong


def self_test():
    """The runner can fail: a command that fails unannounced, one announced to fail that does not, one whose CLI loses
    the engine at every try; and a lost connection once is run again and judged by its second run."""
    lost = "echo 'read unix @->/var/run/docker.sock: read: connection reset by peer' >&2; exit 1"
    reports, wrong = run_exercise("self-test", [
        f"cd {WORK}", "false", "true   # fails: it does not", "ls /nowhere  # fails", "pwd",
        f"test -e lost-once || {{ touch lost-once; {lost}; }}", lost])
    return (len(wrong) == 3 and "`false`" in wrong[0] and "`true`" in wrong[1] and "connection reset" in wrong[2]
            and reports[5][0] == "0" and reports[5][3] == "1")


def main():
    status = 0
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for f in files:
        if (ROOT / f).is_file():
            (LAB / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, LAB / f)
    readmes = sorted((ROOT / "exercises").glob("0*/README.md"))
    for readme in readmes:
        fr = readme.with_name("README.fr.md")
        if not same_commands(blocks(readme), blocks(fr)):
            print(f"[readme-run] {fr.relative_to(ROOT)} does not show the same commands as {readme.name}")
            status = 1
    busy = [p for p in (8000, 5432) if not free(p)]
    if busy:
        print(f"[readme-run] host ports the READMEs use are taken: {busy}; free them first")
        return 1
    if not self_test():
        print("[readme-run] self-test: the runner did not catch a command that ended otherwise than written")
        return 1
    before = {k: docker_ids(k) for k in ("containers", "networks", "volumes")}
    subprocess.run(["./lab", "offline"], cwd=LAB, check=True, capture_output=True)
    # someone else's container, made during the run: the cleanup must leave it (it removes what the READMEs made only)
    bystander = subprocess.run(["docker", "run", "-d", "alpine", "sleep", "600"], cwd=LAB, capture_output=True,
                               text=True, check=True).stdout.strip()
    rows = []
    try:
        for readme in readmes:
            exercise = readme.parent.name
            lines = [l for ex, ls in blocks(readme) if not ex for l in ls]
            examples = sum(1 for ex, _ in blocks(readme) if ex)
            if not lines:
                continue
            started = time.monotonic()
            reports, wrong = run_exercise(exercise, lines)
            took = time.monotonic() - started
            retried = sum(1 for r in reports if r[3] == "1")
            rows.append((exercise, len(reports), examples, round(took, 1), retried, "ok" if not wrong else "WRONG"))
            print(f"[readme-run] {exercise}: {len(reports)} commands in {took:.1f} s, {examples} example block(s) shown only"
                  + (f", {retried} run again after the docker CLI lost the engine" if retried else "")
                  + ("" if not wrong else ": " + "; ".join(wrong)))
            if wrong:
                status = 1
    finally:
        subprocess.run(["docker", "compose", "down", "-v", "-t", "1"], cwd=LAB / "exercises/05-compose-stack",
                       capture_output=True)
        subprocess.run(["./lab", "online"], cwd=LAB, capture_output=True)
        after = {k: docker_ids(k) for k in ("containers", "networks", "volumes")}
        made = readme_made(readmes)
        for kind, rm in (("containers", ["rm", "-f"]), ("networks", ["network", "rm"]), ("volumes", ["volume", "rm", "-f"])):
            # what the READMEs' commands made: anything else that appeared meanwhile is someone else's
            left = sorted(i for i, entry in after[kind].items() if i not in before[kind] and theirs(kind, i, entry, made))
            if left:
                subprocess.run(["docker", *rm, *left], capture_output=True)
        if subprocess.run(["docker", "inspect", bystander], capture_output=True).returncode != 0:
            print("[readme-run] the cleanup removed a container that no README command made")
            status = 1
        subprocess.run(["docker", "rm", "-f", bystander], capture_output=True)
    with open(WORK / "summary.tsv", "w") as out:
        out.write("exercise\tcommands\texample_blocks\tseconds\tretried\tverdict\n")
        for row in rows:
            out.write("\t".join(map(str, row)) + "\n")
    total = sum(r[3] for r in rows)
    print(f"[readme-run] {sum(r[1] for r in rows)} commands of {len(rows)} READMEs in {total:.0f} s, "
          f"French READMEs {'the same commands' if status == 0 else 'checked'}: {'ok' if status == 0 else 'FAILED'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
