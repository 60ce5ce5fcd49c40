package dockerlab.teacher;

import dockerlab.config.Folders;
import dockerlab.docker.LabLabels;
import dockerlab.grading.LabResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Grades a class: every folder of SUBMISSIONS_DIR is one student's submission, laid out like the hand-out (a clone of
 * their repository), graded by the teacher's edition (nothing of it is copied into the working tree), N at a time, each
 * in a JVM of its own, bounded; a broken or hanging one never stops the others.
 * <pre>
 *   grade-class [-j N] SUBMISSIONS_DIR [OUT_DIR]        (OUT_DIR: target/class by default)
 * </pre>
 * Writes OUT_DIR/&lt;student&gt;/feedback.md (the scorecard), lab-result.json (and the files written from it), test.log,
 * row.csv, lab-owner.txt (the owner its Docker objects carry, see LabLabels); then OUT_DIR/class.csv and class-report.html (merge-class), throughput.tsv (submissions, side by side,
 * seconds, graded). LAB_SUBMISSION_TIMEOUT (seconds,
 * default 900) bounds one submission: it is asked to stop (its own clean-up runs), then killed 30 s later. A grading run
 * leaves the demonstrations out (they score nothing; the scorecard says how many): LAB_GRADING=false runs them too.
 * LAB_OFFLINE=true on an offline machine.
 */
final class ClassGrading {

    private final Path submissions;
    private final Path out;
    private final int jobs;
    private final long limit;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    private ClassGrading(Path submissions, Path out, int jobs, long limit) {
        this.submissions = submissions;
        this.out = out;
        this.jobs = jobs;
        this.limit = limit;
    }

