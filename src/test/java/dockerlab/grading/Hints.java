package dockerlab.grading;

import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ordered hints of each question, from {@code exercises/NN-slug/hints.md} (one file per exercise, a
 * {@code ## 4.b} heading per question, one list item per hint; hints.fr.md in French). A failure shows the first;
 * {@code -Dlab.hints=all} or {@code LAB_HINTS=all} shows them all.
 */
public final class Hints {

    private static final Pattern HEADING = Pattern.compile("^##\\s+(\\d+\\.[a-z])\\b.*");
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:[-*]|\\d+\\.)\\s+(.*)$");
    private static Map<String, List<String>> all;

    private Hints() {
    }

    public static List<String> of(String question) {
        return load().getOrDefault(question, List.of());
    }

    public static boolean showAll() {
        return "all".equalsIgnoreCase(System.getProperty("lab.hints", System.getenv("LAB_HINTS")));
    }

    /** The hints to show with a failure: the first, or all of them with the switch. */
    public static List<String> shown(String question) {
        List<String> hints = of(question);
        return showAll() || hints.isEmpty() ? hints : hints.subList(0, 1);
    }

    /** hints.md in English, hints.fr.md in French. */
    public static String fileName(String lang) {
        return Lang.EN.equals(lang) ? "hints.md" : "hints." + lang + ".md";
    }

    /** The hints of one exercise file, by question (for the lab's own checks). */
    public static Map<String, List<String>> read(Path file) throws IOException {
        Map<String, List<String>> hints = new LinkedHashMap<>();
        read(file, hints);
        return hints;
    }

    public static synchronized Map<String, List<String>> load() {
        if (all == null) {
            Map<String, List<String>> hints = new LinkedHashMap<>();
            Path exercises = LabPaths.project().resolve("exercises");
            try (Stream<Path> files = Files.exists(exercises) ? Files.list(exercises) : Stream.empty()) {
                for (Path file : files.map(d -> d.resolve(fileName(Lang.code()))).filter(Files::isRegularFile).sorted().toList()) {
                    read(file, hints);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            all = hints;
        }
        return all;
    }

    private static void read(Path file, Map<String, List<String>> hints) throws IOException {
        List<String> current = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher heading = HEADING.matcher(line.strip());
            Matcher item = ITEM.matcher(line);
            if (heading.matches()) {
                current = hints.computeIfAbsent(heading.group(1), q -> new ArrayList<>());
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null && item.matches()) {
                current.add(item.group(1).strip());
            } else if (current != null && !current.isEmpty() && !line.isBlank()) {
                int last = current.size() - 1;
                current.set(last, current.get(last) + " " + line.strip());
            }
        }
    }
}
