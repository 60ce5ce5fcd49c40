package dockerlab.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dockerlab.config.LabPaths;
import dockerlab.config.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * teacher/hostile's refused cases as unit rows: each case's setup.sh changes a copy of the teacher's student files, and
 * the trust boundary must refuse it with its reason before anything of it runs (no engine: the compose file is read by
 * {@code docker compose config}). The cases that act at run time ("contained", or "end-to-end: yes") are also graded end
 * to end by {@code teacher/check-grader.sh h}.
 */
@DisplayName("Submission rules · every refused case of teacher/hostile is refused by the rules, with its reason")
class HostileCasesTest {

    @TempDir
    static Path work;

    static Stream<Arguments> refusedCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(LabPaths.project().resolve("teacher/hostile"))) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String reason = expected(folder, "refused: ");
                if (!reason.isEmpty()) {
                    cases.add(Arguments.of(folder.getFileName().toString(), reason));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: refused with \"{1}\"")
    @MethodSource("refusedCases")
    void refusedWithItsReason(String name, String reason) throws Exception {
        Path submission = hostileSubmission(name, name);

        List<String> refusals = Submission.refusals(submission, work.resolve(name + "-checked"));

        assertThat(refusals).as("what the trust boundary says of %s (expected.txt: refused: %s)", name, reason)
                .anySatisfy(refusal -> assertThat(refusal).startsWith("Refused: ").contains(reason));
    }

    @Test
    @DisplayName("the teacher's student files, copied the same way, are refused nothing (the rows above can fail)")
    void teachersFilesRefusedNothing() throws Exception {
        Path submission = work.resolve("teacher-edition");
        copyStudentFiles(submission);

        assertThat(Submission.refusals(submission, work.resolve("teacher-edition-checked"))).isEmpty();
    }

    @ParameterizedTest(name = "folder \"{0}\"")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a $b dir", "élève Zoë", "$HOME", "x$$y", "quote ' and \" too"})
    @DisplayName("the teacher's files in a folder of any name are refused nothing ($ in it included: Compose writes it $$)")
    void anyFolderNameRefusedNothing(String folder) throws Exception {
        Path submission = work.resolve("names").resolve(folder);
        copyStudentFiles(submission);

        assertThat(Submission.refusals(submission, work.resolve("names-checked").resolve(folder))).isEmpty();
    }

    /** The teacher's student files with the case's setup.sh applied; $CANARY is a folder of this test's. */
    private static Path hostileSubmission(String name, String folder) throws Exception {
        Path submission = work.resolve(folder);
        copyStudentFiles(submission);
        Path canary = work.resolve("canary-" + folder);
        Files.createDirectories(canary.resolve("outside"));
        Files.writeString(canary.resolve("secret"), "canary\n");
        Files.writeString(canary.resolve("Dockerfile"), "FROM scratch\nCOPY secret /\n");
        ProcessBuilder setup = new ProcessBuilder("bash", LabPaths.project().resolve("teacher/hostile").resolve(name)
                .resolve("setup.sh").toString()).directory(submission.toFile()).redirectErrorStream(true);
        setup.environment().put("CANARY", canary.toString());
        Process process = setup.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended && process.exitValue() == 0).as("%s/setup.sh ran (%s)", name, output.strip()).isTrue();
        return submission;
    }

    private static void copyStudentFiles(Path submission) throws IOException {
        Path project = LabPaths.project();
        for (Part part : Part.values()) {
            for (String copied : part.copied()) {
                Path from = project.resolve(copied);
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                        Path to = submission.resolve(copied).resolve(from.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else {
                            Files.createDirectories(to.getParent());
                            Files.copy(file, to);
                        }
                    }
                }
            }
        }
    }

    private static String expected(Path folder, String prefix) throws IOException {
        return Files.readAllLines(folder.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).strip())
                .findFirst().orElse("");
    }
}
