package dockerlab.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's result, the contract every output is written from (the scorecard, results.json, progress, Classroom 50's
 * result.json)
 * and every teacher tool reads ({@code lab-result.json}, schema {@code dockerlab/lab-result-v1.schema.json}): checks by
 * id, with their outcome, points, the whole message (what was expected and seen) and, for a written answer, its text.
 * No tool reads display names or printed text.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LabResult(
        String schema,
        String lang,
        /** The submission graded, or the project's own files. */
        String graded,
        /** graded, or lab-error: Docker or the lab failed where points were at stake, and the run is no grade. */
        String outcome,
        @JsonProperty("lab_error_cause") String labErrorCause,
        int score,
        @JsonProperty("max_score") int maxScore,
        @JsonProperty("demonstrations_skipped") int demonstrationsSkipped,
        long seconds,
        /** The scorecard's line naming the lab files a submission changed (they are not what was graded), or empty. */
        @JsonProperty("lab_files_changed") String labFilesChanged,
        List<Check> checks) {

    public static final String SCHEMA = "docker-lab/result/v1";
    public static final String FILE = "lab-result.json";
    public static final String GRADED = "graded";
    public static final String LAB_ERROR = "lab-error";

    /** One check (a test of the lab): graded, a written answer the teacher grades, or a demonstration. */
    public record Check(
            /** "3.b imageRunsAsNonRootUser": the question's number and the test's method, unique in the lab. */
            String id,
            String question,
            String exercise,
            @JsonProperty("exercise_title") String exerciseTitle,
            /** graded, teacher-graded or demonstration. */
            String kind,
            /** passed, failed (the student's doing) or lab-error (Docker's or the lab's). */
            String status,
            int points,
            int earned,
            double seconds,
            /** Of its seconds, those spent waiting on Docker (builds, starts, readiness, compose, shared stacks). */
            @JsonProperty("docker_seconds") double dockerSeconds,
            String name,
            /** The whole failure message; empty when passed. */
            String message,
            /** One line of it that keeps what was expected and what was seen. */
            @JsonProperty("first_line") String firstLine,
            /** The question's first hint, for a graded failure; else empty. */
            String hint,
            /** The failure points at a TODO still in the student's files. */
            @JsonProperty("points_at_todo") boolean pointsAtTodo,
            /** A written answer's text (teacher-graded checks only; null for the others). */
            String answer) {

        public boolean passed() {
            return "passed".equals(status);
        }

        public boolean labError() {
            return LAB_ERROR.equals(status);
        }

        public boolean graded() {
            return GRADED.equals(kind);
        }
    }

    public boolean notGraded() {
        return LAB_ERROR.equals(outcome);
    }

    /** Points earned and possible per exercise, in the exercises' order. */
    public Map<String, int[]> byExercise() {
        Map<String, int[]> points = new LinkedHashMap<>();
        for (Check c : checks) {
            int[] p = points.computeIfAbsent(c.exercise(), e -> new int[2]);
            if (c.graded()) {
                p[0] += notGraded() ? 0 : c.earned();
                p[1] += c.points();
            }
        }
        return points;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LabResult read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), LabResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
