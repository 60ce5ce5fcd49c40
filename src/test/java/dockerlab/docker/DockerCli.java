package dockerlab.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The {@code docker} command line, for what only it does: {@code docker compose config}, and a student's own command. */
public final class DockerCli {

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private DockerCli() {
    }

    /**
     * What the docker CLI needs of the grader's environment to find its engine and plugins; nothing else of it
     * (tokens, COMPOSE_* settings, the grader's own variables) reaches a command or a student's compose file.
     */
    static final List<String> KEPT = List.of("PATH", "HOME", "USER", "LANG", "TMPDIR", "XDG_RUNTIME_DIR", "DOCKER_HOST",
            "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "SystemRoot", "USERPROFILE",
            "APPDATA", "LOCALAPPDATA", "ProgramData", "ProgramFiles", "TEMP", "TMP", "PATHEXT", "ComSpec");

    /**
     * Runs a command with a bound, in an environment of {@link #KEPT} and {@code env} only; a command still running
     * then is killed and reported as exit code -1.
     */
    public static Result run(List<String> command, Map<String, String> env, Path directory, long timeoutSeconds) {
        return DockerTime.during(() -> runCounted(command, env, directory, timeoutSeconds));
    }

    private static Result runCounted(List<String> command, Map<String, String> env, Path directory, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(capped(command));
        builder.environment().keySet().retainAll(KEPT);
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                // the docker CLI runs Compose as a child process: the bound stops both (a parent killed alone left a
                // `docker-compose` growing to 22 GB)
                killWithChildren(process);
                return new Result(-1, "", "`" + String.join(" ", command) + "` did not end within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            return new Result(-1, "", "cannot run `" + command.get(0) + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    /**
     * Every command's address space, and its children's, is capped (util-linux's {@code prlimit --as}, where there is
     * one: Linux): a command that would grow past it fails to allocate instead of taking the grader's memory. Docker's
     * CLI and Compose need far less; a YAML file that expands without end (refused before any tool reads it anyway)
     * would not.
     */
    static final long ADDRESS_SPACE_BYTES = 4L << 30;
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

    static List<String> capped(List<String> command) {
        if (!java.nio.file.Files.isExecutable(PRLIMIT)) {
            return command;
        }
        List<String> capped = new java.util.ArrayList<>(List.of(PRLIMIT.toString(), "--as=" + ADDRESS_SPACE_BYTES, "--"));
        capped.addAll(command);
        return capped;
    }

    /** Kills a process and every process it started, children first, and waits (bounded) for them to end. */
    static void killWithChildren(Process process) {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        all.add(process.toHandle());
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // reported by the run's end check of what it started; nothing more can be done from here
            }
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
