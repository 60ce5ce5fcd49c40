package dockerlab.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dockerlab.config.Folders;
import dockerlab.grading.LabResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher's class commands on the lab's result model, without Docker: class.csv is the same whether a class was
 * graded on one machine or merged from the hosted workflow's artifacts; no student vanishes; nothing a student names
 * becomes a formula or a link; the gradebook files join on the roster; the report counts what the results say.
 */
@DisplayName("Teacher's tool · class.csv, gradebook files, roster and class report from lab-result.json")
class ClassToolsTest {

    private static LabResult.Check check(String id, String kind, boolean passed, String firstLine, String answer) {
        return new LabResult.Check(id, id.split(" ")[0], "0" + id.charAt(0), "title",
                kind, passed ? "passed" : "failed", kind.equals("graded") ? 2 : 0, passed && kind.equals("graded") ? 2 : 0,
                1.0, 0.5, id + " name", passed ? "" : firstLine + "\nmore", passed ? "" : firstLine, "", false, answer);
    }

    /** A student's graded folder as grade-class leaves it: lab-result.json and row.csv. */
    private static void graded(Path out, String student, boolean right) throws Exception {
        Path dir = Files.createDirectories(out.resolve(student));
        List<LabResult.Check> checks = List.of(
                check("3.a apiAnswers", "graded", right, "expected status 200 but was 404 (curl localhost:8000/health)", null),
                check("4.c portPublished", "graded", true, "", null),
                check("8.a whyImages", "teacher-graded", right, "no answer", right ? "Because layers are shared." : ""),
                check("7.b logsShown", "demonstration", true, "", null));
        int score = checks.stream().mapToInt(LabResult.Check::earned).sum();
        LabResult result = new LabResult(LabResult.SCHEMA, "en", dir.toString(), LabResult.GRADED, "", score, 4, 1, 12, "", checks);
        Files.writeString(dir.resolve(LabResult.FILE), result.json());
        ClassSheet.writeRow(dir, ClassSheet.row(student, result, LabResult.GRADED, 12, "0123456789ab"));
    }

    private static List<Map<String, String>> rows(Path csv) throws Exception {
        List<List<String>> all = ClassSheet.read(csv);
        return all.subList(1, all.size()).stream().map(r -> IntStream.range(0, r.size()).boxed()
                .collect(Collectors.toMap(i -> all.get(0).get(i), r::get, (a, b) -> a, java.util.LinkedHashMap::new)))
                .map(m -> (Map<String, String>) m).toList();
    }

    @Test
    @DisplayName("one machine's class.csv and the artifacts' merge are the same bytes; a student whose grading did not end has a row without points")
    void artifactsMergeAsOneMachine(@TempDir Path folder) throws Exception {
        Path machine = folder.resolve("machine");
        graded(machine, "alice", true);
        graded(machine, "bob", false);
        assertThat(ClassSheet.merge(machine, null, null)).isEqualTo(2);
        Path artifacts = folder.resolve("artifacts");
        for (String s : List.of("alice", "bob")) {
            Folders.copy(machine.resolve(s), artifacts.resolve("result-" + s)); // as upload-artifact keeps it
        }
        Path merged = folder.resolve("merged");
        ClassSheet.merge(merged, artifacts, null);
        assertThat(Files.readString(merged.resolve("class.csv"))).isEqualTo(Files.readString(machine.resolve("class.csv")))
                .contains("\r\n").startsWith("student,ex01,");
        Map<String, String> alice = rows(merged.resolve("class.csv")).get(0);
        assertThat(alice).containsEntry("student", "alice").containsEntry("total", "4").containsEntry("max", "4")
                .containsEntry("ex03", "2").containsEntry("teacher_graded_written", "1").containsEntry("outcome", "graded")
                .containsEntry("commit", "0123456789ab");

        Files.createDirectories(merged.resolve("runner-died"));
        Files.writeString(merged.resolve("runner-died/test.log"), "killed\n");
        ClassSheet.merge(merged, null, null);
        assertThat(Files.readString(merged.resolve("class.csv")))
                .contains("\r\nrunner-died,,,,,,,,,,,,,no results: the grading did not end,,\r\n");
    }

