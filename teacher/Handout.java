import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the student hand-out of docker-lab from this teacher's edition, like nbgrader's release step:
 *
 *   java teacher/Handout.java OUT_DIR [--lang en|fr]   (from the project's root; OUT_DIR must not exist or be empty)
 *
 * Every file the repository holds is copied, but teacher-only material (teacher/, .ci/, scripts/cold-ci.sh).
 * In each text file, a solution region (a comment line "BEGIN SOLUTION" ... a comment line "END SOLUTION") is
 * dropped and every "HANDOUT: text" comment line becomes "text": the TODOs a student sees. "BEGIN TEACHER" ...
 * "END TEACHER" regions (teacher-only notes) are dropped too. In French (--lang fr) the "HANDOUT-fr: text" lines are used instead,
 * and "BEGIN ENGLISH" ... "END ENGLISH" regions (a given comment in English, followed by its HANDOUT-fr twin) are dropped,
 * the answer sheet is exercises/answers.fr.md's, and the lab speaks French by default (lab.lang in
 * junit-platform.properties); READMEs and hints are there in both languages either way. The starting state of the student's files is kept under
 * .lab/start for `java scripts/Reset.java`. Then every distinctive line of every solution region is looked for
 * in the whole hand-out: one found fails the command, as does a marker left behind.
 */
public class Handout {

    // the maintainers' own tests check the lab, not the student: they stay out of the hand-out and of its run
    // the maintainers' tests live in src/selfcheck, a source folder of their own: no list of files to keep out
    static final List<String> TEACHER_ONLY = List.of("teacher/", ".ci/", "src/selfcheck/", "scripts/cold-ci.sh",
            ".github/workflows/grade-class.yml");
    // the files a student writes: the lab's one declaration of them (part, file, copy, exercise)
    static final List<String> STUDENT_FILES = studentFiles();
    static final String COMMENT = "(?://|#|<!--)";
    static final Pattern BEGIN = Pattern.compile("^\\s*" + COMMENT + "\\s*BEGIN (SOLUTION|TEACHER|ENGLISH)\\b.*$");
    static final Pattern END = Pattern.compile("^\\s*" + COMMENT + "\\s*END (SOLUTION|TEACHER|ENGLISH)\\b.*$");
    static final Pattern HANDOUT = Pattern.compile("^(\\s*)" + COMMENT + "\\s*HANDOUT: ?(.*?)(?:\\s*-->)?\\s*$");
    static final Pattern HANDOUT_FR = Pattern.compile("^(\\s*)" + COMMENT + "\\s*HANDOUT-fr: ?(.*?)(?:\\s*-->)?\\s*$");
    static String lang = "en";
    static final int DISTINCTIVE = 16;
    // solution lines the hand-out gives on purpose: its README and the TODO teach them
    static final Set<String> TAUGHT = Set.of("start_period: 30s");

