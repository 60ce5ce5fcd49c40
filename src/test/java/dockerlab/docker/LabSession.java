package dockerlab.docker;

import dockerlab.config.Lang;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Once per run, whoever launches it (Maven, an IDE running one class, CI): quiet logs at the start; at the end,
 * the sweep of what this run created, then of the processes it started. The preflight itself runs once, before the first container
 * ({@link DockerPreflight}); a run killed before its end is swept by the next one's preflight.
 */
public final class LabSession implements LauncherSessionListener {

    // REST Assured's HTTP client logs every retry at INFO while a service is still starting; kept referenced
    private static final Logger APACHE_HTTP = Logger.getLogger("org.apache.http");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        APACHE_HTTP.setLevel(Level.WARNING);
        TestcontainersSetup.forThisRun();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Shared.awaitStops(java.time.Duration.ofMinutes(2));
        DockerPreflight.endOfRun();
        // last: the stops above are processes too (`docker compose down`), which a sweep before them would cut short
        List<String> left = LabProcesses.sweep(); // nothing the run started outlives it
        if (!left.isEmpty()) {
            System.out.println(Lang.text("lab.processes-left", left.size(), String.join("; ", left)));
        }
    }
}