    @Test
    @DisplayName("a lab error or a time-out has no points, not 0; a graded hand-out has 0")
    void noPointsIsNotZero() {
        assertThat(ClassSheet.row("a", null, "timeout after 900 s", 900, "")).containsExactly("a", "", "", "", "", "", "", "", "",
                "", "", "", "", "timeout after 900 s", "900", "");
        LabResult empty = new LabResult(LabResult.SCHEMA, "en", "x", LabResult.GRADED, "", 0, 4, 0, 3, "",
                List.of(check("3.a apiAnswers", "graded", false, "x", null)));
        assertThat(ClassSheet.row("b", empty, LabResult.GRADED, 3, "").get(ClassSheet.HEADER.indexOf("total"))).isEqualTo("0");
        assertThat(ClassSheet.row("b", empty, "lab-error: Docker stopped", 3, "").get(ClassSheet.HEADER.indexOf("total"))).isEmpty();
    }

    @Test
    @DisplayName("names a spreadsheet or a browser would run (a formula, a script link) are neither; an accented name is kept")
    void hostileNames(@TempDir Path folder) throws Exception {
        Path out = folder.resolve("class");
        List<String> names = List.of("=HYPERLINK(\"x\",\"y\")", "+1+1", "-2+3", "@SUM(1)", "javascript:alert(3)", "élève Zoë");
        for (String name : names) {
            graded(out, name, true);
        }
        ClassSheet.merge(out, null, null);
        List<String> cells = ClassSheet.read(out.resolve("class.csv")).stream().flatMap(List::stream).toList();
        assertThat(cells).as("cells a spreadsheet runs").noneMatch(c -> !c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0)
                .contains("élève Zoë", "'=HYPERLINK(\"x\",\"y\")");
        String page = Files.readString(ClassReport.write(out, "en"));
        Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
        List<String> hrefs = new ArrayList<>();
        while (links.find()) {
            hrefs.add(links.group(1));
        }
        assertThat(hrefs).hasSize(names.size()).noneMatch(h -> h.matches("[a-zA-Z][a-zA-Z+.-]*:.*"))
                .allMatch(h -> h.endsWith("/feedback.md"));
        assertThat(page).contains("élève Zoë").doesNotContain("<script>alert");
    }

    @Test
    @DisplayName("a roster export keeps what a gradebook joins on (a student id's zeros); a student twice, a bad name, no prefix, too many")
    void rosterExport(@TempDir Path folder) throws Exception {
        Path export = Files.writeString(folder.resolve("roster.csv"), "\uFEFFgithub_username,name,email,student_id,section\n"
                + "alice,Zoë Élève,zoe@school.example,0042,A\nALICE,twice,,,\nbob,,,,\n", StandardCharsets.UTF_8);
        assertThat(Roster.students(export, "my-org/docker-lab-")).containsExactly(
                Map.of("repo", "my-org/docker-lab-alice", "name", "my-org--docker-lab-alice", "login", "alice",
                        "full_name", "Zoë Élève", "email", "zoe@school.example", "student_id", "0042", "section", "A"),
                Map.of("repo", "my-org/docker-lab-bob", "name", "my-org--docker-lab-bob", "login", "bob"));
        Path list = Files.writeString(folder.resolve("repos.txt"), "# my class\nalice/docker-lab\nbob/docker-lab  # late\n\n");
        assertThat(Roster.students(list, "")).extracting(s -> s.get("name")).containsExactly("alice--docker-lab", "bob--docker-lab");
        assertThatThrownBy(() -> Roster.students(export, "")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> Roster.students(Files.writeString(folder.resolve("bad.txt"), "alice/docker lab\n"), ""))
                .hasMessageContaining("alice/docker lab");
        String many = IntStream.range(0, Roster.MAX_MATRIX + 1).mapToObj(i -> "s" + i + "/lab").collect(Collectors.joining("\n"));
        assertThatThrownBy(() -> Roster.students(Files.writeString(folder.resolve("many.txt"), many), ""))
                .hasMessageContaining("at most 256");
    }

