package dockerlab.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dockerlab.support.AnswerSheet;
import dockerlab.support.LabError;
import dockerlab.support.LabPaths;
import dockerlab.support.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of every run (Maven, an IDE running one class, CI alike; registered through the ServiceLoader):
 * points per exercise and per question in the console, and under target/lab-results/ the scorecard in Markdown,
 * results.json in Gradescope's shape, the teacher-graded answers, and scores.tsv for the class grader.
 */
public final class Scorecard implements TestExecutionListener {

    private static final int WIDTH = 100;

    /** One question's outcome. */
    record Entry(String exercise, String exerciseTitle, String number, String id, String name, Questions.Kind kind,
                 int points, boolean passed, String status, Duration took, String firstLine, String hint,
                 boolean pointsAtTodo) {

        int earned() {
            return passed ? points : 0;
        }

        /** Not the student's doing: Docker or the lab failed (an exception that is no assertion, a skip, a time-out). */
        boolean labError() {
            return LAB_ERROR.equals(status);
        }

        /** A lab error where points were at stake: the run is then no grade. */
        boolean voidsTheGrade() {
            return labError() && (kind == Questions.Kind.GRADED || kind == Questions.Kind.TEACHER_GRADED);
        }
    }

    static final String LAB_ERROR = "lab-error";
    static final String NOT_GRADED_RESULTS = "results.not-graded.json";

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger skippedDemonstrations = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Entry> entries = new ArrayList<>();
    private TestPlan plan;
    private long planStarted;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        planStarted = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        started.put(test.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (LabQuestions.DEMONSTRATION_SKIPPED.equals(reason)) { // a grading run: counted, not a lab error
            (test.isContainer() ? plan.getDescendants(test).stream().filter(TestIdentifier::isTest) : java.util.stream.Stream.of(test))
                    .forEach(t -> skippedDemonstrations.incrementAndGet());
            return;
        }
        if (test.isContainer()) {
            plan.getDescendants(test).stream().filter(TestIdentifier::isTest)
                    .forEach(t -> record(t, false, LAB_ERROR, "skipped: " + reason));
        } else {
            record(test, false, LAB_ERROR, "skipped: " + reason); // a question left out is no failure of the student's
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            record(test, passed, passed ? "passed" : status(result), message(result));
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && test.isContainer()) {
            // a class that failed before its tests (a @BeforeAll): its tests never started, they score 0
            plan.getDescendants(test).stream().filter(TestIdentifier::isTest)
                    .filter(t -> !started.containsKey(t.getUniqueId()))
                    .forEach(t -> record(t, false, status(result), message(result)));
        }
    }

    /** failed: an assertion on what the student wrote; lab-error: anything else (Docker, the lab, a time-out). */
    public static String status(TestExecutionResult result) {
        return result.getStatus() == TestExecutionResult.Status.FAILED
                && result.getThrowable().filter(AssertionError.class::isInstance).isPresent() ? "failed" : LAB_ERROR;
    }

