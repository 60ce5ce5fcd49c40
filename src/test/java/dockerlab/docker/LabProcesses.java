package dockerlab.docker;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes a run started (the docker CLI, Compose, a student's command): every one ends with its bound
 * ({@link DockerCli}), and at the end of the run none may still be running. One that is (a bound that could not stop
 * it, a grandchild that left its parent) is stopped here and named, so that it never spoils the next run.
 */
public final class LabProcesses {

    private LabProcesses() {
    }

    /** Stops every process this JVM started that is still running; their command lines, for the report. */
    public static List<String> sweep() {
        return sweep(ProcessHandle.current());
    }

    /** Stops every process below {@code root} that is still running; their command lines. */
    public static List<String> sweep(ProcessHandle root) {
        List<ProcessHandle> left = root.descendants().filter(ProcessHandle::isAlive).toList();
        List<String> commands = left.stream().map(p -> p.info().commandLine().orElse("pid " + p.pid())).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : left) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // a process that outlives SIGKILL for 5 s is the kernel's: nothing more to do from here
            }
        }
        return commands;
    }
}
