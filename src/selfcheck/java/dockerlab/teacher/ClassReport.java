package dockerlab.teacher;

import dockerlab.grading.LabResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The class at a glance: OUT_DIR/class-report.html from what grade-class or merge-class wrote in OUT_DIR (class.csv, and
 * per student lab-result.json, the lab's one result model, read by check id, and feedback.md).
 * <pre>
 *   class-report OUT_DIR [--lang en|fr]        (LAB_LANG also chooses; English by default)
 * </pre>
 * One self-contained page (no server, nothing fetched): a grid of students x graded checks and written answers (pass,
 * fail, lab error; written or missing), each check's pass rate, the most frequent first lines of its failures (what the
 * class got wrong), the written answers to read, and a link to each student's feedback. The column headers are buttons:
 * a click (or Enter) sorts the students by that column. Printable (the buttons and colours give way to plain marks).
 */
final class ClassReport {

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en", Map.ofEntries(Map.entry("title", "docker-lab · the class at a glance"), Map.entry("student", "Student"),
                    Map.entry("total", "Total"), Map.entry("outcome", "Outcome"), Map.entry("rate", "Pass rate"),
                    Map.entry("grid", "Students and questions"), Map.entry("items", "What the class got wrong"),
                    Map.entry("answers", "Written answers to read"), Map.entry("none", "(no answer)"),
                    Map.entry("checks", "checks"), Map.entry("failures", "Most frequent failures (first line)"),
                    Map.entry("students", "students"), Map.entry("legend", "✓ passed · ✗ failed · ! lab error (not the"
                            + " student's: no points) · W written · – missing. A header sorts the students by its column."),
                    Map.entry("of", "of"), Map.entry("no_failure", "no failure"), Map.entry("sort", "sort by")),
            "fr", Map.ofEntries(Map.entry("title", "docker-lab · la classe d'un coup d'œil"), Map.entry("student", "Étudiant"),
                    Map.entry("total", "Total"), Map.entry("outcome", "Issue"), Map.entry("rate", "Taux de réussite"),
                    Map.entry("grid", "Étudiants et questions"), Map.entry("items", "Ce que la classe a manqué"),
                    Map.entry("answers", "Réponses rédigées à lire"), Map.entry("none", "(pas de réponse)"),
                    Map.entry("checks", "vérifications"), Map.entry("failures", "Échecs les plus fréquents (première ligne)"),
                    Map.entry("students", "étudiants"), Map.entry("legend", "✓ réussi · ✗ échoué · ! erreur du lab (pas de"
                            + " l'étudiant : aucun point) · W rédigée · – absente. Un en-tête trie les étudiants selon sa colonne."),
                    Map.entry("of", "sur"), Map.entry("no_failure", "aucun échec"), Map.entry("sort", "trier par")));
    private static final Map<String, String> MARK = Map.of("pass", "✓", "fail", "✗", "lab-error", "!", "written", "W",
            "missing", "–", "none", "");
    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.([a-z]).*");
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    /** A student's row of class.csv and the graded checks and written answers of their lab-result.json, by id. */
    private record Student(Map<String, String> row, Map<String, LabResult.Check> questions) {
        String state(String id) {
            LabResult.Check c = questions.get(id);
            if (c == null) {
                return "none";
            }
            if (c.labError()) {
                return "lab-error";
            }
            if ("teacher-graded".equals(c.kind())) {
                return c.passed() ? "written" : "missing";
            }
            return c.passed() ? "pass" : "fail";
        }
    }

    private ClassReport() {
    }

    static Path write(Path out, String lang) throws IOException {
        Map<String, String> t = TEXTS.get(lang.toLowerCase(Locale.ROOT).startsWith("fr") ? "fr" : "en");
        List<List<String>> csv = ClassSheet.read(out.resolve("class.csv"));
        List<String> header = csv.isEmpty() ? List.of() : csv.get(0);
        List<String> exercises = header.stream().filter(h -> h.startsWith("ex")).toList();
        List<Student> students = new ArrayList<>();
        Map<String, LabResult.Check> checks = new LinkedHashMap<>();
        for (List<String> cells : csv.subList(Math.min(1, csv.size()), csv.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
            }
            row.put("student", ClassSheet.unneutral(row.get("student")));
            Path file = out.resolve(row.get("student")).resolve(LabResult.FILE);
            Map<String, LabResult.Check> questions = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                LabResult.read(file).checks().stream().filter(c -> !"demonstration".equals(c.kind()))
                        .forEach(c -> questions.put(c.id(), c));
            }
            questions.forEach(checks::putIfAbsent);
            students.add(new Student(row, questions));
        }
        List<String> columns = checks.keySet().stream().sorted(Comparator.comparing(ClassReport::numberKey)).toList();

        StringBuilder head = new StringBuilder(sortButton("name", t.get("student"), t.get("sort") + " " + t.get("student"), ""));
        exercises.forEach(e -> head.append(sortButton(e, e, t.get("sort") + " " + e, "")));
        head.append(sortButton("total", t.get("total"), t.get("sort") + " " + t.get("total"), ""));
        for (String c : columns) {
            String name = checks.get(c).name();
            head.append("<th scope=\"col\" class=\"q\"><button type=\"button\" data-sort=\"").append(esc(c)).append("\" title=\"")
                    .append(esc(name)).append("\" aria-label=\"").append(t.get("sort")).append(' ').append(esc(name)).append("\">")
                    .append(esc(c.split(" ")[0])).append("</button></th>");
        }
        head.append("<th scope=\"col\">").append(t.get("outcome")).append("</th>");

        StringBuilder body = new StringBuilder();
        for (Student s : students) {
            String name = s.row().get("student");
            body.append("<tr data-student=\"").append(esc(name)).append("\"><th scope=\"row\" data-value=\"").append(esc(name))
                    .append("\"><a href=\"").append(esc(relativeLink(name))).append("/feedback.md\">").append(esc(name))
                    .append("</a></th>");
            for (String e : exercises) {
                String v = s.row().get(e);
                body.append("<td class=\"n\" data-col=\"").append(e).append("\" data-value=\"").append(esc(v)).append("\">")
                        .append(esc(v)).append("</td>");
            }
            String total = s.row().get("total");
            body.append("<td class=\"n\" data-col=\"total\" data-value=\"").append(esc(total)).append("\">").append(esc(total))
                    .append(total.isEmpty() ? "" : " / " + esc(s.row().get("max"))).append("</td>");
            for (String c : columns) {
                String state = s.state(c);
                int order = switch (state) {
                    case "fail", "missing" -> 0;
                    case "pass", "written" -> 2;
                    default -> 1;
                };
                body.append("<td class=\"s ").append(state).append("\" data-col=\"").append(esc(c)).append("\" data-state=\"")
                        .append(state).append("\" data-value=\"").append(order).append("\" title=\"").append(esc(name))
                        .append(" · ").append(esc(c)).append("\">").append(MARK.get(state)).append("</td>");
            }
            body.append("<td>").append(esc(s.row().get("outcome"))).append("</td></tr>");
        }

        StringBuilder rates = new StringBuilder();
        record Item(String check, double rate, long passed, long counted, String lines) {
        }
        List<Item> items = new ArrayList<>();
        for (String c : columns) {
            List<String> states = students.stream().map(s -> s.state(c)).toList();
            long counted = states.stream().filter(s -> List.of("pass", "fail", "written", "missing").contains(s)).count();
            long passed = states.stream().filter(s -> s.equals("pass") || s.equals("written")).count();
            double rate = counted == 0 ? 0 : (double) passed / counted;
            rates.append(String.format(Locale.ROOT, "<td class=\"rate\" data-col=\"%s\" data-rate=\"%.2f\">%d%%</td>", esc(c), rate,
                    Math.round(rate * 100)));
            // the most frequent first lines of its failures, the most frequent first (ties in the order first seen)
            Map<String, Long> failures = students.stream().filter(s -> s.state(c).equals("fail"))
                    .map(s -> s.questions().get(c).firstLine()).filter(l -> l != null && !l.isEmpty())
                    .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
            StringBuilder lines = new StringBuilder();
            failures.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                    .forEach(f -> lines.append(item("failure", f.getValue(), f.getKey())));
            long missing = states.stream().filter(s -> s.equals("missing")).count();
            if (missing > 0) {
                lines.append(item("missing", missing, t.get("none")));
            }
            items.add(new Item(c, rate, passed, counted, lines.isEmpty() ? "<li>" + t.get("no_failure") + "</li>" : lines.toString()));
        }
        String foot = "<tr class=\"rates\"><th scope=\"row\">" + t.get("rate") + "</th>" + "<td></td>".repeat(exercises.size() + 1)
                + rates + "<td></td></tr>";
        StringBuilder itemHtml = new StringBuilder();
        items.stream().sorted(Comparator.comparingDouble(Item::rate).thenComparing(i -> numberKey(i.check()))).forEach(i ->
                itemHtml.append("<section class=\"item\" data-check=\"").append(esc(i.check())).append("\"><h3>")
                        .append(esc(checks.get(i.check()).name())).append(" <span class=\"meta\">").append(Math.round(i.rate() * 100))
                        .append("% · ").append(i.passed()).append(' ').append(t.get("of")).append(' ').append(i.counted())
                        .append("</span></h3><ul>").append(i.lines()).append("</ul></section>"));
        StringBuilder answerHtml = new StringBuilder();
        for (String c : columns) {
            if (!"teacher-graded".equals(checks.get(c).kind())) {
                continue;
            }
            answerHtml.append("<section><h3>").append(esc(checks.get(c).name())).append("</h3><dl>");
            for (Student s : students) {
                LabResult.Check answer = s.questions().get(c);
                String text = answer == null || answer.answer() == null || answer.answer().isBlank() ? t.get("none")
                        : answer.answer().strip();
                answerHtml.append("<dt>").append(esc(s.row().get("student"))).append("</dt><dd><pre>").append(esc(text))
                        .append("</pre></dd>");
            }
            answerHtml.append("</dl></section>");
        }
        Map<String, String> parts = Map.ofEntries(Map.entry("LANG", t == TEXTS.get("fr") ? "fr" : "en"),
                Map.entry("TITLE", t.get("title")), Map.entry("SUMMARY", students.size() + " " + t.get("students") + " · "
                        + columns.size() + " " + t.get("checks") + " · " + esc(t.get("legend"))),
                Map.entry("GRID", t.get("grid")), Map.entry("HEAD", head.toString()), Map.entry("BODY", body.toString()),
                Map.entry("FOOT", foot), Map.entry("ITEMS_TITLE", t.get("items")), Map.entry("FAILURES", t.get("failures")),
                Map.entry("ITEMS", itemHtml.toString()), Map.entry("ANSWERS_TITLE", t.get("answers")),
                Map.entry("ANSWERS", answerHtml.toString()));
        // one pass: what a student wrote is never read again as a placeholder
        String page = PLACEHOLDER.matcher(PAGE).replaceAll(m -> Matcher.quoteReplacement(parts.get(m.group(1))));
        Path file = out.resolve("class-report.html");
        Files.writeString(file, page, StandardCharsets.UTF_8);
        return file;
    }

    private static String sortButton(String key, String label, String aria, String cls) {
        return "<th scope=\"col\"" + cls + "><button type=\"button\" data-sort=\"" + esc(key) + "\" aria-label=\"" + esc(aria) + "\">"
                + esc(label) + "</button></th>";
    }

    private static String item(String kind, long count, String line) {
        return "<li data-kind=\"" + kind + "\"><span class=\"count\" data-count=\"" + count + "\">" + count + "</span> × "
                + esc(line) + "</li>";
    }

    /** A link to the student's folder that a browser can only read as a path: percent-encoded, never a scheme. */
    private static String relativeLink(String folder) {
        return URLEncoder.encode(folder, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String numberKey(String check) {
        Matcher m = NUMBER.matcher(check);
        return m.matches() ? String.format("%03d%s %s", Integer.parseInt(m.group(1)), m.group(2), check) : "999 " + check;
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="@LANG@"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>@TITLE@</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }
            table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: center; }
            th[scope=row] { text-align: left; white-space: nowrap; } td.n { text-align: right; }
            th button { font: inherit; border: 0; background: none; cursor: pointer; padding: 0; }
            th button:focus { outline: 2px solid #0b57d0; } th.q button { writing-mode: vertical-rl; }
            td.pass, td.written { background: #d7f5dd; } td.fail, td.missing { background: #fbd5d5; }
            td.lab-error { background: #ffe9a8; } tr.rates td { font-weight: bold; }
            .meta { color: #555; font-weight: normal; } .count { font-weight: bold; } pre { white-space: pre-wrap; margin: 0; }
            @media print { th button { writing-mode: horizontal-tb; } td { background: none !important; } a { color: #111; } }
            </style></head><body>
            <h1>@TITLE@</h1>
            <p>@SUMMARY@</p>
            <h2>@GRID@</h2>
            <table id="grid"><thead><tr>@HEAD@</tr></thead><tbody>@BODY@</tbody><tfoot>@FOOT@</tfoot></table>
            <h2>@ITEMS_TITLE@</h2>
            <p>@FAILURES@</p>
            @ITEMS@
            <h2>@ANSWERS_TITLE@</h2>
            @ANSWERS@
            <script>
            document.querySelectorAll('#grid thead button').forEach(function (button) {
              button.addEventListener('click', function () {
                var key = button.dataset.sort, body = document.querySelector('#grid tbody');
                var up = button.dataset.order !== 'up';
                document.querySelectorAll('#grid thead button').forEach(function (b) { delete b.dataset.order; });
                button.dataset.order = up ? 'up' : 'down';
                var value = function (row) {
                  var cell = key === 'name' ? row.querySelector('th') : row.querySelector('td[data-col="' + CSS.escape(key) + '"]');
                  var v = cell ? cell.dataset.value : '';
                  return v === '' || isNaN(v) ? v : Number(v);
                };
                Array.from(body.rows).sort(function (a, b) {
                  var x = value(a), y = value(b);
                  var c = x < y ? -1 : x > y ? 1 : a.dataset.student.localeCompare(b.dataset.student);
                  return up ? c : -c;
                }).forEach(function (row) { body.appendChild(row); });
              });
            });
            </script>
            </body></html>
            """;
}
