import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one exercise's files of the hand-out back to their starting state (kept in .lab/start):
 *
 *   java scripts/Reset.java 03        the API's source and the Dockerfile, and exercise 3's answers
 *   java scripts/Reset.java 05        the compose file, and exercise 5's answers
 *   java scripts/Reset.java 02        exercise 2's answers only (exercises 1, 2, 4, 6, 7, 8 have no file of their own)
 *
 * Run it from the root of your hand-out. What it replaces is saved first as FILE.before-reset.
 */
public class Reset {

    // the lab's one declaration of the student's files: part, file, copy, exercise
    static final Path DECLARATION = Path.of("src/test/resources/dockerlab/student-files.tsv");
    static final String ANSWERS = "exercises/answers.md";

    /** The files of an exercise, as the declaration says. */
    static List<String> files(String exercise) throws Exception {
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(DECLARATION, StandardCharsets.UTF_8)) {
            String[] row = line.split("\t");
            if (!line.startsWith("#") && row.length == 4 && row[3].equals(exercise)) {
                files.add(row[1]);
            }
        }
        return files;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].matches("0?[1-8]")) {
            System.err.println("usage: java scripts/Reset.java EXERCISE   (1 to 8, for example 03)");
            System.exit(2);
        }
        String exercise = String.format("%02d", Integer.parseInt(args[0]));
        Path start = Path.of(".lab/start");
        if (!Files.isDirectory(start)) {
            System.err.println("No .lab/start here: run this from the root of your hand-out (the teacher's edition"
                    + " has no starting state).");
            System.exit(1);
        }
        for (String file : files(exercise)) {
            Path target = Path.of(file);
            if (Files.exists(target)) {
                Files.copy(target, Path.of(file + ".before-reset"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(start.resolve(file), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("reset " + file + " (your version: " + file + ".before-reset)");
        }
        resetAnswers(start.resolve(ANSWERS), Path.of(ANSWERS), Integer.parseInt(exercise));
    }

    /** Puts back the starting text of the answer sheet's entries of this exercise ("## 3.a ..."), keeping the others. */
    static void resetAnswers(Path startSheet, Path sheet, int exercise) throws Exception {
        List<String> fresh = sections(Files.readAllLines(startSheet, StandardCharsets.UTF_8), exercise);
        List<String> lines = Files.readAllLines(sheet, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        boolean replaced = false;
        for (String line : lines) {
            if (line.startsWith("## ") || line.startsWith("# ")) {
                boolean mine = line.matches("## " + exercise + "\\.[a-z]\\b.*");
                if (mine && !replaced) {
                    out.addAll(fresh);
                    replaced = true;
                }
                skipping = mine;
            }
            if (!skipping) {
                out.add(line);
            }
        }
        if (!replaced) {
            return;
        }
        Files.copy(sheet, Path.of(ANSWERS + ".before-reset"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(sheet, out, StandardCharsets.UTF_8);
        System.out.println("reset the answers of exercise " + exercise + " in " + ANSWERS + " (your version: "
                + ANSWERS + ".before-reset)");
    }

    static List<String> sections(List<String> lines, int exercise) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("## ") || line.startsWith("# ")) {
                in = line.matches("## " + exercise + "\\.[a-z]\\b.*");
            }
            if (in) {
                out.add(line);
            }
        }
        return out;
    }
}
