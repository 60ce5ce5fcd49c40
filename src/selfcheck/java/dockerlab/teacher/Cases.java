package dockerlab.teacher;

import dockerlab.grading.FreshLoader;
import dockerlab.grading.LabResult;
import dockerlab.grading.RunExercises;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The grader's self-check cases, graded one after the other in one warm JVM, each in a fresh class loader (as
 * {@code ./lab watch} runs a save): a case starts from nothing (its own submission, results, image names, language,
 * no stack or verdict of the case before), while the JVM, its compiled code and Docker's client stay warm. A case is a
 * grading run, as the JVM that {@code teacher/check-grader.sh} started for each case before ran it.
 * <pre>java -cp TEST_CLASSPATH [argLine] dockerlab.teacher.Cases CASES_FILE</pre>
 * CASES_FILE: one case a line, tab-separated: name, submission folder, results folder, image suffix, language, log
 * file, exercise classes (space-separated; none: every exercise), and optionally {@code demonstrations}: the case runs
 * as a student's run does, demonstrations included, not as a grading run. Prints {@code [cases] NAME SECONDS} after
 * each, once the case's checks.tsv and failures.tsv are in its results folder. CASES_FILE may be a FIFO: each case is
 * graded as its line arrives (the hostile cases, each checked before the next is sent), and the JVM ends at its end of
 * file.
 * With {@code -Dlab.cases-done=FILE}, each case's name is also written to FILE once it is done (see tellDone).
 * A case past its bound ({@code -Dlab.case-bound}, seconds, 600 by default) ends the JVM with exit code 124: what it
 * left half-done could spoil the next; the cases after it have no results, which the self-check reports.
 */
public final class Cases {

    private Cases() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long bound = Long.getLong("lab.case-bound", 600);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "case");
            thread.setDaemon(true);
            return thread;
        });
        // read a line at a time: CASES_FILE may be a FIFO that a caller feeds one case after the other
        BufferedReader cases = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8); // closed by exit
        for (String line = cases.readLine(); line != null; line = cases.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            List<String> field = List.of(line.split("\t", -1));
            boolean demonstrations = field.size() > 7 && field.get(7).equals("demonstrations");
            System.setProperty("lab.grading", String.valueOf(!demonstrations));
            System.setProperty("lab.submission", field.get(1));
            System.setProperty("lab.results", field.get(2));
            System.setProperty("lab.image-suffix", field.get(3));
            System.setProperty("lab.lang", field.get(4));
            String[] classes = field.get(6).isBlank() ? new String[0] : field.get(6).trim().split(" +");
            long start = System.nanoTime();
            boolean timedOut = false;
            try (PrintStream log = new PrintStream(new FileOutputStream(field.get(5)), true, StandardCharsets.UTF_8)) {
                System.setOut(log);
                System.setErr(log);
                Future<?> run = runner.submit(() -> FreshLoader.call(Cases.class, RunExercises.class.getName(), "run",
                        (Object) classes));
                try {
                    run.get(bound, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    log.println("[cases] " + field.get(0) + ": still running after " + bound + " s, stopped");
                    timedOut = true;
                } catch (ExecutionException e) {
                    e.getCause().printStackTrace(log); // the lab's own failure: the case has no results, which is reported
                }
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            writeRows(Path.of(field.get(2)));
            out.printf("[cases] %s %d%n", field.get(0), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            if (timedOut) {
                out.printf("[cases] %s: still running after %d s; the cases after it are not graded%n", field.get(0), bound);
            }
            tellDone(field.get(0));
            if (timedOut) {
                System.exit(124);
            }
        }
        System.exit(0); // the threads a run leaves (Docker's client) are no reason to stay
    }

    /**
     * NAME's line in the file {@code -Dlab.cases-done} names, if any: a FIFO that the self-check reads to send this JVM
     * its next case (each lane is sent a case when it is done with its last, so that the lanes end together).
     */
    private static void tellDone(String name) throws IOException {
        String done = System.getProperty("lab.cases-done");
        if (done != null) {
            try (FileOutputStream fifo = new FileOutputStream(done, true)) {
                fifo.write((name + "\n").getBytes(StandardCharsets.UTF_8)); // one write, under PIPE_BUF: whole
            }
        }
    }

    /**
     * The case's checks.tsv and failures.tsv in its results folder: the rows {@code lab-teacher checks} and
     * {@code failures} print, written here so that the self-check judges 40 cases without 40 JVM starts. None when
     * the run wrote no result (the self-check says so).
     */
    private static void writeRows(Path results) {
        Path file = results.resolve(LabResult.FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            LabResult result = LabResult.read(file);
            Files.write(results.resolve("checks.tsv"), Teacher.checkRows(result), StandardCharsets.UTF_8);
            Files.write(results.resolve("failures.tsv"), Teacher.failureRows(result), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("[cases] " + results + ": its result could not be read: " + e);
        }
    }
}
