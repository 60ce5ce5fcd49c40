package dockerlab.teacher;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dockerlab.grading.LabResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The teacher's tool ({@code teacher/lab-teacher}): reads the lab's one result model, lab-result.json, for the
 * teacher's scripts, which never read display names or printed text.
 * <pre>
 *   checks RESULTS     one line a check: kind, status, todo|-, id, name (tab-separated)
 *   scores RESULTS     exercise, earned, possible; then total, teacher-graded (written, asked), outcome (and cause),
 *                      lab-errors (checks marked lab-error, checks)
 *   times RESULTS      one line a check: id, kind, seconds, of them waiting on Docker, the lab's own (tab-separated)
 *   failures RESULTS   one line a check that did not pass: id, status, the line of its message that keeps what was seen
 *   validate RESULTS   a result against its schema: lab-result.json (dockerlab/lab-result-v1.schema.json) or Classroom 50's
 *                      result.json (teacher/classroom50/result-v1.schema.json, vendored; and its cross-field rules)
 *   classroom50 OUT [--lang fr]   the folder a teacher copies into Classroom 50 as autograders/&lt;slug&gt;/: autograder.py
 *                      and lab/, the hand-out it grades with (no solution in it), within Classroom 50's 10 MiB
 * </pre>
 * RESULTS is a results folder (target/lab-results) or a result file. Exit 2 when there is no result to read.
 */
public final class Teacher {

    static final long BUNDLE_CAP = 10L * 1024 * 1024; // Classroom 50's cap on a fetched bundle