    static int main(List<String> args) throws Exception {
        List<String> rest = new ArrayList<>(args);
        int jobs = 1;
        if (rest.size() >= 2 && rest.get(0).equals("-j")) {
            if (!rest.get(1).matches("[1-9][0-9]?")) {
                System.err.println("-j takes a number of submissions graded side by side (1 to 99)");
                return 2;
            }
            jobs = Integer.parseInt(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 2 || !Files.isDirectory(Path.of(rest.get(0)))) {
            System.err.println("usage: teacher/lab-teacher grade-class [-j N] SUBMISSIONS_DIR [OUT_DIR]");
            return 2;
        }
        Path out = Path.of(rest.size() == 2 ? rest.get(1) : "target/class").toAbsolutePath().normalize();
        long limit = Long.parseLong(System.getenv().getOrDefault("LAB_SUBMISSION_TIMEOUT", "900"));
        return new ClassGrading(Path.of(rest.get(0)).toAbsolutePath().normalize(), out, jobs, limit).run();
    }

    private int run() throws Exception {
        List<String> students;
        try (Stream<Path> folders = Files.list(submissions)) {
            students = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (students.isEmpty()) {
            System.err.println("[class] no submission in " + submissions + " (one folder per student)");
            return 2;
        }
        Files.createDirectories(out);
        try (Stream<Path> old = Files.list(out)) { // no result of an earlier grading counts
            for (Path folder : old.filter(Files::isDirectory).toList()) {
                if (Files.exists(folder.resolve("test.log")) || Files.exists(folder.resolve(ClassSheet.ROW))) {
                    Folders.delete(folder);
                }
            }
        }
        // stopped itself (CI's end, a teacher's Ctrl-C): each submission's JVM is asked to stop, and cleans up after itself
        Thread stopAll = new Thread(() -> running.forEach(Process::destroy));
        Runtime.getRuntime().addShutdownHook(stopAll);
        System.out.printf("[class] %d submissions, %d at a time, each bounded by %d s%n", students.size(), jobs, limit);
        long started = System.nanoTime();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger launched = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        for (String student : students) {
            pool.submit(() -> {
                launched.incrementAndGet();
                try {
                    grade(student);
                } catch (Exception e) {
                    System.out.println("[class] " + student + ": " + e);
                }
                int done = finished.incrementAndGet();
                long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
                long left = elapsed * (students.size() - done) / done;
                System.out.printf("[class] %d/%d done · %d running · %d min %02d s so far · about %d min %02d s left%n", done,
                        students.size(), launched.get() - done, elapsed / 60, elapsed % 60, left / 60, left % 60);
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(365, TimeUnit.DAYS); // each submission is bounded: the pool ends
        Runtime.getRuntime().removeShutdownHook(stopAll);
        long took = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("[class] %d submissions graded in %d s (%d at a time): %s, feedback in %s/<student>/feedback.md%n",
                students.size(), took, jobs, out.resolve("class.csv"), out);
        ClassSheet.merge(out, null, null);
        ClassReport.write(out, System.getenv().getOrDefault("LAB_LANG", "en"));
        System.out.println("[class] the class at a glance: " + out.resolve("class-report.html"));
        long graded = ClassSheet.read(out.resolve("class.csv")).stream()
                .filter(r -> r.size() == ClassSheet.HEADER.size() && r.get(ClassSheet.HEADER.indexOf("outcome")).equals(LabResult.GRADED))
                .count();
        // submissions, side by side, seconds, of them graded (the others: a time-out, a lab error, no result)
        Files.writeString(out.resolve("throughput.tsv"), students.size() + "\t" + jobs + "\t" + took + "\t" + graded + "\n");
        return 0;
    }

    /** Grades one submission in a JVM of its own and writes its row of class.csv into its folder. */
    private void grade(String student) throws IOException, InterruptedException {
        Path dir = out.resolve(student);
        Folders.delete(dir);
        Files.createDirectories(dir);
        long start = System.nanoTime();
        ProcessBuilder lab = new ProcessBuilder(labJava(dir, submissions.resolve(student)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("test.log").toFile());
        if ("true".equals(System.getenv("LAB_OFFLINE"))) {
            lab.environment().putAll(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost"));
        }
        Process process = lab.start();
        // what the run creates carries this owner (label, compose project): a check of its leftovers can keep to it
        Files.writeString(dir.resolve("lab-owner.txt"), LabLabels.ownerTag(process.toHandle()) + "\n");
        running.add(process);
        boolean timedOut = !process.waitFor(limit, TimeUnit.SECONDS);
        if (timedOut) { // asked to stop first: its shutdown clean-up removes what it started
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        }
        running.remove(process);
        if (timedOut || process.exitValue() > 1) { // stopped or crashed (0: all passed, 1: some failed): its leftovers go
            ProcessBuilder sweep = new ProcessBuilder(labJava("dockerlab.docker.LabSweeper"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("test.log").toFile()));
            sweep.environment().putAll(lab.environment());
            Process sweeper = sweep.start();
            if (!sweeper.waitFor(120, TimeUnit.SECONDS)) {
                sweeper.destroyForcibly();
            }
        }
        long took = (System.nanoTime() - start) / 1_000_000_000L;
        Path file = dir.resolve(LabResult.FILE);
        LabResult result = Files.isRegularFile(file) ? LabResult.read(file) : null;
        String outcome;
        if (timedOut) {
            outcome = "timeout after " + limit + " s";
        } else if (result != null && result.notGraded()) { // Docker or the lab failed, not the student: no points
            outcome = "lab-error: " + result.labErrorCause().replace('\t', ' ').replace('\n', ' ');
        } else if (result != null) {
            outcome = LabResult.GRADED;
        } else {
            outcome = "no results (see test.log)";
        }
        if (Files.isRegularFile(dir.resolve("scorecard.md"))) {
            Files.copy(dir.resolve("scorecard.md"), dir.resolve("feedback.md"));
        }
        ClassSheet.writeRow(dir, ClassSheet.row(student, result, outcome, took, commit(submissions.resolve(student))));
    }

    /** The lab's java as this tool runs (the pom's argLine, given by teacher/lab-teacher), for one submission. */
    private static List<String> labJava(Path results, Path submission) {
        return labJava("-Dlab.grading=" + System.getenv().getOrDefault("LAB_GRADING", "true"),
                "-Dlab.submission=" + submission, "-Dlab.results=" + results, "dockerlab.grading.RunExercises");
    }

    /** java with this tool's flags and classpath, then the given properties and main class. */
    private static List<String> labJava(String... propertiesAndMain) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(propertiesAndMain));
        return command;
    }

    /** The graded commit when the submission is a repository of its own; not that of a repository it sits in. */
    private static String commit(Path submission) {
        try {
            String top = git(submission, "rev-parse", "--show-toplevel");
            if (top.isEmpty() || !Path.of(top).toRealPath().equals(submission.toRealPath())) {
                return "";
            }
            return git(submission, "rev-parse", "--short=12", "HEAD");
        } catch (IOException e) {
            return "";
        }
    }

    private static String git(Path folder, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(git.getInputStream().readAllBytes()).strip();
        try {
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? text : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
