package dockerlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dockerlab.config.ImageCatalog;
import dockerlab.config.LabError;
import dockerlab.config.Lang;
import dockerlab.config.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/**
 * Checked once per run, before the first container: Docker answers and every image of the catalog is
 * there (or can be pulled). Otherwise the run ends at once with one message naming the fix, instead of
 * Testcontainers' pull retries for each test: every question of the run is then a lab error (no points, a non-zero
 * exit), in every mode. Also sweeps leftovers of interrupted runs and arranges this run's own cleanup. Registered for every
 * class of {@code dockerlab.exercises} (extension auto-detection); {@link LabSession} ends the run.
 */
public final class DockerPreflight implements BeforeAllCallback, BeforeEachCallback {

    private static final long PULL_TIMEOUT_SECONDS = 90;
    // the helper images of Testcontainers 2.0.5: its reaper, and the container that finds the gateway
    private static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";
    private static final String GATEWAY_HELPER_IMAGE = "alpine:3.17";
    private static String problem;
    private static boolean checked;
    private static boolean reported;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (needsDocker(context)) {
            requireDocker();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (needsDocker(context)) {
            requireDocker();
        }
    }

    private static boolean needsDocker(ExtensionContext context) {
        return context.getRequiredTestClass().getPackageName().equals("dockerlab.exercises");
    }

    /** At the end of the run (launcher session closed): removes what this run created, if it got that far. */
    static synchronized void endOfRun() {
        if (checked && problem == null) {
            LabSweeper.sweepThisRunQuietly();
        }
    }

    private static synchronized void requireDocker() {
        if (!checked) {
            checked = true;
            problem = findProblem();
        }
        if (problem == null) {
            return;
        }
        // the whole message once; the classes after the first one point back to it. In every mode (a laptop, an IDE,
        // CI, Classroom 50's autograder): a run that could not check anything is a lab error, never a pass nor a skip.
        String message = reported ? Lang.text("message.preflight-again", problem.lines().findFirst().orElse(""))
                : "\n" + problem + "\n";
        if (!reported) {
            System.err.println("\n" + "=".repeat(100) + "\n" + Lang.text("message.preflight-banner") + message
                    + "=".repeat(100));
            reported = true;
        }
        throw new LabError.Again(message);
    }

    private static String findProblem() {
        if (TestcontainersSetup.problem() != null) {
            return TestcontainersSetup.problem();
        }
        // a plain client: Testcontainers' own would first start its helper containers, pulling with long retries
        DockerClient docker;
        try {
            docker = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
            docker.pingCmd().exec();
        } catch (RuntimeException unreachable) {
            if (String.valueOf(causes(unreachable)).toLowerCase().contains("permission denied")) {
                return Lang.text("preflight.permission");
            }
            return Lang.text("preflight.unreachable");
        }
        Map<String, String> missing = ensurePresent(docker, requiredImages(), ImageCatalog.offlineMode(), PULL_TIMEOUT_SECONDS);
        if (!missing.isEmpty()) {
            return Lang.text(ImageCatalog.offlineMode() ? "preflight.images-offline" : "preflight.images-online",
                    String.join(", ", missing.keySet()), String.join("; ", new LinkedHashSet<>(missing.values())));
        }
        LabSweeper.sweepDeadRuns();
        LabSweeper.sweepThisRunAtExit();
        return null;
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        return all.toString();
    }

    /** The catalog's images, and the helper images Testcontainers itself will start. */
    private static List<String> requiredImages() {
        List<String> images = new ArrayList<>();
        for (ImageCatalog image : ImageCatalog.values()) {
            images.add(image.imageName());
        }
        if (TestcontainersSetup.startsRyuk()) {
            images.add(RYUK_IMAGE);
        }
        // inside a container (/.dockerenv), Testcontainers starts a helper to find the gateway unless told the host
        if (Files.exists(Path.of("/.dockerenv")) && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null
                && !ImageCatalog.offlineMode()) {
            images.add(GATEWAY_HELPER_IMAGE);
        }
        return images;
    }

    /**
     * The images that are neither here nor pulled, each with its reason. The missing ones are pulled side by side within
     * one bound, which holds whatever the registry or the daemon does: a registry that does not answer costs the run
     * {@code boundSeconds}, not that much per image.
     */
    static Map<String, String> ensurePresent(DockerClient docker, List<String> images, boolean offline, long boundSeconds) {
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> toPull = new ArrayList<>();
        for (String image : images) {
            try {
                docker.inspectImageCmd(image).exec();
            } catch (NotFoundException notLocal) {
                if (offline) {
                    failures.put(image, Lang.text("preflight.not-built"));
                } else {
                    toPull.add(image);
                }
            }
        }
        if (toPull.isEmpty()) {
            return failures;
        }
        ExecutorService pulls = Executors.newFixedThreadPool(toPull.size(), task -> {
            Thread thread = new Thread(task, "docker-lab-pull");
            thread.setDaemon(true);
            return thread;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(boundSeconds);
        try (Progress progress = Progress.of(Lang.text("progress.pulling", String.join(", ", toPull)), boundSeconds)) {
            Map<String, Future<?>> pulling = new LinkedHashMap<>();
            toPull.forEach(image -> pulling.put(image, pulls.submit(() -> pull(docker, image))));
            for (Map.Entry<String, Future<?>> image : pulling.entrySet()) {
                String failure;
                try {
                    image.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    continue;
                } catch (TimeoutException slow) {
                    failure = Lang.text("preflight.pull-slow", boundSeconds);
                } catch (ExecutionException e) {
                    failure = Lang.text("preflight.pull-failed", "") + String.valueOf(e.getCause().getMessage()).lines()
                            .findFirst().orElse("").replaceFirst("^Status \\d+: \\{\"message\":\"(.*)\"}$", "$1").replace("\\\"", "");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = Lang.text("preflight.pull-interrupted");
                }
                failures.put(image.getKey(), failure);
            }
        } finally {
            pulls.shutdownNow(); // the pulls past the bound: their streams are closed
        }
        return failures;
    }

    private static Void pull(DockerClient docker, String name) throws Exception {
        try (PullImageResultCallback pulling = docker.pullImageCmd(name).exec(Progress.pull(name))) {
            pulling.awaitCompletion(); // bounded by the caller, which interrupts it at the bound
            return null;
        }
    }
}
