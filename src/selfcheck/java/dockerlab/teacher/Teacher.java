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
 *   scores RESULTS     exercise, earned, possible; then total, teacher-graded (written, asked), outcome (and cause)
 *   failures RESULTS   one line a check that did not pass: id, status, the line of its message that keeps what was seen
 *   validate RESULTS   lab-result.json against its schema (dockerlab/lab-result-v1.schema.json)
 * </pre>
 * RESULTS is a results folder (target/lab-results) or a lab-result.json. Exit 2 when there is no result to read.
 */
public final class Teacher {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: teacher/lab-teacher checks|scores|failures|validate RESULTS");
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
            case "validate" -> validate(file);
            default -> {
                System.err.println("[lab-teacher] unknown command " + args[0]);
                yield 2;
            }
        });
    }

    static int checks(LabResult result) {
        for (LabResult.Check c : result.checks()) {
            System.out.println(String.join("\t", c.kind(), c.status(), c.pointsAtTodo() ? "todo" : "-", c.id(),
                    c.name().replace('\t', ' ').replace('\n', ' ')));
        }
        return 0;
    }

    static int failures(LabResult result) {
        result.checks().stream().filter(c -> !c.passed()).forEach(c -> System.out.println(String.join("\t", c.id(),
                c.status(), c.firstLine().replace('\t', ' ').replace('\n', ' '))));
        return 0;
    }

    static int scores(LabResult result) {
        for (Map.Entry<String, int[]> e : result.byExercise().entrySet()) {
            System.out.println(e.getKey() + "\t" + e.getValue()[0] + "\t" + e.getValue()[1]);
        }
        System.out.println("total\t" + result.score() + "\t" + result.maxScore());
        List<LabResult.Check> answers = result.checks().stream().filter(c -> "teacher-graded".equals(c.kind())).toList();
        System.out.println("teacher-graded\t" + answers.stream().filter(LabResult.Check::passed).count() + "\t" + answers.size());
        System.out.println("outcome\t" + result.outcome() + "\t" + result.labErrorCause().replace('\t', ' ').replace('\n', ' '));
        return 0;
    }

    static int validate(Path file) throws Exception {
        try (InputStream schema = Teacher.class.getClassLoader().getResourceAsStream("dockerlab/lab-result-v1.schema.json")) {
            var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema)
                    .validate(Files.readString(file), InputFormat.JSON);
            errors.forEach(e -> System.out.println("[lab-teacher] " + file + ": " + e));
            return errors.isEmpty() ? 0 : 1;
        }
    }
}
