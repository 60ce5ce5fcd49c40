package dockerlab.docker;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels that mark what the lab creates, and who created it. The owner is this test JVM
 * ({@code <pid>-<start second in base 36>}), so a later run can tell leftovers of a dead run from
 * the resources of a run still going.
 */
public final class LabLabels {

    public static final String LAB = "org.dockerlab";
    public static final String OWNER = "org.dockerlab.owner";
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    /** Compose project names start with this, so their containers, networks and volumes are known too. */
    public static final String COMPOSE_PREFIX = "docker-lab-";

    private static final String THIS_RUN = ownerTag(ProcessHandle.current());
    private static final Pattern COMPOSE_OWNER = Pattern.compile("^" + COMPOSE_PREFIX + "(\\d+-[0-9a-z]+)-");

    private LabLabels() {
    }

    /** Marks what lasts for the JVM's life rather than a run's: swept when the JVM ends. */
    public static final String JVMS_LIFE = "org.dockerlab.jvms-life";

    /** Labels for what lasts as long as this JVM (every save of a watch), swept at its end or by a later run. */
    public static Map<String, String> forTheJvmsLife() {
        return Map.of(LAB, "true", OWNER, THIS_RUN, JVMS_LIFE, "true");
    }

    /** Labels for anything this run creates: {@code docker ps --filter label=org.dockerlab} lists them. */
    public static Map<String, String> ownedByThisRun() {
        return Map.of(LAB, "true", OWNER, THIS_RUN);
    }

    public static String thisRun() {
        return THIS_RUN;
    }

    /** A compose project identifier for this run; Compose appends a random suffix to it. */
    public static String composeIdentifier() {
        return COMPOSE_PREFIX + THIS_RUN + "-";
    }

    /** The run that created a resource with these labels, if the lab created it. */
    public static Optional<String> owner(Map<String, String> labels) {
        if (labels == null) {
            return Optional.empty();
        }
        if (labels.containsKey(OWNER)) {
            return Optional.of(labels.get(OWNER));
        }
        Matcher compose = COMPOSE_OWNER.matcher(labels.getOrDefault(COMPOSE_PROJECT, ""));
        return compose.find() ? Optional.of(compose.group(1)) : Optional.empty();
    }

    /** True when the JVM that created the resource is still running on this machine. */
    public static boolean ownerAlive(String owner) {
        int dash = owner.indexOf('-');
        if (dash < 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, dash));
            return ProcessHandle.of(pid).map(LabLabels::ownerTag).filter(owner::equals).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The owner tag a lab run in {@code process} gives what it creates, as that run computes it. */
    public static String ownerTag(ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
        return process.pid() + "-" + Long.toString(started, 36);
    }
}
