package dockerlab.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dockerlab.config.LabPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teacher's tool checks Classroom 50's result.json as Classroom 50 does: its schema and its cross-field rules. */
@DisplayName("Teacher's tool · Classroom 50's result.json checked against the vendored schema and the runner's rules")
class TeacherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RIGHT = """
            {"schema": "classroom50/result/v1", "classroom": "c", "assignment": "docker-lab", "assignment_type": "individual",
             "owner": "alice", "submission": "submit/20261206T000000Z-abc1234", "commit": "https://example.invalid/c",
             "release": "https://example.invalid/r", "review": "https://example.invalid/c", "datetime": "2026-12-06T04:20:37Z",
             "score": 2, "max-score": 3, "tests": [
               {"test-name": "4.b healthAnswersOk: GET /health answers", "passed": true, "score": 2, "max-score": 2},
               {"test-name": "4.c dockerPsShowsThePort: PORTS", "passed": false, "score": 0, "max-score": 1, "message": "seen"}]}
            """;

    @Test
    @DisplayName("a right result.json passes; a score as text, a tag outside submit/, a row without `passed`, a score above its maximum and totals that do not add up fail")
    void classroom50ResultChecked(@TempDir Path folder) throws Exception {
        System.setProperty("basedir", LabPaths.project().toString());
        assertThat(Teacher.validate(Files.writeString(folder.resolve("right.json"), RIGHT))).as("the right result").isZero();
        for (String wrong : new String[] {"score-as-text", "tag", "no-passed", "above-max", "totals"}) {
            ObjectNode result = (ObjectNode) JSON.readTree(RIGHT);
            switch (wrong) {
                case "score-as-text" -> result.put("score", "2");
                case "tag" -> result.put("submission", "main");
                case "no-passed" -> ((ObjectNode) result.get("tests").get(0)).remove("passed");
                case "above-max" -> ((ObjectNode) result.get("tests").get(1)).put("score", 2);
                default -> result.put("score", 3);
            }
            assertThat(Teacher.validate(Files.writeString(folder.resolve(wrong + ".json"), result.toString())))
                    .as("the result with %s", wrong).isEqualTo(1);
        }
    }
}
