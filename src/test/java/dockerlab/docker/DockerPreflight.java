package dockerlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dockerlab.config.ImageCatalog;
import dockerlab.config.LabError;
import dockerlab.config.Lang;
import dockerlab.config.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
        List<String> missing = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (String image : requiredImages()) {
            String failure = ensurePresent(docker, image);
            if (failure != null) {
                missing.add(image);
                reasons.add(failure);
            }
        }
        if (!missing.isEmpty()) {
            return Lang.text(ImageCatalog.offlineMode() ? "preflight.images-offline" : "preflight.images-online",
                    String.join(", ", missing), String.join("; ", reasons));
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

    private static String ensurePresent(DockerClient docker, String name) {
        try {
            docker.inspectImageCmd(name).exec();
            return null;
        } catch (NotFoundException notLocal) {
            if (ImageCatalog.offlineMode()) {
                return Lang.text("preflight.not-built");
            }
        }
        try (Progress progress = Progress.of(Lang.text("progress.pulling", name), PULL_TIMEOUT_SECONDS)) {
            boolean done = docker.pullImageCmd(name).exec(Progress.pull(name))
                    .awaitCompletion(PULL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return done ? null : Lang.text("preflight.pull-slow", PULL_TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lang.text("preflight.pull-interrupted");
        } catch (RuntimeException e) {
            return Lang.text("preflight.pull-failed", "") + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    .replaceFirst("^Status \\d+: \\{\"message\":\"(.*)\"}$", "$1").replace("\\\"", "");
        }
    }
}
