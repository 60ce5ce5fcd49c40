#!/usr/bin/env python3
"""The class at a glance: OUT_DIR/class-report.html from what teacher/grade-class.sh wrote in OUT_DIR (class.csv, and
per student lab-result.json, the lab's one result model, read by check id, and feedback.md).

  python3 teacher/class-report.py OUT_DIR [--lang en|fr]        (LAB_LANG also chooses; English by default)

One self-contained page (no server, nothing fetched): a grid of students x graded checks and written answers (pass,
fail, lab error; written or missing), each check's pass rate, the most frequent first lines of its failures (what the
class got wrong), the written answers to read, and a link to each student's feedback. The column headers are buttons:
a click (or Enter) sorts the students by that column. Printable (the buttons and colours give way to plain marks)."""
import csv
import urllib.parse
import html
import json
import os
import re
import sys
from collections import Counter, OrderedDict
from pathlib import Path

TEXTS = {
    "en": dict(title="docker-lab · the class at a glance", student="Student", total="Total", outcome="Outcome",
               rate="Pass rate", grid="Students and questions", items="What the class got wrong",
               answers="Written answers to read", feedback="feedback", none="(no answer)", check="Check",
               failures="Most frequent failures (first line)", students="students", legend=
               "✓ passed · ✗ failed · ! lab error (not the student's: no points) · W written · – missing. "
               "A header sorts the students by its column.", graded="graded", of="of", lab_error="lab error",
               no_failure="no failure", sort="sort by"),
    "fr": dict(title="docker-lab · la classe d'un coup d'œil", student="Étudiant", total="Total", outcome="Issue",
               rate="Taux de réussite", grid="Étudiants et questions", items="Ce que la classe a manqué",
               answers="Réponses rédigées à lire", feedback="retour", none="(pas de réponse)", check="Vérification",
               failures="Échecs les plus fréquents (première ligne)", students="étudiants", legend=
               "✓ réussi · ✗ échoué · ! erreur du lab (pas de l'étudiant : aucun point) · W rédigée · – absente. "
               "Un en-tête trie les étudiants selon sa colonne.", graded="noté", of="sur", lab_error="erreur du lab",
               no_failure="aucun échec", sort="trier par"),
}
MARK = {"pass": "✓", "fail": "✗", "lab-error": "!", "written": "W", "missing": "–", "none": ""}


def read_result(folder):
    """The student's lab-result.json (the lab's one result model), or None when the run wrote none."""
    f = folder / "lab-result.json"
    return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else None


def read_questions(result):
    """check id -> (kind, status, name) of the graded checks and written answers (demonstrations score nothing)."""
    return OrderedDict((c["id"], (c["kind"], c["status"], c["name"])) for c in (result or {}).get("checks", [])
                       if c["kind"] in ("graded", "teacher-graded"))


def first_lines(result):
    """check id -> the line of its failure that keeps what was expected and what was seen."""
    return {c["id"]: c["first_line"] for c in (result or {}).get("checks", []) if c["status"] == "failed"}


def written_answers(result):
    """check id -> the answer written for it."""
    return {c["id"]: (c.get("answer") or "").strip() for c in (result or {}).get("checks", [])
            if c["kind"] == "teacher-graded"}


def state(kind, status):
    if status == "lab-error":
        return "lab-error"
    if kind == "teacher-graded":
        return "written" if status == "passed" else "missing"
    return "pass" if status == "passed" else "fail"


def number_key(check):
    m = re.match(r"(\d+)\.([a-z])", check)
    return (int(m.group(1)), m.group(2), check) if m else (99, "", check)


