package dockerlab.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import dockerlab.config.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A grading run's watch on the volumes its stacks' containers mount (as root on Linux, where their folders can be
 * read): the containers write their data there (PostgreSQL's, or whatever a submission's code makes it store), which no
 * read-only root bounds. A volume past its budget has its stack's containers killed, and every question of the run that
 * fails afterwards says why. Looked at every half second; a named volume's own size ({@link LabVolumes}) stops a
 * faster writer, and a folder of the submission is bound read-only.
 */
public final class DiskWatch {

    static final long BUDGET_BYTES = 256L << 20; // PostgreSQL starts with about 50 MB; the lab writes a few rows
    private static ScheduledExecutorService timer;
    private static volatile String exceeded;

    private DiskWatch() {
    }

    /** In a grading run as root on Linux; elsewhere (a student's laptop, Docker Desktop) nothing is watched. */
    static synchronized void start() {
        exceeded = null;
        if (timer != null || !"root".equals(System.getProperty("user.name"))
                || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "docker-lab disk watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(DiskWatch::look, 500, 500, TimeUnit.MILLISECONDS);
    }

    static synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Why the run's stacks were stopped, or null. */
    public static String exceeded() {
        return exceeded;
    }

    private static void look() {
        try {
            Map<String, Long> sizes = new java.util.HashMap<>(); // a mount's source once, shared by two containers
            for (Container container : Docker.client().listContainersCmd().exec()) {
                Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
                String project = labels.getOrDefault(LabLabels.COMPOSE_PROJECT, "");
                if (!project.startsWith(LabLabels.composeIdentifier()) || container.getMounts() == null) {
                    continue;
                }
                for (ContainerMount mount : container.getMounts()) {
                    if (mount.getName() == null || mount.getSource() == null) {
                        continue; // a folder bound read-only, or a tmpfs: memory of the container's, under its limit
                    }
                    long size = sizes.computeIfAbsent(mount.getSource(), source -> size(Path.of(source)));
                    if (size > BUDGET_BYTES) {
                        stopProject(project, mount, size);
                    }
                }
            }
        } catch (RuntimeException passing) {
            // a container removed while it was read, Docker busy: the next look sees it again
        }
    }

    static long size(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException gone) {
            return 0;
        }
    }

    private static void stopProject(String project, ContainerMount mount, long size) {
        exceeded = Lang.say("Stopped: the volume %s of your stack grew past %d MB (%d MB), so the lab killed the stack's"
                + " containers; what writes there (the database, and whatever your code makes it store) must stay"
                + " within it. `docker system df -v` shows a volume's size", mount.getName(), BUDGET_BYTES >> 20, size >> 20);
        Docker.client().listContainersCmd().withLabelFilter(Map.of(LabLabels.COMPOSE_PROJECT, project)).exec()
                .forEach(container -> {
                    try {
                        Docker.client().killContainerCmd(container.getId()).exec();
                    } catch (RuntimeException alreadyStopped) {
                        // nothing more to stop
                    }
                });
    }
}
