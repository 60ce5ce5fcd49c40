package dockerlab.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dockerlab.answers.AnswerSheet;
import dockerlab.config.LabError;
import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import dockerlab.docker.DiskWatch;
import dockerlab.docker.DockerTime;
import dockerlab.submission.Submission;
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
 * lab-result.json (the run's one result, which everything else is written from), results.json in Gradescope's shape,
 * the teacher-graded answers, and the progress ./lab status reads.
 */
public final class Scorecard implements TestExecutionListener {

    private static final int WIDTH = 100;

    /** One question's outcome. */
    record Entry(String exercise, String exerciseTitle, String number, String id, String name, Questions.Kind kind,
                 int points, boolean passed, String status, Duration took, Duration docker, String message,
                 String firstLine, String hint, boolean pointsAtTodo) {

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
        if (!passed && DiskWatch.exceeded() != null && !String.valueOf(message).contains(DiskWatch.exceeded())) {
            message = DiskWatch.exceeded() + "\n" + message; // the reason the stack stopped comes first
        }
        String first = firstLine(message);
        List<String> hints = Hints.of(number.get());
        entries.add(new Entry(exercise, title, number.get(), Questions.id(method.get()), test.getDisplayName(),
                Questions.kind(method.get()),
                Questions.points(method.get()), passed, status, took,
                Duration.ofNanos(DockerTime.taken(test.getUniqueId())), passed ? "" : String.valueOf(message).strip(),
                passed ? "" : first,
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
        LabResult result = result(Duration.ofNanos(System.nanoTime() - planStarted));
        String card = card(result);
        boolean quiet = "quiet".equals(System.getProperty("lab.scorecard")); // ./lab shows its own view
        if (!quiet) {
            System.out.println(card);
        }
        Path out = resultsFolder();
        try {
            Files.createDirectories(out);
            // the run's one result: every file below is written from it, and the teacher's tools read it alone
            Files.writeString(out.resolve(LabResult.FILE), result.json(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("scorecard.md"), "```\n" + card.strip() + "\n```\n", StandardCharsets.UTF_8);
            // a run that is no grade leaves no results.json: Gradescope then says its autograder failed, rather than
            // recording a 0; the same content, for the teacher, is results.not-graded.json
            Files.deleteIfExists(out.resolve(result.notGraded() ? "results.json" : NOT_GRADED_RESULTS));
            Files.writeString(out.resolve(result.notGraded() ? NOT_GRADED_RESULTS : "results.json"), resultsJson(result),
                    StandardCharsets.UTF_8);
            Files.writeString(out.resolve("teacher-graded.md"), teacherGraded(result), StandardCharsets.UTF_8);
            // older runs' files: the first two are now read from lab-result.json; GitHub Classroom, which read the
            // third, was retired on 2026-08-28
            Files.deleteIfExists(out.resolve("questions.tsv"));
            Files.deleteIfExists(out.resolve("scores.tsv"));
            Files.deleteIfExists(out.resolve("classroom.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Submission.folder().isEmpty()) {
            try {
                writeProgress(result, LabPaths.project().resolve("target/lab-results/progress.tsv"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!quiet) {
            System.out.println(Lang.text("scorecard.written", out));
        }
    }

    /** This run's result: the checks in the scorecard's order, points voided when the run is no grade. */
    synchronized LabResult result(Duration total) {
        boolean notGraded = entries.stream().anyMatch(Entry::voidsTheGrade);
        Map<String, String> answers = entries.stream().anyMatch(e -> e.kind() == Questions.Kind.TEACHER_GRADED)
                ? AnswerSheet.answersOrNone() : Map.of();
        List<LabResult.Check> checks = new ArrayList<>();
        for (List<Entry> list : byExercise().values()) {
            for (Entry e : list) {
                boolean teacher = e.kind() == Questions.Kind.TEACHER_GRADED;
                checks.add(new LabResult.Check(e.id(), e.number(), e.exercise(), e.exerciseTitle(), kind(e.kind()), e.status(),
                        e.kind() == Questions.Kind.GRADED ? e.points() : 0, e.kind() == Questions.Kind.GRADED ? e.earned() : 0,
                        e.took().toMillis() / 1000.0, Math.min(e.docker().toMillis(), e.took().toMillis()) / 1000.0, e.name(), e.message(), e.firstLine(), e.hint(), e.pointsAtTodo(),
                        teacher ? answers.get(e.number()) : null));
            }
        }
        int max = checks.stream().filter(LabResult.Check::graded).mapToInt(LabResult.Check::points).sum();
        int score = notGraded ? 0 : checks.stream().filter(LabResult.Check::graded).mapToInt(LabResult.Check::earned).sum();
        // the first lab error where points were at stake, in the scorecard's order (else the first at all)
        String cause = checks.stream().filter(c -> c.labError() && (c.graded() || "teacher-graded".equals(c.kind())))
                .findFirst().or(() -> checks.stream().filter(LabResult.Check::labError).findFirst())
                .map(LabResult.Check::firstLine).orElse("");
        return new LabResult(LabResult.SCHEMA, Lang.code(), Submission.folder().map(Path::toString).orElse(null),
                notGraded ? LabResult.LAB_ERROR : LabResult.GRADED, cause, score, max, skippedDemonstrations.get(),
                Math.round(total.toMillis() / 1000.0), labFilesDiffering(), checks);
    }

    private static String kind(Questions.Kind kind) {
        return switch (kind) {
            case GRADED -> "graded";
            case TEACHER_GRADED -> "teacher-graded";
            case DEMONSTRATION -> "demonstration";
            case OTHER -> "other";
        };
    }

    /**
     * Every question's latest outcome, whichever run gave it (Maven, an IDE, ./lab): id, status, exercise, kind;
     * {@code ./lab status} reads it.
     */
    private static void writeProgress(LabResult result, Path file) throws IOException {
        Map<String, String> latest = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    latest.put(line.substring(0, tab), line);
                }
            }
        }
        for (LabResult.Check c : result.checks()) {
            latest.put(c.id(), c.id() + "\t" + c.status() + "\t" + c.exercise() + "\t"
                    + c.kind().toUpperCase().replace('-', '_'));
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

    private static Map<String, List<LabResult.Check>> byExercise(LabResult result) {
        Map<String, List<LabResult.Check>> exercises = new LinkedHashMap<>();
        result.checks().forEach(c -> exercises.computeIfAbsent(c.exercise(), k -> new ArrayList<>()).add(c));
        return exercises;
    }

    static String card(LabResult result) {
        StringBuilder out = new StringBuilder("\n").append("=".repeat(WIDTH)).append('\n');
        String edition = result.graded() != null ? Lang.text("scorecard.submission", result.graded())
                : Lang.text("scorecard.project", LabPaths.project().getFileName());
        out.append(column("", Lang.text("scorecard.title", edition), WIDTH, ""));
        if (!result.labFilesChanged().isEmpty()) {
            out.append(result.labFilesChanged()).append('\n');
        }
        boolean causeShown = false; // a lab error's cause once, where it first appears
        Map<String, int[]> points = result.byExercise();
        for (Map.Entry<String, List<LabResult.Check>> exercise : byExercise(result).entrySet()) {
            List<LabResult.Check> list = exercise.getValue();
            int[] p = points.get(exercise.getKey());
            out.append("-".repeat(WIDTH)).append('\n');
            String earned = Lang.text("scorecard.points", p[0], p[1]);
            out.append(column("", list.get(0).exerciseTitle(), WIDTH - earned.length() - 1, " " + earned));
            for (LabResult.Check c : list) {
                String mark = Lang.text(c.labError() ? "scorecard.lab-error" : switch (c.kind()) {
                    case "graded" -> c.passed() ? "scorecard.pass" : "scorecard.fail";
                    case "teacher-graded" -> c.passed() ? "scorecard.read" : "scorecard.missing";
                    default -> c.passed() ? "scorecard.demo" : "scorecard.demo-failed";
                });
                String right = (c.graded() ? c.earned() + "/" + c.points() : "  -") + String.format(" %6.1f s", c.seconds());
                out.append(column(String.format("  %-7s", mark), c.name(), WIDTH - 10 - right.length(), " " + right));
                if (!c.passed() && !c.firstLine().isEmpty()) {
                    boolean sameCause = c.labError() && c.firstLine().equals(result.labErrorCause());
                    String line = sameCause && causeShown ? Lang.text("scorecard.lab-error-again") : c.firstLine();
                    causeShown |= sameCause;
                    wrap("        x ", line).forEach(l -> out.append(l).append('\n'));
                }
                if (!c.passed() && !c.hint().isEmpty() && c.graded()) {
                    wrap("        ", Lang.text("scorecard.hint", c.hint())).forEach(l -> out.append(l).append('\n'));
                }
            }
        }
        out.append("=".repeat(WIDTH)).append('\n');
        long graded = result.checks().stream().filter(LabResult.Check::graded).count();
        long passed = result.checks().stream().filter(c -> c.graded() && c.passed()).count();
        long teacher = result.checks().stream().filter(c -> "teacher-graded".equals(c.kind())).count();
        long written = result.checks().stream().filter(c -> "teacher-graded".equals(c.kind()) && c.passed()).count();
        wrap("", Lang.text("scorecard.total", result.score(), result.maxScore(), passed, graded, written, teacher,
                result.seconds())).forEach(l -> out.append(l).append('\n')); // wrapped, never cut
        if (result.notGraded()) {
            out.append(Lang.text("scorecard.not-graded", labErrors(result), result.labErrorCause())).append('\n');
        }
        if (result.demonstrationsSkipped() > 0) {
            wrap("", Lang.text("scorecard.demonstrations-skipped", result.demonstrationsSkipped()))
                    .forEach(l -> out.append(l).append('\n'));
        }
        out.append("=".repeat(WIDTH)).append('\n');
        wrap("", legend()).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** The lab errors where points were at stake. */
    private static long labErrors(LabResult result) {
        return result.checks().stream().filter(c -> c.labError() && (c.graded() || "teacher-graded".equals(c.kind()))).count();
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
            labFilesDiffering = Submission.labFilesChanged();
        }
        return labFilesDiffering;
    }

    /** Gradescope's results.json, from the run's result. */
    static String resultsJson(LabResult result) throws IOException {
        List<Map<String, Object>> tests = new ArrayList<>();
        for (LabResult.Check c : result.checks()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", c.name());
            test.put("number", c.question());
            if (c.graded()) {
                test.put("score", result.notGraded() ? 0 : c.earned());
                test.put("max_score", c.points());
            } // a demonstration or a written answer is informational: shown, with no score (the spec allows it
            // when the top level has one)
            test.put("status", c.passed() ? "passed" : "failed");
            test.put("output", c.passed() ? "" : (c.labError() ? "LAB ERROR (not the student's doing): " : "")
                    + c.firstLine() + (c.hint().isEmpty() ? "" : "\nHint: " + c.hint()));
            test.put("visibility", "visible");
            List<String> tags = new ArrayList<>(List.of("exercise-" + c.exercise(), c.kind()));
            if (c.labError()) {
                tags.add(LAB_ERROR);
            }
            test.put("tags", tags);
            test.put("extra_data", Map.of("exercise", c.exercise(), "check", c.id(), "seconds", c.seconds(),
                    "lab_status", c.status()));
            tests.add(test);
        }
        // Gradescope's results.json: its top-level keys only; names and outputs hold `code`, so they are Markdown
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("score", result.score());
        results.put("execution_time", result.seconds());
        results.put("output_format", "md");
        results.put("test_output_format", "md");
        results.put("test_name_format", "md");
        results.put("output", (result.notGraded()
                ? Lang.text("scorecard.output-not-graded", labErrors(result), result.labErrorCause())
                : Lang.text("scorecard.output", result.score(), result.maxScore()))
                + (result.labFilesChanged().isEmpty() ? "" : "\n" + result.labFilesChanged())
                + (result.demonstrationsSkipped() == 0 ? ""
                        : "\n" + Lang.text("scorecard.demonstrations-skipped", result.demonstrationsSkipped())));
        results.put("visibility", "visible");
        results.put("stdout_visibility", "hidden");
        results.put("extra_data", Map.of("max_score", result.maxScore(), "outcome", result.outcome(),
                "demonstrations_skipped", result.demonstrationsSkipped()));
        results.put("tests", tests);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    }

    /** The written answers, for the teacher to read and grade by hand. */
    private static String teacherGraded(LabResult result) {
        StringBuilder out = new StringBuilder("# " + Lang.text("scorecard.teacher-title") + "\n\n");
        out.append(result.graded() != null ? Lang.text("scorecard.teacher-submission", result.graded())
                : Lang.text("scorecard.teacher-project", LabPaths.project())).append("\n\n");
        for (LabResult.Check c : result.checks()) {
            if ("teacher-graded".equals(c.kind())) {
                out.append("## ").append(c.name()).append("\n\n")
                        .append(c.answer() == null ? Lang.text("scorecard.no-answer") : c.answer()).append("\n\n");
            }
        }
        return out.toString();
    }
}
