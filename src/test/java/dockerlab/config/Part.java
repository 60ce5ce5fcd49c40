package dockerlab.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a student writes; everything else of the lab is given. Their paths, what a submission carries for each and
 * the exercise that resets each are declared once, in {@code dockerlab/student-files.tsv}, which the scripts read too.
 */
public enum Part {
    API, DOCKERFILE, COMPOSE, ANSWERS;

    public static final String DECLARATION = "dockerlab/student-files.tsv";

    /** The path inside the project, the hand-out and a submission alike. */
    public String path() {
        return row()[1];
    }

    /** What a copy of a submission carries for this part (the API: its whole source and resources folders). */
    public List<String> copied() {
        return List.of(row()[2].split(" "));
    }

    /** The exercise whose {@code ./lab reset} puts this file back ("03"); empty for the answer sheet (reset by sections). */
    public String exercise() {
        return "-".equals(row()[3]) ? "" : row()[3];
    }

    private String[] row() {
        String[] row = Declared.ROWS.get(name());
        if (row == null) {
            throw new IllegalStateException(DECLARATION + " has no row for " + name());
        }
        return row;
    }

    /** The table's rows by part name, in its order (a row for no part is kept, for the consistency check). */
    public static Map<String, String[]> declared() {
        return Declared.ROWS;
    }

    private static final class Declared {
        static final Map<String, String[]> ROWS = read();

        private static Map<String, String[]> read() {
            try (InputStream in = Part.class.getClassLoader().getResourceAsStream(DECLARATION)) {
                if (in == null) {
                    throw new IllegalStateException(DECLARATION + " is not on the class path");
                }
                Map<String, String[]> rows = new LinkedHashMap<>();
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.split("\t"))
                        .forEach(row -> rows.put(row[0], row.length == 4 ? row : Arrays.copyOf(row, 4)));
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
