package dockerlab.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

/**
 * Checked once per run, before the first container: Docker answers and every image of the catalog is
 * there (or can be pulled). Otherwise the run ends at once with one message naming the fix, instead of
 * Testcontainers' pull retries for each test. With CI=true a failed check fails the tests; elsewhere it
 * skips them. Also sweeps leftovers of interrupted runs and arranges this run's own cleanup.
 */
public final class DockerPreflight implements BeforeAllCallback, BeforeEachCallback {

    private static final long PULL_TIMEOUT_SECONDS = 90;
    // REST Assured's HTTP client logs every retry at INFO while a service is still starting; kept referenced
    private static final Logger APACHE_HTTP = Logger.getLogger("org.apache.http");

    static {
        APACHE_HTTP.setLevel(Level.WARNING);
    }

    private static String problem;
    private static boolean checked;
    private static boolean reported;

    @Override
    public void beforeAll(ExtensionContext context) {
        requireDocker();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requireDocker();
    }

    private static synchronized void requireDocker() {
        if (!checked) {
            checked = true;
            problem = findProblem();
        }
        if (problem == null) {
            return;
        }
        // the whole message once; the classes after the first one point back to it
        String message = reported ? "docker-lab preflight failed, see the first failure: "
                + problem.lines().findFirst().orElse("") : "\n" + problem + "\n";
        if (Boolean.parseBoolean(System.getenv("CI"))) {
            reported = true;
            throw new IllegalStateException(message);
        }
        if (!reported) {
            // skipped tests print nothing of their own: say why once, where the student looks
            System.err.println("\n" + "=".repeat(100) + "\ndocker-lab: the container tests are SKIPPED"
                    + message + "=".repeat(100));
            reported = true;
        }
        throw new TestAbortedException(message);
    }

    private static String findProblem() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return """
                    Docker is not reachable: the lab's container tests cannot run.
                    Fix: start Docker (Docker Desktop, or `sudo systemctl start docker`); on a Debian/Ubuntu machine
                         without Docker run `sudo bash scripts/setup-docker.sh`.
                    Check: `docker info` must answer.""";
        }
        LabSweeper.sweepDeadRuns();
        LabSweeper.sweepThisRunAtExit();
        List<String> missing = new ArrayList<>();
        for (ImageCatalog image : ImageCatalog.values()) {
            String failure = ensurePresent(image.imageName());
            if (failure != null) {
                missing.add(image.imageName() + " (" + failure + ")");
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        String fix = ImageCatalog.offlineMode()
                ? "Fix: build the offline image set: `sudo bash scripts/build-offline-images.sh`."
                : """
                  Fix: connect to a registry, or without one build the offline image set
                       (`sudo bash scripts/build-offline-images.sh`) and run with LAB_OFFLINE=true.""";
        return "Images missing for the " + ImageCatalog.mode() + ": " + String.join(", ", missing) + "\n" + fix
                + "\nCheck: `docker image ls`.";
    }

    private static String ensurePresent(String name) {
        DockerClient docker = DockerClientFactory.lazyClient();
        try {
            docker.inspectImageCmd(name).exec();
            return null;
        } catch (NotFoundException notLocal) {
            if (ImageCatalog.offlineMode()) {
                return "not built";
            }
        }
        try {
            boolean done = docker.pullImageCmd(name).exec(new PullImageResultCallback())
                    .awaitCompletion(PULL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return done ? null : "pull did not finish in " + PULL_TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "pull interrupted";
        } catch (RuntimeException e) {
            return "cannot be pulled: " + e.getMessage().lines().findFirst().orElse("");
        }
    }
}
