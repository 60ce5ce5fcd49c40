package dockerlab.teacher;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dockerlab.config.Folders;
import dockerlab.grading.LabResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * class.csv and the gradebook files, from graded submissions wherever they were graded: one machine (grade-class) or
 * one runner each (the class workflow's artifacts).
 * <pre>
 *   merge-class OUT_DIR [ARTIFACTS_DIR] [--roster STUDENTS_JSON]
 * </pre>
 * With ARTIFACTS_DIR, every folder below it that holds a row.csv (one graded submission), or named result-NAME, is copied
 * into OUT_DIR under its name (result-NAME gives NAME). Then OUT_DIR/class.csv (RFC 4180, CRLF, fields quoted when
 * needed) lists every student folder of OUT_DIR: its row, or no points and the outcome "no results" when its grading
 * never ended. With --roster (roster's JSON) every student of the roster has a row (one whose runner left nothing says
 * so), class.csv carries what a gradebook joins on (login, full_name, email, student_id, section), and two gradebook
 * files are written: gradebook-canvas.csv (Canvas's own export's columns) and gradebook-moodle.csv (Moodle's CSV import
 * maps one identifier column). A cell that starts like a formula (= + - @ tab CR) starts with ' instead, in every file.
 * Then the class report (OUT_DIR/class-report.html).
 */
final class ClassSheet {

    static final List<String> EXERCISES = List.of("01", "02", "03", "04", "05", "06", "07", "08");
    static final List<String> HEADER = Stream.of(List.of("student"), EXERCISES.stream().map(e -> "ex" + e).toList(),
            List.of("total", "max", "teacher_graded_written", "teacher_graded_asked", "outcome", "seconds", "commit"))
            .flatMap(List::stream).toList();
    static final List<String> IDENTITY = List.of("login", "full_name", "email", "student_id", "section");
    static final String ASSIGNMENT = "docker-lab";
    static final String ROW = "row.csv";
    /** A cell a spreadsheet would run as a formula (OWASP's CSV injection): it gets a leading '. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private ClassSheet() {
    }

    static String neutral(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** The name in a cell as the student's folder has it: without the ' that {@link #neutral} put before a formula. */
    static String unneutral(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    /** One graded submission's row of class.csv, from its lab-result.json (null when the run wrote none). */
    static List<String> row(String student, LabResult result, String outcome, long seconds, String commit) {
        List<String> row = new ArrayList<>(List.of(student));
        boolean graded = outcome.equals(LabResult.GRADED);
        Map<String, int[]> points = result == null ? Map.of() : result.byExercise();
        for (String e : EXERCISES) {
            row.add(graded && points.containsKey(e) ? String.valueOf(points.get(e)[0]) : "");
        }
        row.add(graded ? String.valueOf(result.score()) : ""); // a lab error or a time-out is no 0: no points at all
        row.add(result == null ? "" : String.valueOf(result.maxScore()));
        List<LabResult.Check> answers = result == null ? List.of()
                : result.checks().stream().filter(c -> "teacher-graded".equals(c.kind())).toList();
        row.add(result == null ? "" : String.valueOf(answers.stream().filter(LabResult.Check::passed).count()));
        row.add(result == null ? "" : String.valueOf(answers.size()));
        row.addAll(List.of(outcome, String.valueOf(seconds), commit));
        return row;
    }

    static void writeRow(Path folder, List<String> row) throws IOException {
        write(folder.resolve(ROW), null, List.of(row));
    }

    static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        List<List<String>> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        rows.forEach(r -> all.add(r.stream().map(ClassSheet::neutral).toList()));
        String text = CSV.writer(CsvSchema.emptySchema().withLineSeparator("\r\n")).writeValueAsString(all);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(Files.readString(file, StandardCharsets.UTF_8))) {
            it.forEachRemaining(r -> rows.add(List.of(r)));
        }
        return rows;
    }

    static int merge(Path out, Path artifacts, List<Map<String, String>> roster) throws IOException {
        Files.createDirectories(out);
        if (artifacts != null) { // each artifact, whole or partial (a runner stopped mid-grading leaves a log and no row)
            TreeSet<Path> found = new TreeSet<>();
            try (Stream<Path> walk = Files.walk(artifacts)) {
                walk.forEach(p -> {
                    if (p.getFileName().toString().equals(ROW) && Files.isRegularFile(p)) {
                        found.add(p.getParent());
                    } else if (Files.isDirectory(p) && p.getParent() != null && p.getParent().equals(artifacts)
                            && p.getFileName().toString().startsWith("result-")) {
                        found.add(p);
                    }
                });
            }
            for (Path artifact : found) {
                Path target = out.resolve(artifact.getFileName().toString().replaceFirst("^result-", ""));
                Folders.delete(target);
                Folders.copy(artifact, target);
            }
        }
        for (Map<String, String> student : roster == null ? List.<Map<String, String>>of() : roster) {
            Path folder = out.resolve(student.get("name"));
            if (!Files.isDirectory(folder)) { // no artifact at all: the runner timed out, or the checkout failed
                Files.createDirectories(folder);
                Files.writeString(folder.resolve("test.log"), "no result arrived from this student's runner\n");
                Files.writeString(folder.resolve("no-artifact"), student.get("repo") + "\n");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        try (Stream<Path> folders = Files.list(out)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String name = folder.getFileName().toString();
                Path rowFile = folder.resolve(ROW);
                if (Files.isRegularFile(rowFile)) {
                    List<String> row = new ArrayList<>(read(rowFile).stream().findFirst().orElse(List.of()));
                    if (row.size() != HEADER.size()) {
                        row = noPoints(name, "no results: a row of " + row.size() + " fields");
                    }
                    row.set(0, name); // the student is the folder: its artifact's name, or grade-class's folder
                    rows.add(row);
                } else if (Files.exists(folder.resolve("no-artifact"))) {
                    rows.add(noPoints(name, "no results: the runner left nothing (timed out, or the checkout failed: see the"
                            + " workflow's log)"));
                } else if (Files.exists(folder.resolve("test.log"))) {
                    rows.add(noPoints(name, "no results: the grading did not end"));
                }
            }
        }
        rows.sort(Comparator.comparing(r -> r.get(0)));
        List<String> header = HEADER;
        if (roster != null) { // what a gradebook joins on: never the folder's name
            header = Stream.concat(HEADER.stream(), IDENTITY.stream()).toList();
            List<List<String>> canvas = new ArrayList<>();
            List<List<String>> moodle = new ArrayList<>();
            for (List<String> r : rows) {
                Map<String, String> who = roster.stream().filter(s -> s.get("name").equals(r.get(0))).findFirst().orElse(Map.of());
                IDENTITY.forEach(field -> r.add(who.getOrDefault(field, "")));
                String login = who.getOrDefault("login", "");
                String fullName = who.getOrDefault("full_name", "");
                String email = who.getOrDefault("email", "");
                String id = who.getOrDefault("student_id", "");
                canvas.add(List.of(first(fullName, login, r.get(0)), "", id, first(email, login), who.getOrDefault("section", ""),
                        points(r)));
                moodle.add(List.of(email, id, login, points(r)));
            }
            write(out.resolve("gradebook-canvas.csv"), List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                    ASSIGNMENT), canvas);
            write(out.resolve("gradebook-moodle.csv"), List.of("Email address", "ID number", "Username", ASSIGNMENT), moodle);
        }
        write(out.resolve("class.csv"), header, rows);
        return rows.size();
    }

    private static String first(String... values) {
        return Stream.of(values).filter(v -> !v.isEmpty()).findFirst().orElse("");
    }

    /** The points of a graded row; empty when it was not graded (a lab error, no result): never a 0. */
    private static String points(List<String> row) {
        return row.get(HEADER.indexOf("outcome")).equals(LabResult.GRADED) ? row.get(HEADER.indexOf("total")) : "";
    }

    private static List<String> noPoints(String name, String outcome) {
        List<String> row = new ArrayList<>();
        row.add(name);
        while (row.size() < HEADER.size() - 3) {
            row.add("");
        }
        row.addAll(List.of(outcome, "", ""));
        return row;
    }
}
