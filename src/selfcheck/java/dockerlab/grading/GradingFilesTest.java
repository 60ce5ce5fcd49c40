package dockerlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The grading's own files: hints for every graded question, results.json's fields, the CI templates' points. */
@DisplayName("Grading · hints, results.json and the CI templates agree with the tests")
class GradingFilesTest {

    @Test
    @DisplayName("every graded question has at least one hint in its exercise's hints.md")
    void everyGradedQuestionHasAHint() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Method test : gradedTests()) {
            String question = Questions.number(test).orElseThrow();
            if (Hints.of(question).isEmpty()) {
                missing.add(question + " (" + test.getDeclaringClass().getSimpleName() + "." + test.getName() + ")");
            }
        }

        assertThat(missing).as("graded questions without a hint in exercises/NN-slug/hints.md").isEmpty();
    }

    @Test
    @DisplayName("every exercise test declares one kind and its question; both languages' display names start with that number")
    void everyTestDeclaresItsQuestionOnce() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> exercise : exerciseClasses()) {
            for (Method test : Arrays.stream(exercise.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(org.junit.jupiter.api.Test.class)).toList()) {
                long kinds = Stream.of(Graded.class, Demonstration.class, TeacherGraded.class)
                        .filter(test::isAnnotationPresent).count();
                String number = Questions.number(test).orElse("?");
                if (kinds != 1) {
                    wrong.add(Questions.id(test) + ": " + kinds + " kinds declared, one expected");
                }
                if (!number.startsWith(Integer.parseInt(Questions.exercise(exercise).orElse("0")) + ".")) {
                    wrong.add(Questions.id(test) + ": question of another exercise than " + exercise.getSimpleName());
                }
                for (String lang : List.of(Lang.EN, Lang.FR)) {
                    String name = Lang.textOrNull(lang, exercise.getSimpleName() + "." + test.getName());
                    if (name == null || !Questions.leadingNumber(name).equals(Questions.number(test))) {
                        wrong.add(Questions.id(test) + ": display name (" + lang + ") " + name);
                    }
                }
            }
        }

        assertThat(wrong).as("tests whose declaration and display names disagree").isEmpty();
    }

    @Test
    @DisplayName("every check id (question and test method) belongs to one test only: progress and fixtures key outcomes by it")
    void checkIdsAreUnique() throws Exception {
        List<Method> tests = new ArrayList<>();
        for (Class<?> exercise : exerciseClasses()) {
            tests.addAll(questionTests(exercise));
        }

        assertThat(duplicateIds(tests)).as("check ids declared by more than one test (rename one of the methods)").isEmpty();
    }

    @Test
    @DisplayName("the duplicate-id check finds two tests of one id in different classes")
    void duplicateIdCheckCanFail() {
        List<Method> tests = new ArrayList<>(questionTests(TwoOfOneId.class));
        tests.addAll(questionTests(TwoOfOneId.Again.class));

        assertThat(duplicateIds(tests)).containsExactly("6.a psqlConnectsAsDemo: TwoOfOneId, Again");
    }

    @Test
    @DisplayName("the declaration of the student's files has one row per part, files that exist, inside what a copy carries")
    void studentFilesDeclaredOnce() {
        List<String> wrong = new ArrayList<>();
        for (String name : dockerlab.config.Part.declared().keySet()) {
            if (Arrays.stream(dockerlab.config.Part.values()).noneMatch(p -> p.name().equals(name))) {
                wrong.add(name + ": a row for no part");
            }
        }
        for (dockerlab.config.Part part : dockerlab.config.Part.values()) {
            if (!Files.isRegularFile(LabPaths.project().resolve(part.path()))) {
                wrong.add(part + ": " + part.path() + " does not exist");
            }
            if (part.copied().stream().noneMatch(c -> part.path().equals(c) || part.path().startsWith(c + "/"))) {
                wrong.add(part + ": a copy of a submission (" + part.copied() + ") does not carry " + part.path());
            }
            if (!part.exercise().isEmpty() && !Files.isDirectory(exerciseFolder(part.exercise()))) {
                wrong.add(part + ": no exercise " + part.exercise());
            }
        }

        assertThat(wrong).as(dockerlab.config.Part.DECLARATION).isEmpty();
    }

    private static Path exerciseFolder(String number) {
        try (Stream<Path> folders = Files.list(LabPaths.project().resolve("exercises"))) {
            return folders.filter(f -> f.getFileName().toString().startsWith(number + "-")).findFirst()
                    .orElse(Path.of("exercises", number + "-missing"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** "6.a psqlConnectsAsDemo: ClassA, ClassB" for each id more than one test declares. */
    static List<String> duplicateIds(List<Method> tests) {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (Method test : tests) {
            owners.computeIfAbsent(Questions.id(test), id -> new ArrayList<>()).add(test.getDeclaringClass().getSimpleName());
        }
        return owners.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).toList();
    }

    private static List<Method> questionTests(Class<?> testClass) {
        return Arrays.stream(testClass.getDeclaredMethods()).filter(m -> Questions.number(m).isPresent())
                .sorted(java.util.Comparator.comparing(Method::getName)).toList();
    }

    /** The 6.a bug of c6d2f72: a graded test and a demonstration with one id. Not a test class (no @Test). */
    static final class TwoOfOneId {
        @Graded(question = "6.a", parts = dockerlab.config.Part.COMPOSE)
        void psqlConnectsAsDemo() {
        }

        static final class Again {
            @Demonstration(question = "6.a")
            void psqlConnectsAsDemo() {
            }
        }
    }

    @Test
    @DisplayName("the front doors speak the lab's language: every [docker-lab] line of ./lab and lab.cmd has its English and its French")
    void frontDoorsSayEveryLineInBothLanguages() throws Exception {
        assertThat(lineInOneLanguage(Files.readAllLines(LabPaths.project().resolve("lab")), "say \"")).isEmpty();
        assertThat(lineInOneLanguage(Files.readAllLines(LabPaths.project().resolve("lab.cmd")), "call :say \"")).isEmpty();
        // the check can fail: the old lab.cmd's line, echoed in English only
        assertThat(lineInOneLanguage(List.of("  echo [docker-lab] offline switch off: the official images"), "call :say \""))
                .hasSize(1);
    }

    /** The lines that print a [docker-lab] message other than through a call that gives it in both languages. */
    private static List<String> lineInOneLanguage(List<String> lines, String call) {
        List<String> alone = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String joined = line.endsWith("\\") && i + 1 < lines.size() ? line + lines.get(i + 1) : line;
            boolean previousOpensSay = i > 0 && lines.get(i - 1).contains(call) && lines.get(i - 1).endsWith("\\");
            boolean twoLanguages = joined.contains(call) && joined.split("\\[docker-lab]", -1).length == 3;
            if (line.contains("[docker-lab]") && !previousOpensSay && !twoLanguages) {
                alone.add(line.strip());
            }
        }
        return alone;
    }

    @Test
    @DisplayName("a long check name, exercise title or TOTAL line is wrapped in its column, never cut (the old card cut them)")
    void columnsWrapNeverCut() {
        String name = "3.a the API answers GET /health with 200 and {\"status\":\"ok\"} (your jar on a plain Java runtime,"
                + " started as `java -jar app/simple-api.jar`)";

        String column = Scorecard.column("  FAIL   ", name, 60, " 0/1    5.9 s");

        List<String> lines = column.lines().toList();
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(9 + 60 + 13));
        assertThat(lines.get(0)).startsWith("  FAIL   3.a").endsWith("0/1    5.9 s");
        assertThat(lines.get(1)).startsWith(" ".repeat(9)).doesNotStartWith(" ".repeat(10));
        assertThat(String.join(" ", lines).replace("0/1    5.9 s", "").replaceAll(" +", " ").strip())
                .as("every word kept").isEqualTo(("FAIL " + name).replaceAll(" +", " "));
    }

    @Test
    @DisplayName("a failure's line for a teacher or a tool keeps what was expected and what was seen, in every AssertJ form the lab uses")
    void firstLineKeepsExpectedAndSeen() {
        Map<String, Runnable> forms = new LinkedHashMap<>();
        forms.put("isEqualTo", () -> assertThat("service_started").as("condition of depends_on").isEqualTo("service_healthy"));
        forms.put("startsWith", () -> assertThat("text/html").as("Content-Type").startsWith("application/json"));
        forms.put("isEmpty", () -> assertThat(List.of("docker-lab-x")).as("leftovers").isEmpty());
        forms.put("containsExactly", () -> assertThat(List.of("1|Paris")).as("rows").containsExactly("1|Nantes", "2|Lille"));
        forms.put("contains", () -> assertThat(List.of("8080/tcp")).as("ExposedPorts").contains("8000/tcp"));
        forms.put("isZero", () -> assertThat(1).as("exit code").isZero());
        forms.put("isTrue", () -> assertThat(false).as("runs as root").isTrue());
        forms.put("isNotNull", () -> assertThat((Object) null).as("User").isNotNull());
        forms.put("isEqualTo map", () -> assertThat(Map.of("status", "up")).as("body").isEqualTo(Map.of("status", "ok")));
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Runnable> form : forms.entrySet()) {
            AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, form.getValue()::run);
            String line = Scorecard.firstLine(failure.getMessage() + "\nStill TODO: compose.yaml:12: # TODO (5.c)\nHint: look");
            String seen = switch (form.getKey()) {
                case "isEqualTo" -> "service_started"; case "startsWith" -> "text/html"; case "isEmpty" -> "docker-lab-x";
                case "containsExactly" -> "1|Paris"; case "contains" -> "8080/tcp"; case "isZero" -> "1";
                case "isTrue" -> "false"; case "isNotNull" -> "null"; default -> "up";
            };
            String expected = switch (form.getKey()) {
                case "isEqualTo" -> "service_healthy"; case "startsWith" -> "application/json"; case "isEmpty" -> "empty";
                case "containsExactly" -> "1|Nantes"; case "contains" -> "8000/tcp"; case "isZero" -> "0";
                case "isTrue" -> "true"; case "isNotNull" -> "not to be null"; default -> "ok";
            };
            if (line.contains("\n") || !line.contains(seen) || !line.contains(expected) || line.contains("Still TODO")) {
                lost.add(form.getKey() + ": " + line);
            }
        }

        assertThat(lost).as("first lines that lose the expected or the seen value (or keep the advice)").isEmpty();
    }

    @Test
    @DisplayName("the scorecard wraps a long failure at its width, word for word, and its legend explains every mark")
    void scorecardWrapsAndExplains() {
        String message = "[condition of api's depends_on db in `docker compose config` (depends_on: {\"db\":{\"condition\":"
                + "\"service_started\",\"required\":true}}): without a condition on db's health, compose starts api as soon as"
                + " db's container exists] expected: \"service_healthy\"";
        List<String> lines = Scorecard.wrap("        x ", message);
        assertThat(lines).as("lines of a 250-character failure").hasSizeGreaterThan(2)
                .allSatisfy(line -> assertThat(line.length()).as("width of: %s", line).isLessThanOrEqualTo(100));
        assertThat(String.join(" ", lines).replaceAll(" +", " ").strip()).as("nothing cut, nothing added")
                .isEqualTo(("x " + message).replaceAll(" +", " "));
        assertThat(lines.get(1)).as("the next lines sit under the text").startsWith(" ".repeat(10));
        String legend = Scorecard.legend();
        for (String mark : List.of("scorecard.pass", "scorecard.fail", "scorecard.read", "scorecard.missing",
                "scorecard.demo", "scorecard.demo-failed", "scorecard.lab-error")) {
            assertThat(legend).as("the legend names %s", mark).contains(Lang.text(mark));
        }
    }

    @Test
    @DisplayName("results.json has the fields of Gradescope's specification, at the top and in each test")
    void resultsJsonHasGradescopesFields() throws Exception {
        Scorecard card = new Scorecard();
        card.add(new Scorecard.Entry("04", "Exercise 04", "4.b", "4.b healthAnswersOk", "4.b GET /health answers", Questions.Kind.GRADED, 2,
                false, "failed", Duration.ofMillis(1200), Duration.ofMillis(600), "[4.b] expected 200, seen 404", "expected 200, seen 404", "curl -i", true));
        card.add(new Scorecard.Entry("02", "Exercise 02", "2.a", "2.a answerImageVersusContainer", "2.a your answer", Questions.Kind.TEACHER_GRADED, 0,
                true, "passed", Duration.ofMillis(10), Duration.ofMillis(5), "", "", "", false));

        JsonNode results = new ObjectMapper().readTree(Scorecard.resultsJson(card.result(Duration.ofSeconds(3))));

        // the keys of https://gradescope-autograders.readthedocs.io/en/latest/specs/, and no other
        assertThat(iterable(results.fieldNames())).as("top-level keys of results.json").isSubsetOf("score",
                "execution_time", "output", "output_format", "test_output_format", "test_name_format", "visibility",
                "stdout_visibility", "extra_data", "tests", "leaderboard");
        assertThat(results.get("score").isNumber()).as("score is a number").isTrue();
        assertThat(results.get("execution_time").isNumber()).as("execution_time is a number").isTrue();
        assertThat(results.get("output").isTextual()).as("output is text").isTrue();
        assertThat(results.get("test_name_format").asText()).as("names hold `code`: Markdown").isEqualTo("md");
        assertThat(results.get("test_output_format").asText()).as("outputs hold `code`: Markdown").isEqualTo("md");
        assertThat(results.at("/extra_data/max_score").asInt()).as("the graded points, in extra_data").isEqualTo(2);
        assertThat(results.get("tests")).as("tests").hasSize(2);
        for (JsonNode test : results.get("tests")) {
            assertThat(iterable(test.fieldNames())).as("fields of a test").contains("name", "number", "status", "output",
                    "visibility", "tags").isSubsetOf("score", "max_score", "status", "name", "name_format", "number",
                    "output", "output_format", "tags", "visibility", "extra_data");
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            assertThat(test.get("visibility").asText()).isIn("hidden", "after_due_date", "after_published", "visible");
            assertThat(test.get("tags").isArray()).as("tags is a list").isTrue();
        }
        assertThat(results.at("/tests/1/number").asText()).isEqualTo("4.b");
        assertThat(results.at("/tests/1/score").asInt()).as("a failed question scores 0").isZero();
        assertThat(results.at("/tests/1/max_score").asInt()).as("a graded question's points").isEqualTo(2);
        assertThat(results.get("tests").get(0).has("score")).as("a teacher-graded answer is informational: no score")
                .isFalse();
    }

    @Test
    @DisplayName("the GitHub Actions workflow runs the whole lab and uploads target/lab-results")
    void actionsWorkflowRunsTheLabAndUploadsTheResults() throws Exception {
        JsonNode steps = new YAMLMapper().readTree(LabPaths.project().resolve(".github/workflows/lab.yml").toFile())
                .at("/jobs/lab/steps");

        List<String> runs = new ArrayList<>();
        List<String> uploads = new ArrayList<>();
        for (JsonNode step : steps) {
            runs.add(step.path("run").asText());
            if (step.path("uses").asText().startsWith("actions/upload-artifact")) {
                uploads.add(step.at("/with/path").asText());
                assertThat(step.path("if").asText()).as("the upload runs after a failing lab too").isEqualTo("always()");
            }
        }

        assertThat(runs).as("run steps").contains("./mvnw -B test");
        assertThat(uploads).as("uploaded paths").containsExactly("target/lab-results/");
    }

    /** The sum of the @Graded points of each exercise class, by class name. */
    static Map<String, Integer> pointsPerClass() throws Exception {
        Map<String, Integer> points = new LinkedHashMap<>();
        for (Class<?> exercise : exerciseClasses()) {
            points.put(exercise.getSimpleName(), Arrays.stream(exercise.getDeclaredMethods()).mapToInt(Questions::points).sum());
        }
        return points;
    }

    static List<Method> gradedTests() throws Exception {
        List<Method> graded = new ArrayList<>();
        for (Class<?> exercise : exerciseClasses()) {
            Arrays.stream(exercise.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Graded.class)).forEach(graded::add);
        }
        return graded;
    }

    /** The classes of dockerlab.exercises, from the compiled test classes, in name order. */
    static List<Class<?>> exerciseClasses() throws Exception {
        Path folder = Path.of(GradingFilesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dockerlab/exercises");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.map(Path::getFileName).sorted().toList()) {
                String name = file.toString();
                if (name.matches("Exercise\\d\\d\\w+Test\\.class")) {
                    classes.add(Class.forName("dockerlab.exercises." + name.replace(".class", "")));
                }
            }
        }
        return classes;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
