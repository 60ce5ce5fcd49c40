package dockerlab.docker;

import dockerlab.config.ImageCatalog;
import dockerlab.config.Lang;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.ResourceReaper;

/**
 * Offline, Testcontainers 2.0.5 would start two helper containers whose images cannot be pulled: its reaper (Ryuk)
 * and, where {@code /.dockerenv} exists, a container that finds the gateway. It reads its two switches
 * ({@code TESTCONTAINERS_RYUK_DISABLED}, {@code TESTCONTAINERS_HOST_OVERRIDE}) from the environment only, which an
 * IDE's run button does not set. So the lab sets their effect itself when the offline switch is on and the
 * environment says nothing: the reaper that removes the run's containers at the JVM's exit (the one the variable
 * selects), and the Docker host {@code localhost}. Both go through fields of Testcontainers 2.0.5 (the BOM's pin);
 * if a later version moved them, {@link #problem()} says which variables to set instead.
 */
public final class TestcontainersSetup {

    private static String problem;

    private TestcontainersSetup() {
    }

    /** Called once, when the run starts (before any container). */
    static synchronized void forThisRun() {
        if (!ImageCatalog.offlineMode()) {
            return;
        }
        try {
            if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
                useReaperWithoutHelper();
            }
            if (Files.exists(Path.of("/.dockerenv")) && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
                useLocalhost();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            problem = Lang.text("preflight.testcontainers", DockerClientFactory.TESTCONTAINERS_VERSION, e);
        }
    }

    /** Why the offline configuration failed, or null. */
    static synchronized String problem() {
        return problem;
    }

    /** True when Testcontainers will start its reaper container (so its image must be there). */
    static boolean startsRyuk() {
        return ResourceReaper.instance().getClass().getSimpleName().startsWith("Ryuk");
    }

    private static void useReaperWithoutHelper() throws ReflectiveOperationException {
        Field instance = ResourceReaper.class.getDeclaredField("instance");
        instance.setAccessible(true);
        synchronized (ResourceReaper.class) {
            if (instance.get(null) == null) {
                Constructor<?> hook = Class.forName("org.testcontainers.utility.JVMHookResourceReaper")
                        .getDeclaredConstructor();
                hook.setAccessible(true);
                instance.set(null, hook.newInstance());
            }
        }
    }

    private static void useLocalhost() throws ReflectiveOperationException {
        DockerClientFactory factory = DockerClientFactory.instance();
        factory.getTransportConfig(); // chooses the strategy, starts nothing
        Field strategyField = DockerClientFactory.class.getDeclaredField("strategy");
        strategyField.setAccessible(true);
        Object strategy = strategyField.get(factory);
        Field address = org.testcontainers.dockerclient.DockerClientProviderStrategy.class.getDeclaredField("dockerHostIpAddress");
        address.setAccessible(true);
        synchronized (strategy) {
            if (address.get(strategy) == null) {
                address.set(strategy, "localhost");
            }
        }
    }
}