    @Test
    @DisplayName("with a roster every student has a row (nothing left, a partial folder); Canvas and Moodle rows join on the roster, no result is no points")
    void rosterMerge(@TempDir Path folder) throws Exception {
        Path artifacts = folder.resolve("artifacts");
        graded(artifacts, "result-alice--docker-lab", true);
        Files.createDirectories(artifacts.resolve("result-carol--docker-lab"));
        Files.writeString(artifacts.resolve("result-carol--docker-lab/test.log"), "killed mid-run\n");
        List<Map<String, String>> roster = List.of(
                Map.of("repo", "alice/docker-lab", "name", "alice--docker-lab", "login", "alice", "full_name", "Zoë Élève",
                        "email", "zoe@school.example", "student_id", "0042", "section", "=cmd|x"),
                Map.of("repo", "bob/docker-lab", "name", "bob--docker-lab", "login", "bob"),
                Map.of("repo", "carol/docker-lab", "name", "carol--docker-lab", "login", "carol"));
        Path out = folder.resolve("class");
        assertThat(ClassSheet.merge(out, artifacts, roster)).isEqualTo(3);
        List<Map<String, String>> klass = rows(out.resolve("class.csv"));
        assertThat(klass).extracting(r -> r.get("student") + ": " + r.get("outcome")).containsExactly(
                "alice--docker-lab: graded",
                "bob--docker-lab: no results: the runner left nothing (timed out, or the checkout failed: see the workflow's log)",
                "carol--docker-lab: no results: the grading did not end");
        assertThat(klass.get(0)).containsEntry("login", "alice").containsEntry("full_name", "Zoë Élève")
                .containsEntry("student_id", "0042").containsEntry("section", "'=cmd|x");
        assertThat(rows(out.resolve("gradebook-canvas.csv"))).containsExactly(
                Map.of("Student", "Zoë Élève", "ID", "", "SIS User ID", "0042", "SIS Login ID", "zoe@school.example",
                        "Section", "'=cmd|x", "docker-lab", "4"),
                Map.of("Student", "bob", "ID", "", "SIS User ID", "", "SIS Login ID", "bob", "Section", "", "docker-lab", ""),
                Map.of("Student", "carol", "ID", "", "SIS User ID", "", "SIS Login ID", "carol", "Section", "", "docker-lab", ""));
        assertThat(rows(out.resolve("gradebook-moodle.csv")).get(0)).containsEntry("Email address", "zoe@school.example")
                .containsEntry("Username", "alice").containsEntry("docker-lab", "4");
    }

    @Test
    @DisplayName("the report shows each student's points and marks, each check's pass rate and its most frequent failure, the written answers")
    void reportCountsTheResults(@TempDir Path folder) throws Exception {
        Path out = folder.resolve("class");
        graded(out, "alice", true);
        graded(out, "bob", false);
        graded(out, "carol", false);
        ClassSheet.merge(out, null, null);
        String page = Files.readString(ClassReport.write(out, "fr"));
        assertThat(page).contains("<html lang=\"fr\">", "3 étudiants · 3 vérifications",
                "data-col=\"total\" data-value=\"4\">4 / 4</td>", "data-col=\"total\" data-value=\"2\">2 / 4</td>",
                "data-col=\"3.a apiAnswers\" data-rate=\"0.33\">33%", "data-col=\"4.c portPublished\" data-rate=\"1.00\">100%",
                "data-count=\"2\">2</span> × expected status 200 but was 404 (curl localhost:8000/health)",
                "<pre>Because layers are shared.</pre>", "<pre>(pas de réponse)</pre>")
                .doesNotContain("7.b logsShown"); // a demonstration scores nothing: not a column
        assertThat(Pattern.compile("data-state=\"fail\"").matcher(page).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("data-state=\"missing\"").matcher(page).results().count()).isEqualTo(2);
    }
}