    private static String message(TestExecutionResult result) {
        // the lab's own errors and assertions say what they mean; any other exception also says what it is
        return result.getThrowable().map(t -> t instanceof AssertionError || t instanceof LabError
                ? String.valueOf(t.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("");
    }

    private synchronized void record(TestIdentifier test, boolean passed, String status, String message) {
        Optional<Method> method = test.getSource().filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getJavaMethod());
        Optional<String> number = method.flatMap(Questions::number);
        if (method.isEmpty() || number.isEmpty()) {
            return;
        }
        Class<?> testClass = method.get().getDeclaringClass();
        String exercise = Questions.exercise(testClass).orElse("--");
        String title = plan.getParent(test).map(TestIdentifier::getDisplayName).orElse(testClass.getSimpleName());
        Long start = started.get(test.getUniqueId());
        Duration took = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        String first = firstLine(message);
        List<String> hints = Hints.of(number.get());
        entries.add(new Entry(exercise, title, number.get(), Questions.id(method.get()), test.getDisplayName(),
                Questions.kind(method.get()),
                Questions.points(method.get()), passed, status, took, passed ? "" : first,
                passed || hints.isEmpty() || LAB_ERROR.equals(status) ? "" : hints.get(0),
                message != null && message.contains("TODO")));
    }

    /** The message's first line; after an AssertJ description ("[...]"), its next line too, which says what was seen. */
    static String firstLine(String message) {
        List<String> lines = message == null ? List.of() : message.strip().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String first = lines.get(0).strip();
        if (!first.endsWith("]")) {
            return first;
        }
        // AssertJ's multi-line form ("[description]", "Expecting actual:", "  value", "to start with:", "  value"):
        // one line that keeps what was expected and what was seen, up to the lab's own TODO and hint lines
        StringBuilder joined = new StringBuilder(first);
        for (String line : lines.subList(1, lines.size())) {
            if (ADVICE.stream().anyMatch(line.strip()::startsWith)) {
                break;
            }
            joined.append(' ').append(line.strip());
        }
        return joined.length() <= MAX_FIRST_LINE ? joined.toString() : joined.substring(0, MAX_FIRST_LINE) + " …";
    }

    private static final int MAX_FIRST_LINE = 600;
    // the lines LabQuestions adds after a failure, in both languages: they are advice, not what was seen
    private static final List<String> ADVICE = List.of("Still TODO:", "Hint:", "Reste à faire :", "Indice :");

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (entries.isEmpty()) {
            return;
        }
        Duration total = Duration.ofNanos(System.nanoTime() - planStarted);
        String card = card(total);
        boolean quiet = "quiet".equals(System.getProperty("lab.scorecard")); // ./lab shows its own view
        if (!quiet) {
            System.out.println(card);
        }
        Path out = resultsFolder();
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("scorecard.md"), "```\n" + card.strip() + "\n```\n", StandardCharsets.UTF_8);
            // a run that is no grade leaves no results.json: Gradescope then says its autograder failed, rather than
            // recording a 0; the same content, for the teacher and the lab's tools, is results.not-graded.json
            Files.deleteIfExists(out.resolve(notGraded() ? "results.json" : NOT_GRADED_RESULTS));
            Files.writeString(out.resolve(notGraded() ? NOT_GRADED_RESULTS : "results.json"), resultsJson(total),
                    StandardCharsets.UTF_8);
            Files.writeString(out.resolve("teacher-graded.md"), teacherGraded(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("scores.tsv"), scores(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("questions.tsv"), questions(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("classroom.json"), classroomJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (LabPaths.submission().isEmpty()) {
            try {
                writeProgress(LabPaths.project().resolve("target/lab-results/progress.tsv"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!quiet) {
            System.out.println(Lang.text("scorecard.written", out));
        }
    }

    /**
     * Every question's latest outcome, whichever run gave it (Maven, an IDE, ./lab): id, status, exercise, kind;
     * {@code ./lab status} reads it.
     */
    private void writeProgress(Path file) throws IOException {
        Map<String, String> latest = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    latest.put(line.substring(0, tab), line);
                }
            }
        }
        for (Entry e : entries) {
            latest.put(e.id(), e.id() + "\t" + e.status() + "\t" + e.exercise() + "\t" + e.kind());
        }
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "progress", ".partial");
        Files.writeString(partial, String.join("\n", latest.values()) + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Path resultsFolder() {
        String dir = System.getProperty("lab.results", System.getenv("LAB_RESULTS"));
        return dir == null || dir.isBlank() ? LabPaths.project().resolve("target/lab-results") : Path.of(dir);
    }

    private Map<String, List<Entry>> byExercise() {
        Map<String, List<Entry>> exercises = new TreeMap<>();
        entries.stream().sorted((a, b) -> a.number().compareTo(b.number()) != 0 ? a.number().compareTo(b.number())
                        : a.name().compareTo(b.name()))
                .forEach(e -> exercises.computeIfAbsent(e.exercise(), k -> new ArrayList<>()).add(e));
        return exercises;
    }

    String card(Duration total) {
        StringBuilder out = new StringBuilder("\n").append("=".repeat(WIDTH)).append('\n');
        String edition = LabPaths.submission().map(p -> Lang.text("scorecard.submission", p))
                .orElse(Lang.text("scorecard.project", LabPaths.project().getFileName()));
        out.append(column("", Lang.text("scorecard.title", edition), WIDTH, ""));
        String tampered = labFilesDiffering();
        if (!tampered.isEmpty()) {
            out.append(tampered).append('\n');
        }
        boolean causeShown = false; // a lab error's cause once, where it first appears
        for (Map.Entry<String, List<Entry>> exercise : byExercise().entrySet()) {
            List<Entry> list = exercise.getValue();
            out.append("-".repeat(WIDTH)).append('\n');
            String points = Lang.text("scorecard.points", sum(list, true), sum(list, false));
            String title = list.get(0).exerciseTitle();
            out.append(column("", title, WIDTH - points.length() - 1, " " + points));
            for (Entry e : list) {
                String mark = Lang.text(e.labError() ? "scorecard.lab-error" : switch (e.kind()) {
                    case GRADED -> e.passed() ? "scorecard.pass" : "scorecard.fail";
                    case TEACHER_GRADED -> e.passed() ? "scorecard.read" : "scorecard.missing";
                    default -> e.passed() ? "scorecard.demo" : "scorecard.demo-failed";
                });
                String right = (e.kind() == Questions.Kind.GRADED ? e.earned() + "/" + e.points() : "  -")
                        + String.format(" %6.1f s", e.took().toMillis() / 1000.0);
                out.append(column(String.format("  %-7s", mark), e.name(), WIDTH - 10 - right.length(), " " + right));
                if (!e.passed() && !e.firstLine().isEmpty()) {
                    boolean sameCause = e.labError() && e.firstLine().equals(labErrorCause());
                    String line = sameCause && causeShown ? Lang.text("scorecard.lab-error-again") : e.firstLine();
                    causeShown |= sameCause;
                    wrap("        x ", line).forEach(l -> out.append(l).append('\n'));
                }
                if (!e.passed() && !e.hint().isEmpty() && e.kind() == Questions.Kind.GRADED) {
                    wrap("        ", Lang.text("scorecard.hint", e.hint())).forEach(l -> out.append(l).append('\n'));
                }
            }
        }
        out.append("=".repeat(WIDTH)).append('\n');
        long graded = entries.stream().filter(e -> e.kind() == Questions.Kind.GRADED).count();
        long passed = entries.stream().filter(e -> e.kind() == Questions.Kind.GRADED && e.passed()).count();
        long teacher = entries.stream().filter(e -> e.kind() == Questions.Kind.TEACHER_GRADED).count();
        long written = entries.stream().filter(e -> e.kind() == Questions.Kind.TEACHER_GRADED && e.passed()).count();
        wrap("", Lang.text("scorecard.total", sum(entries, true), sum(entries, false), passed, graded, written, teacher,
                Math.round(total.toMillis() / 1000.0))).forEach(l -> out.append(l).append('\n')); // wrapped, never cut
        if (notGraded()) {
            out.append(Lang.text("scorecard.not-graded", labErrors(), labErrorCause())).append('\n');
        }
        if (skippedDemonstrations.get() > 0) {
            wrap("", Lang.text("scorecard.demonstrations-skipped", skippedDemonstrations.get())).forEach(l -> out.append(l).append('\n'));
        }
        out.append("=".repeat(WIDTH)).append('\n');
        wrap("", legend()).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** What each mark means, with the marks of this language. */
    public static String legend() {
        return Lang.text("scorecard.legend", Lang.text("scorecard.pass"), Lang.text("scorecard.fail"),
                Lang.text("scorecard.read"), Lang.text("scorecard.missing"), Lang.text("scorecard.demo"),
                Lang.text("scorecard.demo-failed"), Lang.text("scorecard.lab-error"));
    }

    /** A line wrapped at the card's width, its next lines under its text: a failure is never cut. */
    public static List<String> wrap(String lead, String text) {
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(lead.length());
        StringBuilder current = new StringBuilder();
        for (String word : text.replace('\n', ' ').strip().split(" +")) {
            if (current.length() > 0 && lead.length() + current.length() + 1 + word.length() > WIDTH) {
                lines.add((lines.isEmpty() ? lead : indent) + current);
                current.setLength(0);
            }
            current.append(current.length() > 0 ? " " : "").append(word);
        }
        lines.add((lines.isEmpty() ? lead : indent) + current);
        return lines;
    }

    /** Points earned (0 for all when the run is no grade) or possible. */
    private int sum(List<Entry> list, boolean earned) {
        return earned && notGraded() ? 0 : list.stream().filter(e -> e.kind() == Questions.Kind.GRADED)
                .mapToInt(e -> earned ? e.earned() : e.points()).sum();
    }

    /** A question where points were at stake hit a lab or infrastructure error: this run gives no points. */
    boolean notGraded() {
        return entries.stream().anyMatch(Entry::voidsTheGrade);
    }

    private long labErrors() {
        return entries.stream().filter(Entry::voidsTheGrade).count();
    }

    /** The first lab error where points were at stake, in the scorecard's order (else the first at all). */
    private Entry firstLabError() {
        List<Entry> ordered = byExercise().values().stream().flatMap(List::stream).toList();
        return ordered.stream().filter(Entry::voidsTheGrade).findFirst()
                .orElse(ordered.stream().filter(Entry::labError).findFirst().orElse(null));
    }

    /** The first line of the first lab error, said once. */
    String labErrorCause() {
        Entry first = firstLabError();
        return first == null ? "" : first.firstLine();
    }

    /** Text wrapped at a width, word for word (a longer word stays whole): the card never cuts. */
    public static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.replace('\n', ' ').strip().split(" +")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > width) {
                lines.add(current.toString());
                current.setLength(0);
            }
            current.append(current.length() > 0 ? " " : "").append(word);
        }
        lines.add(current.toString());
        return lines;
    }

    /**
     * A column of this width after {@code lead}, wrapped: its first line padded and followed by {@code right}, the next
     * ones under the column's start. Lines end with a line break.
     */
    public static String column(String lead, String text, int width, String right) {
        List<String> lines = lines(text, width);
        StringBuilder out = new StringBuilder((lead + String.format("%-" + width + "s", lines.get(0)) + right).stripTrailing())
                .append('\n');
        lines.subList(1, lines.size()).forEach(line -> out.append(" ".repeat(lead.length())).append(line).append('\n'));
        return out.toString();
    }

    /** For the lab's own test of the output formats. */
    synchronized void add(Entry entry) {
        entries.add(entry);
    }

    private String labFilesDiffering;

    /** The scorecard's line naming the lab files a submission changed (computed once), or empty. */
    private String labFilesDiffering() {
        if (labFilesDiffering == null) {
            labFilesDiffering = LabPaths.submission().map(s -> LabFiles.summary(LabFiles.differing(LabPaths.project(), s)))
                    .orElse("");
        }
        return labFilesDiffering;
    }

    /**
     * The result of one runner in the format of GitHub Classroom's grading reporter (autograding-grading-reporter:
     * version, status pass/fail/error, max_score, tests with name, status, score, message; it adds up the tests'
     * scores): one entry per graded check, with its own points. A lab error makes the whole runner an error.
     */
    String classroomJson() throws IOException {
        List<Map<String, Object>> tests = new ArrayList<>();
        for (List<Entry> list : byExercise().values()) {
            for (Entry e : list) {
                if (e.kind() != Questions.Kind.GRADED) {
                    continue;
                }
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("name", e.name());
                test.put("status", e.labError() ? "error" : e.passed() ? "pass" : "fail");
                test.put("score", notGraded() ? 0 : e.earned());
                test.put("max_score", e.points());
                test.put("message", e.passed() ? "" : (e.labError() ? "LAB ERROR: " : "") + e.firstLine());
                test.put("test_code", e.id());
                tests.add(test);
            }
        }
        Map<String, Object> runner = new LinkedHashMap<>();
        runner.put("version", 1);
        runner.put("status", notGraded() ? "error" : tests.stream().allMatch(t -> "pass".equals(t.get("status")))
                ? "pass" : "fail");
        runner.put("max_score", sum(entries, false));
        runner.put("tests", tests);
        return new ObjectMapper().writeValueAsString(runner);
    }

    String resultsJson(Duration total) throws IOException {
        List<Map<String, Object>> tests = new ArrayList<>();
        for (List<Entry> list : byExercise().values()) {
            for (Entry e : list) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("name", e.name());
                test.put("number", e.number());
                if (e.kind() == Questions.Kind.GRADED) {
                    test.put("score", notGraded() ? 0 : e.earned());
                    test.put("max_score", e.points());
                } // a demonstration or a written answer is informational: shown, with no score (the spec allows it
                // when the top level has one)
                test.put("status", e.passed() ? "passed" : "failed");
                test.put("output", e.passed() ? "" : (e.labError() ? "LAB ERROR (not the student's doing): " : "")
                        + e.firstLine() + (e.hint().isEmpty() ? "" : "\nHint: " + e.hint()));
                test.put("visibility", "visible");
                List<String> tags = new ArrayList<>(List.of("exercise-" + e.exercise(), switch (e.kind()) {
                    case GRADED -> "graded";
                    case TEACHER_GRADED -> "teacher-graded";
                    case DEMONSTRATION -> "demonstration";
                    case OTHER -> "other";
                }));
                if (e.labError()) {
                    tags.add(LAB_ERROR);
                }
                test.put("tags", tags);
                test.put("extra_data", Map.of("exercise", e.exercise(), "check", e.id(), "seconds",
                        e.took().toMillis() / 1000.0, "lab_status", e.status()));
                tests.add(test);
            }
        }
        // Gradescope's results.json: its top-level keys only; names and outputs hold `code`, so they are Markdown
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("score", sum(entries, true));
        results.put("execution_time", total.toSeconds());
        results.put("output_format", "md");
        results.put("test_output_format", "md");
        results.put("test_name_format", "md");
        results.put("output", (notGraded() ? Lang.text("scorecard.output-not-graded", labErrors(), labErrorCause())
                : Lang.text("scorecard.output", sum(entries, true), sum(entries, false)))
                + (labFilesDiffering().isEmpty() ? "" : "\n" + labFilesDiffering())
                + (skippedDemonstrations.get() == 0 ? "" : "\n" + Lang.text("scorecard.demonstrations-skipped", skippedDemonstrations.get())));
        results.put("visibility", "visible");
        results.put("stdout_visibility", "hidden");
        results.put("extra_data", Map.of("max_score", sum(entries, false), "outcome", notGraded() ? LAB_ERROR : "graded",
                "demonstrations_skipped", skippedDemonstrations.get()));
        results.put("tests", tests);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    }

    private String teacherGraded() {
        Map<String, String> answers = AnswerSheet.answersOrNone();
        StringBuilder out = new StringBuilder("# " + Lang.text("scorecard.teacher-title") + "\n\n");
        out.append(LabPaths.submission().map(p -> Lang.text("scorecard.teacher-submission", p))
                .orElse(Lang.text("scorecard.teacher-project", LabPaths.project()))).append("\n\n");
        for (List<Entry> list : byExercise().values()) {
            for (Entry e : list) {
                if (e.kind() == Questions.Kind.TEACHER_GRADED) {
                    out.append("## ").append(e.name()).append("\n\n")
                            .append(answers.getOrDefault(e.number(), Lang.text("scorecard.no-answer"))).append("\n\n");
                }
            }
        }
        return out.toString();
    }

    /**
     * One line per test: kind, status (passed, failed, lab-error), whether its failure points at a TODO, check id
     * ("3.b imageRunsAsNonRootUser"), display name (for the lab's self-checks).
     */
    private String questions() {
        StringBuilder out = new StringBuilder();
        for (List<Entry> list : byExercise().values()) {
            for (Entry e : list) {
                out.append(e.kind().name().toLowerCase().replace('_', '-')).append('\t').append(e.status()).append('\t')
                        .append(e.pointsAtTodo() ? "todo" : "-").append('\t').append(e.id()).append('\t')
                        .append(e.name().replace('\t', ' ')).append('\n');
            }
        }
        return out.toString();
    }

    /** exercise, points earned, points possible; then the total and the teacher-graded answers written. */
    private String scores() {
        StringBuilder out = new StringBuilder();
        byExercise().forEach((exercise, list) -> out.append(exercise).append('\t').append(sum(list, true)).append('\t')
                .append(sum(list, false)).append('\n'));
        out.append("total\t").append(sum(entries, true)).append('\t').append(sum(entries, false)).append('\n');
        long teacher = entries.stream().filter(e -> e.kind() == Questions.Kind.TEACHER_GRADED).count();
        long written = entries.stream().filter(e -> e.kind() == Questions.Kind.TEACHER_GRADED && e.passed()).count();
        out.append("teacher-graded\t").append(written).append('\t').append(teacher).append('\n');
        out.append("outcome\t").append(notGraded() ? LAB_ERROR + "\t" + labErrorCause().replace('\t', ' ') : "graded\t")
                .append('\n');
        return out.toString();
    }
}