    static List<String> studentFiles() {
        try {
            return Files.readAllLines(Path.of("src/test/resources/dockerlab/student-files.tsv"), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.startsWith("#") && !line.isBlank()).map(line -> line.split("\t")[1]).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--lang") && args[2].matches("en|fr"))) {
            System.err.println("usage: java teacher/Handout.java OUT_DIR [--lang en|fr]");
            System.exit(2);
        }
        lang = args.length == 3 ? args[2] : "en";
        Path root = Path.of("").toAbsolutePath();
        Path out = Path.of(args[0]).toAbsolutePath().normalize();
        if (out.startsWith(root) && !out.startsWith(root.resolve("target"))) {
            fail("write the hand-out outside this project (or under target/): " + out);
        }
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    fail(out + " is not empty");
                }
            }
        }
        Set<String> distinctive = new LinkedHashSet<>();
        Set<String> given = new LinkedHashSet<>();
        int files = 0;
        int regions = 0;
        for (String file : repositoryFiles(root)) {
            if (TEACHER_ONLY.stream().anyMatch(file::startsWith)) {
                continue;
            }
            Path source = root.resolve(file);
            Path target = out.resolve(file);
            Files.createDirectories(target.getParent());
            String text = readText(source);
            if (text == null) {
                Files.copy(source, target);
            } else {
                List<String> kept = new ArrayList<>();
                regions += release(text, kept, distinctive, file);
                if (STUDENT_FILES.contains(file)) {
                    kept.forEach(line -> given.add(line.strip())); // the skeleton a student starts from is no solution
                }
                Files.writeString(target, String.join("\n", kept) + (text.endsWith("\n") ? "\n" : ""), StandardCharsets.UTF_8);
            }
            copyMode(source, target);
            files++;
        }
        // one answer sheet, in the hand-out's language
        Path french = out.resolve("exercises/answers.fr.md");
        if (lang.equals("fr")) {
            Files.move(french, out.resolve("exercises/answers.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(out.resolve("src/test/resources/junit-platform.properties"),
                    "# this hand-out speaks French unless -Dlab.lang or LAB_LANG says otherwise\nlab.lang = fr\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } else {
            Files.deleteIfExists(french);
        }
        for (String file : STUDENT_FILES) {
            Path start = out.resolve(".lab/start").resolve(file);
            Files.createDirectories(start.getParent());
            Files.copy(out.resolve(file), start);
        }
        distinctive.removeAll(given);
        distinctive.removeAll(TAUGHT);
        List<String> leaks = check(out, distinctive);
        if (!leaks.isEmpty()) {
            fail("solution text left in the hand-out:\n  " + String.join("\n  ", leaks));
        }
        System.out.printf("[handout] %d files, %d solution regions replaced by their TODOs, %d distinctive solution"
                + " lines checked: none in the hand-out.%n[handout] written to %s%n", files, regions, distinctive.size(), out);
    }

    /** Drops the regions, un-comments the HANDOUT lines, and collects the solution's distinctive lines. */
    static int release(String text, List<String> kept, Set<String> distinctive, String file) {
        String region = null;
        int regions = 0;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            Matcher begin = BEGIN.matcher(line);
            Matcher end = END.matcher(line);
            Matcher handout = HANDOUT.matcher(line);
            Matcher handoutFr = HANDOUT_FR.matcher(line);
            if (begin.matches()) {
                if (region != null) {
                    fail(file + ":" + number + ": a region opens inside another");
                }
                region = begin.group(1);
                regions++;
            } else if (end.matches()) {
                if (!end.group(1).equals(region)) {
                    fail(file + ":" + number + ": END " + end.group(1) + " without its BEGIN");
                }
                region = null;
            } else if ("ENGLISH".equals(region)) {
                if (lang.equals("en")) { // the English of a given comment; its French twin is its HANDOUT-fr lines
                    kept.add(line);
                }
            } else if (region != null) {
                String trimmed = line.strip();
                if (region.equals("SOLUTION") && trimmed.length() >= DISTINCTIVE && !trimmed.matches("[#/<!-].*")) {
                    distinctive.add(trimmed);
                }
            } else if (handout.matches()) {
                if (lang.equals("en")) {
                    kept.add(handout.group(1) + handout.group(2));
                }
            } else if (handoutFr.matches()) {
                if (lang.equals("fr")) {
                    kept.add(handoutFr.group(1) + handoutFr.group(2));
                }
            } else {
                kept.add(line);
            }
        }
        if (region != null) {
            fail(file + ": BEGIN " + region + " never ends");
        }
        if (text.endsWith("\n") && !kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        return regions;
    }

    /** Every distinctive solution line found in a hand-out file, and every marker left behind. */
    static List<String> check(Path out, Set<String> distinctive) throws IOException {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String text = readText(file);
                if (text == null) {
                    continue;
                }
                String name = out.relativize(file).toString();
                for (String line : distinctive) {
                    if (text.contains(line)) {
                        leaks.add(name + ": " + line);
                    }
                }
                for (String line : text.split("\n")) {
                    if (BEGIN.matcher(line).matches() || END.matcher(line).matches() || HANDOUT.matcher(line).matches()
                            || HANDOUT_FR.matcher(line).matches()) {
                        leaks.add(name + ": a marker left behind: " + line.strip());
                    }
                }
            }
        }
        return leaks;
    }

    static List<String> repositoryFiles(Path root) throws Exception {
        Process git = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard")
                .directory(root.toFile()).redirectErrorStream(true).start();
        List<String> files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(f -> Files.isRegularFile(root.resolve(f))).sorted(Comparator.naturalOrder()).toList();
        if (git.waitFor() != 0 || files.isEmpty()) {
            fail("`git ls-files` found nothing: run this from the root of the teacher's clone");
        }
        return files;
    }

    static String readText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
            return null;
        }
    }

    static void copyMode(Path source, Path target) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(source);
            Files.setPosixFilePermissions(target, mode);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: nothing to keep
        }
    }

    static void fail(String message) {
        System.err.println("[handout] ERROR: " + message);
        System.exit(1);
    }
}
