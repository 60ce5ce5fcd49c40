package dockerlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dockerlab.docker.DockerTime;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One result model: a run's lab-result.json follows its schema, reads back to the same result, and every other output
 * (the scorecard, results.json) says what it says.
 */
@DisplayName("Result model · lab-result.json, its schema, and the outputs written from it")
class ResultModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Schema schema(String resource) throws Exception {
        try (InputStream in = ResultModelTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the class path").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static LabResult sample(boolean labError) {
        Scorecard card = new Scorecard();
        card.add(new Scorecard.Entry("04", "Exercise 04", "4.b", "4.b healthAnswersOk", "4.b GET /health answers",
                Questions.Kind.GRADED, 2, true, "passed", Duration.ofMillis(1200), Duration.ofMillis(600), "", "", "", false));
        card.add(new Scorecard.Entry("04", "Exercise 04", "4.c", "4.c dockerPsShowsThePort", "4.c PORTS", Questions.Kind.GRADED, 1,
                false, labError ? "lab-error" : "failed", Duration.ofMillis(10), Duration.ofMillis(5),
                "[4.c PORTS]\nExpecting actual:\n  \"0.0.0.0:9999->8000/tcp\"\nto contain:\n  \"->8000/tcp\"",
                "[4.c PORTS] Expecting actual: \"0.0.0.0:9999->8000/tcp\" to contain: \"->8000/tcp\"", "docker ps", true));
        card.add(new Scorecard.Entry("02", "Exercise 02", "2.a", "2.a answerImageVersusContainer", "2.a your answer",
                Questions.Kind.TEACHER_GRADED, 0, true, "passed", Duration.ofMillis(10), Duration.ofMillis(5), "", "", "", false));
        card.add(new Scorecard.Entry("05", "Exercise 05", "5.e", "5.e stopVersusDown", "5.e demo", Questions.Kind.DEMONSTRATION, 0,
                true, "passed", Duration.ofMillis(3000), Duration.ofMillis(1500), "", "", "", false));
        return card.result(Duration.ofSeconds(7));
    }

    @Test
    @DisplayName("a question's Docker time counts a call on Docker once (a call inside another is not counted twice), only"
            + " for the test running on its thread, and nothing outside a call")
    void dockerTimeCountsEachCallOnce() {
        DockerTime.begin();
        busy(30);
        long outerStart = System.nanoTime();
        long inside = DockerTime.during(() -> DockerTime.during(() -> busy(60)));
        long outerWindow = System.nanoTime() - outerStart;
        DockerTime.begin(); // a test run on this thread inside the first one's wait: its own count
        long innerStart = System.nanoTime();
        long innerCall = DockerTime.during(() -> busy(20));
        long innerWindow = System.nanoTime() - innerStart;
        long second = DockerTime.end();
        long first = DockerTime.end();

        // bounds from the clock around each call, not from the machine's speed: a busy machine stretches both alike
        assertThat(second).as("the inner test's Docker time: its own call, within the time around it")
                .isBetween(innerCall, innerWindow);
        assertThat(first).as("the outer test's Docker time: the two nested calls once (not twice), nothing of the 30 ms"
                + " outside a call").isBetween(inside, outerWindow);
        assertThat(DockerTime.end()).as("no test running: nothing counted").isZero();
    }

    /** Works (no sleep) for about that many milliseconds; its nanoseconds. */
    private static long busy(long millis) {
        long start = System.nanoTime();
        long x = 0;
        while (System.nanoTime() - start < millis * 1_000_000L) {
            x += System.nanoTime() % 7;
        }
        return x >= 0 ? System.nanoTime() - start : 0;
    }

    @Test
    @DisplayName("a run's lab-result.json follows its schema, and reads back to the same result")
    void resultFollowsItsSchema() throws Exception {
        for (boolean labError : List.of(false, true)) {
            LabResult result = sample(labError);
            assertThat(schema("dockerlab/lab-result-v1.schema.json").validate(result.json(), InputFormat.JSON))
                    .as("schema errors of %s", result.json()).isEmpty();
            assertThat(LabResult.read(java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("lab-result", ".json"),
                    result.json()))).isEqualTo(result);
        }
    }

    @Test
    @DisplayName("the schema check can fail: a check without its id, an unknown status, a fractional score")
    void schemaCheckCanFail() throws Exception {
        Schema schema = schema("dockerlab/lab-result-v1.schema.json");
        ObjectNode noId = (ObjectNode) JSON.readTree(sample(false).json());
        ((ObjectNode) noId.get("checks").get(0)).remove("id");
        ObjectNode unknownStatus = (ObjectNode) JSON.readTree(sample(false).json());
        ((ObjectNode) unknownStatus.get("checks").get(0)).put("status", "ok");
        ObjectNode fractional = (ObjectNode) JSON.readTree(sample(false).json());
        fractional.put("score", 1.5);
        for (JsonNode wrong : List.of(noId, unknownStatus, fractional)) {
            assertThat(schema.validate(wrong.toString(), InputFormat.JSON)).as("schema errors of %s", wrong).isNotEmpty();
        }
    }

    @Test
    @DisplayName("results.json and the scorecard say what the result says: points, outcome, each check by id")
    void everyOutputIsWrittenFromTheResult() throws Exception {
        LabResult result = sample(false);
        assertThat(result.score()).isEqualTo(2);
        assertThat(result.maxScore()).isEqualTo(3);
        assertThat(result.checks()).extracting(LabResult.Check::id).containsExactly("2.a answerImageVersusContainer",
                "4.b healthAnswersOk", "4.c dockerPsShowsThePort", "5.e stopVersusDown");
        assertThat(result.checks().get(2).message()).as("the whole message, what was seen included")
                .contains("0.0.0.0:9999->8000/tcp").contains("to contain");

        JsonNode gradescope = JSON.readTree(Scorecard.resultsJson(result));
        assertThat(gradescope.get("score").asInt()).isEqualTo(result.score());
        assertThat(gradescope.at("/extra_data/max_score").asInt()).isEqualTo(result.maxScore());
        assertThat(gradescope.get("tests")).extracting(t -> t.at("/extra_data/check").asText())
                .containsExactlyElementsOf(result.checks().stream().map(LabResult.Check::id).toList());
        assertThat(Scorecard.card(result)).contains("TOTAL 2 / 3").contains("0.0.0.0:9999->8000/tcp");

        LabResult voided = sample(true);
        assertThat(voided.outcome()).isEqualTo(LabResult.LAB_ERROR);
        assertThat(voided.score()).as("a run that is no grade gives no points").isZero();
        assertThat(voided.labErrorCause()).contains("4.c PORTS");
        assertThat(JSON.readTree(Scorecard.resultsJson(voided)).at("/extra_data/outcome").asText()).isEqualTo(LabResult.LAB_ERROR);
    }
}
