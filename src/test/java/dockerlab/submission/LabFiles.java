package dockerlab.submission;

import dockerlab.config.Lang;
import dockerlab.config.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lab's own files (tests, build, scripts, workflows, image recipes) as a submission holds them: a student's
 * repository carries a copy, which the grader never runs. Those that differ from the grader's copy are listed on the
 * scorecard, so an edited test or pom is seen, and changes nothing.
 */
final class LabFiles {

    private static final List<String> ROOTS = List.of("pom.xml", "mvnw", "mvnw.cmd", ".mvn", "src/test", "scripts",
            "images", "exercises", ".github");
    // the student's own files, and what a build writes
    private static final Set<String> STUDENT = Stream.of(Part.values()).map(Part::path).collect(Collectors.toSet());
    private static final long MAX_BYTES = 1_000_000;
    private static final int MAX_LISTED = 20;

    private LabFiles() {
    }

    /** Paths (relative, sorted) of lab files present in the submission whose content is not the grader's. */
    static List<String> differing(Path grader, Path submission) {
        List<String> differ = new ArrayList<>();
        for (String root : ROOTS) {
            Path top = submission.resolve(root);
            if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top)) { // links are not followed: a link is listed as a change
                walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).limit(10_000).forEach(file -> {
                    String relative = submission.relativize(file).toString().replace('\\', '/');
                    if (!isStudents(relative) && !same(file, grader.resolve(relative))) {
                        differ.add(relative);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return differ.stream().sorted().limit(MAX_LISTED + 1L).toList();
    }

    private static boolean isStudents(String relative) {
        return STUDENT.contains(relative) || relative.endsWith(".md") || relative.startsWith("images/simple-api/app/")
                || relative.contains("/target/") || relative.startsWith("target/");
    }

    private static boolean same(Path submitted, Path own) {
        try {
            return Files.isRegularFile(submitted, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(own)
                    && Files.size(submitted) <= MAX_BYTES && Files.mismatch(submitted, own) == -1;
        } catch (IOException e) {
            return false;
        }
    }

    /** One line for the scorecard, or empty when nothing differs. */
    static String summary(List<String> differing) {
        if (differing.isEmpty()) {
            return "";
        }
        String listed = String.join(", ", differing.subList(0, Math.min(MAX_LISTED, differing.size())))
                + (differing.size() > MAX_LISTED ? ", …" : "");
        return dockerlab.config.Lang.text("scorecard.lab-files-differ", differing.size() > MAX_LISTED
                ? MAX_LISTED + "+" : String.valueOf(differing.size()), listed);
    }
}