def main():
    out = Path(sys.argv[1])
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else os.environ.get("LAB_LANG", "en")
    t = TEXTS["fr" if lang.lower().startswith("fr") else "en"]
    with open(out / "class.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:  # merge-class.py's ' before a formula start is the spreadsheet's, not the student's folder
        if row["student"][:1] == "'" and row["student"][1:2] in ("=", "+", "-", "@", "\t", "\r"):
            row["student"] = row["student"][1:]
    exercises = [k for k in rows[0].keys() if k.startswith("ex")] if rows else []
    students, checks, names = [], OrderedDict(), {}
    for row in rows:
        result = read_result(out / row["student"])
        questions = read_questions(result)
        for check, (kind, status, name) in questions.items():
            if kind in ("graded", "teacher-graded"):
                checks[check] = kind
                names[check] = name
        students.append((row, questions, first_lines(result), written_answers(result)))
    columns = sorted(checks, key=number_key)

    def cell_state(questions, check):
        if check not in questions:
            return "none"
        return state(questions[check][0], questions[check][1])

    # the grid
    head = [f'<th scope="col"><button type="button" data-sort="name" aria-label="{t["sort"]} {t["student"]}">'
            f'{t["student"]}</button></th>']
    for e in exercises:
        head.append(f'<th scope="col"><button type="button" data-sort="{e}" aria-label="{t["sort"]} {e}">{e}</button></th>')
    head.append(f'<th scope="col"><button type="button" data-sort="total" aria-label="{t["sort"]} {t["total"]}">'
                f'{t["total"]}</button></th>')
    for c in columns:
        head.append(f'<th scope="col" class="q"><button type="button" data-sort="{html.escape(c)}" '
                    f'title="{html.escape(names[c])}" aria-label="{t["sort"]} {html.escape(names[c])}">'
                    f'{html.escape(c.split(" ")[0])}</button></th>')
    head.append(f'<th scope="col">{t["outcome"]}</th>')
    body = []
    for row, questions, _, _ in students:
        name = row["student"]
        cells = [f'<th scope="row" data-value="{html.escape(name)}"><a href="{html.escape(urllib.parse.quote(name))}/feedback.md">'
                 f'{html.escape(name)}</a></th>']
        for e in exercises:
            cells.append(f'<td class="n" data-col="{e}" data-value="{html.escape(row[e])}">{html.escape(row[e])}</td>')
        total = row["total"]
        cells.append(f'<td class="n" data-col="total" data-value="{html.escape(total)}">{html.escape(total)}'
                     f'{" / " + html.escape(row["max"]) if total else ""}</td>')
        for c in columns:
            s = cell_state(questions, c)
            order = {"fail": 0, "missing": 0, "lab-error": 1, "none": 1, "pass": 2, "written": 2}[s]
            cells.append(f'<td class="s {s}" data-col="{html.escape(c)}" data-state="{s}" data-value="{order}" '
                         f'title="{html.escape(name)} · {html.escape(c)}">{MARK[s]}</td>')
        cells.append(f'<td>{html.escape(row["outcome"])}</td>')
        body.append(f'<tr data-student="{html.escape(name)}">' + "".join(cells) + "</tr>")
    rates, items = [], []
    for c in columns:
        states = [cell_state(q, c) for _, q, _, _ in students]
        counted = [s for s in states if s in ("pass", "fail", "written", "missing")]
        passed = sum(1 for s in counted if s in ("pass", "written"))
        rate = passed / len(counted) if counted else 0
        rates.append(f'<td class="rate" data-col="{html.escape(c)}" data-rate="{rate:.2f}">{round(rate * 100)}%</td>')
        groups = [("failure", line, k) for line, k in Counter(
            lines[c] for _, q, lines, _ in students if cell_state(q, c) == "fail" and lines.get(c)).most_common(3)]
        missing = sum(1 for s in states if s == "missing")
        if missing:
            groups.append(("missing", t["none"], missing))
        items.append((c, rate, passed, len(counted), groups))
    foot = (f'<tr class="rates"><th scope="row">{t["rate"]}</th>' + "<td></td>" * (len(exercises) + 1)
            + "".join(rates) + "<td></td></tr>")
    item_html = []
    for c, rate, passed, counted, groups in sorted(items, key=lambda i: (i[1], number_key(i[0]))):
        lines = "".join(f'<li data-kind="{kind}"><span class="count" data-count="{k}">{k}</span> × {html.escape(line)}</li>'
                        for kind, line, k in groups) or f"<li>{t['no_failure']}</li>"
        item_html.append(f'<section class="item" data-check="{html.escape(c)}"><h3>{html.escape(names[c])} '
                         f'<span class="meta">{round(rate * 100)}% · {passed} {t["of"]} {counted}</span></h3>'
                         f'<ul>{lines}</ul></section>')
    answer_html = []
    questions_written = [c for c in columns if checks[c] == "teacher-graded"]
    for c in questions_written:
        entries = []
        for row, questions, _, answers in students:
            text = answers.get(c, t["none"]) or t["none"]
            entries.append(f'<dt>{html.escape(row["student"])}</dt><dd><pre>{html.escape(text)}</pre></dd>')
        answer_html.append(f'<section><h3>{html.escape(names[c])}</h3><dl>{"".join(entries)}</dl></section>')
    page = f"""<!DOCTYPE html>
<html lang="{'fr' if t is TEXTS['fr'] else 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t["title"]}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #bbb; padding: 2px 5px; text-align: center; }}
th[scope=row] {{ text-align: left; white-space: nowrap; }} td.n {{ text-align: right; }}
th button {{ font: inherit; border: 0; background: none; cursor: pointer; padding: 0; }}
th button:focus {{ outline: 2px solid #0b57d0; }} th.q button {{ writing-mode: vertical-rl; }}
td.pass, td.written {{ background: #d7f5dd; }} td.fail, td.missing {{ background: #fbd5d5; }}
td.lab-error {{ background: #ffe9a8; }} tr.rates td {{ font-weight: bold; }}
.meta {{ color: #555; font-weight: normal; }} .count {{ font-weight: bold; }} pre {{ white-space: pre-wrap; margin: 0; }}
@media print {{ th button {{ writing-mode: horizontal-tb; }} td {{ background: none !important; }} a {{ color: #111; }} }}
</style></head><body>
<h1>{t["title"]}</h1>
<p>{len(students)} {t["students"]} · {len(columns)} {t["check"].lower()}s · {html.escape(t["legend"])}</p>
<h2>{t["grid"]}</h2>
<table id="grid"><thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody><tfoot>{foot}</tfoot></table>
<h2>{t["items"]}</h2>
<p>{t["failures"]}</p>
{"".join(item_html)}
<h2>{t["answers"]}</h2>
{"".join(answer_html)}
<script>
document.querySelectorAll('#grid thead button').forEach(function (button) {{
  button.addEventListener('click', function () {{
    var key = button.dataset.sort, body = document.querySelector('#grid tbody');
    var up = button.dataset.order !== 'up';
    document.querySelectorAll('#grid thead button').forEach(function (b) {{ delete b.dataset.order; }});
    button.dataset.order = up ? 'up' : 'down';
    var value = function (row) {{
      var cell = key === 'name' ? row.querySelector('th') : row.querySelector('td[data-col="' + CSS.escape(key) + '"]');
      var v = cell ? cell.dataset.value : '';
      return v === '' || isNaN(v) ? v : Number(v);
    }};
    Array.from(body.rows).sort(function (a, b) {{
      var x = value(a), y = value(b);
      var c = x < y ? -1 : x > y ? 1 : a.dataset.student.localeCompare(b.dataset.student);
      return up ? c : -c;
    }}).forEach(function (row) {{ body.appendChild(row); }});
  }});
}});
</script>
</body></html>
"""
    (out / "class-report.html").write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
