package dockerlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dockerlab.support.LabPaths;
import dockerlab.support.Lang;
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
    @DisplayName("results.json has the fields of Gradescope's specification, at the top and in each test")
    void resultsJsonHasGradescopesFields() throws Exception {
        Scorecard card = new Scorecard();
        card.add(new Scorecard.Entry("04", "Exercise 04", "4.b", "4.b healthAnswersOk", "4.b GET /health answers", Questions.Kind.GRADED, 2,
                false, "failed", Duration.ofMillis(1200), "expected 200, seen 404", "curl -i", true));
        card.add(new Scorecard.Entry("02", "Exercise 02", "2.a", "2.a answerImageVersusContainer", "2.a your answer", Questions.Kind.TEACHER_GRADED, 0,
                true, "passed", Duration.ofMillis(10), "", "", false));

        JsonNode results = new ObjectMapper().readTree(card.resultsJson(Duration.ofSeconds(3)));

        assertThat(results.get("score").isNumber()).as("score is a number").isTrue();
        assertThat(results.get("max_score").asInt()).as("max_score: the graded points").isEqualTo(2);
        assertThat(results.get("execution_time").isNumber()).as("execution_time is a number").isTrue();
        assertThat(results.get("output").isTextual()).as("output is text").isTrue();
        assertThat(results.get("tests")).as("tests").hasSize(2);
        for (JsonNode test : results.get("tests")) {
            assertThat(iterable(test.fieldNames())).as("fields of a test")
                    .contains("name", "number", "score", "max_score", "status", "output", "visibility", "tags");
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            assertThat(test.get("visibility").asText()).isIn("hidden", "after_due_date", "after_published", "visible");
            assertThat(test.get("tags").isArray()).as("tags is a list").isTrue();
        }
        assertThat(results.at("/tests/1/number").asText()).isEqualTo("4.b");
        assertThat(results.at("/tests/1/score").asInt()).as("a failed question scores 0").isZero();
    }

    @Test
    @DisplayName("the GitHub Classroom workflow grades every exercise class with its points, then reports")
    void classroomWorkflowGradesEveryClassWithItsPoints() throws Exception {
        JsonNode workflow = new YAMLMapper().readTree(LabPaths.project().resolve(".github/workflows/classroom.yml").toFile());
        Map<String, Integer> inWorkflow = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        JsonNode steps = workflow.at("/jobs/run-autograding-tests/steps");
        for (JsonNode step : steps) {
            if (step.path("uses").asText().startsWith("classroom-resources/autograding-command-grader")) {
                inWorkflow.put(step.at("/with/test-name").asText(), step.at("/with/max-score").asInt());
                ids.add(step.path("id").asText());
                assertThat(step.at("/with/command").asText()).as("command of %s", step.path("id").asText())
                        .contains("-Dtest=" + step.at("/with/test-name").asText());
            }
        }
        JsonNode reporter = steps.get(steps.size() - 1);

        assertThat(inWorkflow).as("test-name and max-score of each command-grader step").isEqualTo(pointsPerClass());
        assertThat(workflow.at("/permissions/checks").asText()).as("permissions: checks").isEqualTo("write");
        assertThat(reporter.path("uses").asText()).startsWith("classroom-resources/autograding-grading-reporter");
        assertThat(reporter.at("/with/runners").asText().split(",")).as("runners of the reporter")
                .containsExactlyElementsOf(ids);
        for (String id : ids) {
            assertThat(reporter.at("/env/" + id.toUpperCase() + "_RESULTS").asText()).as("the reporter's env for %s", id)
                    .contains("steps." + id + ".outputs.result");
        }
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