    public static void main(String[] args) throws Exception {
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "grade-class" -> System.exit(ClassGrading.main(rest));
            case "merge-class" -> System.exit(mergeClass(rest));
            case "class-report" -> System.exit(classReport(rest));
            case "roster" -> System.exit(roster(rest));
            case "handout" -> System.exit(handout(rest));
            default -> {
            }
        }
        if (args.length >= 2 && args[0].equals("classroom50")) {
            System.exit(classroom50(Path.of(args[1]), args.length == 4 && args[2].equals("--lang") ? args[3] : "en"));
        }
        if (args.length != 2) {
            System.err.println("usage: teacher/lab-teacher checks|scores|failures|times|validate RESULTS | classroom50 OUT [--lang fr]"
                    + " | grade-class [-j N] SUBMISSIONS [OUT] | merge-class OUT [ARTIFACTS] [--roster JSON]"
                    + " | class-report OUT [--lang fr] | roster ROSTER [PREFIX] | handout OUT [--lang fr]");
            System.exit(2);
        }
        Path file = Files.isDirectory(Path.of(args[1])) ? Path.of(args[1]).resolve(LabResult.FILE) : Path.of(args[1]);
        if (!Files.isRegularFile(file)) {
            System.err.println("[lab-teacher] no " + file + ": the run wrote no result");
            System.exit(2);
        }
        System.exit(switch (args[0]) {
            case "checks" -> checks(LabResult.read(file));
            case "scores" -> scores(LabResult.read(file));
            case "failures" -> failures(LabResult.read(file));
            case "times" -> times(LabResult.read(file));
            case "validate" -> validate(file);
            default -> {
                System.err.println("[lab-teacher] unknown command " + args[0]);
                yield 2;
            }
        });
    }

    static int mergeClass(List<String> args) throws Exception {
        List<String> rest = new java.util.ArrayList<>(args);
        List<Map<String, String>> roster = null;
        int i = rest.indexOf("--roster");
        if (i >= 0 && i + 1 < rest.size()) { // the class as roster listed it: every student gets a row
            roster = new com.fasterxml.jackson.databind.ObjectMapper().readValue(Path.of(rest.get(i + 1)).toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, String>>>() { });
            rest.subList(i, i + 2).clear();
        }
        if (rest.isEmpty() || rest.size() > 2) {
            System.err.println("usage: teacher/lab-teacher merge-class OUT [ARTIFACTS] [--roster JSON]");
            return 2;
        }
        Path out = Path.of(rest.get(0));
        int students = ClassSheet.merge(out, rest.size() == 2 ? Path.of(rest.get(1)) : null, roster);
        Path report = ClassReport.write(out, System.getenv().getOrDefault("LAB_LANG", "en"));
        System.out.println("[merge-class] " + students + " students: " + out.resolve("class.csv") + ", " + report);
        return 0;
    }

    static int classReport(List<String> args) throws Exception {
        if (args.size() != 1 && !(args.size() == 3 && args.get(1).equals("--lang"))) {
            System.err.println("usage: teacher/lab-teacher class-report OUT [--lang en|fr]");
            return 2;
        }
        String lang = args.size() == 3 ? args.get(2) : System.getenv().getOrDefault("LAB_LANG", "en");
        System.out.println("[class-report] " + ClassReport.write(Path.of(args.get(0)), lang));
        return 0;
    }

    /** The student hand-out (teacher/Handout.java, a program of its own: it also runs where the lab is not built). */
    static int handout(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "teacher/Handout.java"));
        command.addAll(args);
        return new ProcessBuilder(command).directory(project().toFile()).inheritIO().start().waitFor();
    }

    static int roster(List<String> args) throws Exception {
        if (args.isEmpty() || args.size() > 2) {
            System.err.println("usage: teacher/lab-teacher roster ROSTER [PREFIX]");
            return 2;
        }
        try {
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    Roster.students(Path.of(args.get(0)), args.size() == 2 ? args.get(1) : "")));
            return 0;
        } catch (Roster.RosterError e) {
            System.err.println("[roster] " + e.getMessage());
            return 1;
        }
    }

    static int checks(LabResult result) {
        checkRows(result).forEach(System.out::println);
        return 0;
    }

    /** kind, status, todo or -, id, name: a row a check */
    static List<String> checkRows(LabResult result) {
        return result.checks().stream().map(c -> String.join("\t", c.kind(), c.status(), c.pointsAtTodo() ? "todo" : "-",
                c.id(), c.name().replace('\t', ' ').replace('\n', ' '))).toList();
    }

    static int times(LabResult result) {
        result.checks().forEach(c -> System.out.printf(java.util.Locale.ROOT, "%s\t%s\t%.1f\t%.1f\t%.1f%n", c.id(), c.kind(),
                c.seconds(), c.dockerSeconds(), Math.max(0, c.seconds() - c.dockerSeconds())));
        return 0;
    }

    static int failures(LabResult result) {
        failureRows(result).forEach(System.out::println);
        return 0;
    }

    /** id, status, the message's first line: a row a check that did not pass */
    static List<String> failureRows(LabResult result) {
        return result.checks().stream().filter(c -> !c.passed()).map(c -> String.join("\t", c.id(), c.status(),
                c.firstLine().replace('\t', ' ').replace('\n', ' '))).toList();
    }

    static int scores(LabResult result) {
        for (Map.Entry<String, int[]> e : result.byExercise().entrySet()) {
            System.out.println(e.getKey() + "\t" + e.getValue()[0] + "\t" + e.getValue()[1]);
        }
        System.out.println("total\t" + result.score() + "\t" + result.maxScore());
        List<LabResult.Check> answers = result.checks().stream().filter(c -> "teacher-graded".equals(c.kind())).toList();
        System.out.println("teacher-graded\t" + answers.stream().filter(LabResult.Check::passed).count() + "\t" + answers.size());
        System.out.println("outcome\t" + result.outcome() + "\t" + result.labErrorCause().replace('\t', ' ').replace('\n', ' '));
        System.out.println("lab-errors\t" + result.checks().stream().filter(LabResult.Check::labError).count() + "\t"
                + result.checks().size());
        return 0;
    }

    static int validate(Path file) throws Exception {
        String json = Files.readString(file);
        String schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("schema").asText();
        List<String> errors = new java.util.ArrayList<>();
        if (schema.equals("classroom50/result/v1")) {
            try (InputStream in = Files.newInputStream(project().resolve("teacher/classroom50/result-v1.schema.json"))) {
                errors.addAll(check(in, json));
            }
            errors.addAll(classroom50Rules(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)));
        } else {
            try (InputStream in = Teacher.class.getClassLoader().getResourceAsStream("dockerlab/lab-result-v1.schema.json")) {
                errors.addAll(check(in, json));
            }
        }
        errors.forEach(e -> System.out.println("[lab-teacher] " + file + ": " + e));
        return errors.isEmpty() ? 0 : 1;
    }

    private static List<String> check(InputStream schema, String json) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema)
                .validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** What Classroom 50's runner enforces in code beyond its schema: no score above its maximum, totals that add up. */
    static List<String> classroom50Rules(com.fasterxml.jackson.databind.JsonNode result) {
        List<String> errors = new java.util.ArrayList<>();
        int sum = 0;
        int max = 0;
        for (com.fasterxml.jackson.databind.JsonNode test : result.path("tests")) {
            if (test.path("score").asInt() > test.path("max-score").asInt()) {
                errors.add(test.path("test-name").asText() + ": score above its max-score");
            }
            sum += test.path("score").asInt();
            max += test.path("max-score").asInt();
        }
        if (result.path("score").asInt() > result.path("max-score").asInt()) {
            errors.add("score above max-score");
        }
        if (sum != result.path("score").asInt() || max != result.path("max-score").asInt()) {
            errors.add("the tests add up to " + sum + "/" + max + ", the result says " + result.path("score").asInt() + "/"
                    + result.path("max-score").asInt());
        }
        return errors;
    }

    static int classroom50(Path out, String lang) throws Exception {
        boolean empty;
        try (var entries = Files.exists(out) ? Files.list(out) : java.util.stream.Stream.<Path>empty()) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty) {
            System.err.println("[lab-teacher] " + out + " exists and is not empty");
            return 2;
        }
        Files.createDirectories(out);
        // the hand-out: the lab's tests, pom and scripts, and no solution (a submission brings the student's files)
        Process handout = new ProcessBuilder("java", "teacher/Handout.java", out.resolve("lab").toString(), "--lang", lang)
                .directory(project().toFile()).redirectErrorStream(true).start();
        String log = new String(handout.getInputStream().readAllBytes());
        if (handout.waitFor() != 0) {
            System.err.print(log);
            return 1;
        }
        Files.copy(project().resolve("teacher/classroom50/autograder.py"), out.resolve("autograder.py"));
        long size;
        long files;
        try (var walk = Files.walk(out)) {
            List<Path> all = walk.filter(Files::isRegularFile).toList();
            files = all.size();
            size = 0;
            for (Path p : all) {
                size += Files.size(p);
            }
        }
        System.out.printf("[lab-teacher] %s: autograder.py and lab/ (the %s hand-out), %d files, %.2f MiB uncompressed"
                + " (Classroom 50's cap: 10 MiB)%n", out, lang, files, size / 1024.0 / 1024.0);
        return size <= BUNDLE_CAP ? 0 : 1;
    }

    private static Path project() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }
}
