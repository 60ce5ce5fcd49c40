package dockerlab.teacher;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The students to grade, as the JSON list the class workflow's matrix takes: [{"repo": "owner/name", "name":
 * "owner--name", "login": ...}], with what a gradebook joins on when the roster has it (full_name, email, student_id,
 * section).
 * <pre>
 *   roster ROSTER [PREFIX]
 * </pre>
 * ROSTER is a file of student repositories, one owner/name per line (# comments, blank lines), or a roster export (a CSV
 * with a github_username column, as Classroom 50's carries the login, name, email and section), whose usernames become
 * PREFIX + username (PREFIX like my-org/docker-lab-). Names are checked (a repository name GitHub allows); a student is
 * one owner/name whatever its case; more than 256, a matrix's limit, are refused.
 */
final class Roster {

    static final int MAX_MATRIX = 256; // GitHub Actions: jobs per matrix
    private static final Pattern REPO = Pattern.compile("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$");
    /** What a school's gradebook joins on, and the roster columns that may carry it (the first present wins). */
    private static final Map<String, List<String>> IDENTITY = new LinkedHashMap<>();

    static {
        IDENTITY.put("full_name", List.of("name", "full_name", "student_name"));
        IDENTITY.put("email", List.of("email", "e-mail"));
        IDENTITY.put("student_id", List.of("student_id", "id_number", "idnumber", "sis_id", "student_number"));
        IDENTITY.put("section", List.of("section"));
    }

    /** Thrown with what the teacher must change in the roster. */
    static final class RosterError extends Exception {
        RosterError(String message) {
            super(message);
        }
    }

    private Roster() {
    }

    static List<Map<String, String>> students(Path file, String prefix) throws IOException, RosterError {
        String text = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
        List<String> repos = new ArrayList<>();
        Map<String, Map<String, String>> identities = new LinkedHashMap<>();
        String firstLine = text.lines().findFirst().orElse("");
        if (firstLine.contains("github_username")) {
            if (prefix.isEmpty() || !prefix.contains("/")) {
                throw new RosterError("a roster export needs the assignment's prefix, like my-org/docker-lab-");
            }
            try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
                while (rows.hasNext()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    rows.next().forEach((k, v) -> row.put(k == null ? "" : k.strip().toLowerCase(Locale.ROOT),
                            v == null ? "" : v.strip()));
                    String login = row.getOrDefault("github_username", "");
                    if (login.isEmpty()) {
                        continue;
                    }
                    String repo = prefix + login;
                    repos.add(repo);
                    Map<String, String> identity = new LinkedHashMap<>();
                    identity.put("login", login);
                    IDENTITY.forEach((field, columns) -> columns.stream().map(c -> row.getOrDefault(c, ""))
                            .filter(v -> !v.isEmpty()).findFirst().ifPresent(v -> identity.put(field, v)));
                    identities.putIfAbsent(repo.toLowerCase(Locale.ROOT), identity); // a student's first row wins
                }
            }
        } else {
            text.lines().map(l -> l.split("#", 2)[0].strip()).filter(l -> !l.isEmpty()).forEach(repos::add);
        }
        List<String> wrong = repos.stream().filter(r -> !REPO.matcher(r).matches()).toList();
        if (!wrong.isEmpty()) {
            throw new RosterError("not a repository name (owner/name): " + String.join(", ", wrong));
        }
        // a student is named by owner and repository: alice/docker-lab and bob/docker-lab are two students, and one name
        // for both would make their artifacts collide; GitHub's names ignore case, so do these
        Set<String> seen = new HashSet<>();
        List<Map<String, String>> out = new ArrayList<>();
        for (String repo : repos) {
            if (seen.add(repo.toLowerCase(Locale.ROOT))) {
                Map<String, String> student = new LinkedHashMap<>();
                student.put("repo", repo);
                student.put("name", repo.replace("/", "--"));
                student.putAll(identities.getOrDefault(repo.toLowerCase(Locale.ROOT), Map.of("login", repo.split("/")[0])));
                out.add(student);
            }
        }
        if (out.isEmpty()) {
            throw new RosterError("no student in " + file);
        }
        if (out.size() > MAX_MATRIX) {
            throw new RosterError(out.size() + " students: a GitHub Actions matrix makes at most " + MAX_MATRIX
                    + " jobs; split the roster into files of " + MAX_MATRIX + " or fewer and run the workflow once per file");
        }
        return out;
    }
}
