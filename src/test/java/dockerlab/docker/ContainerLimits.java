package dockerlab.docker;

import com.github.dockerjava.api.model.HostConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * What a container of the student's image (or of the student's stack) may use: a runaway submission cannot take
 * the grader's machine down. The lab's own checks never need more.
 */
public final class ContainerLimits {

    public static final long MEMORY_BYTES = 768L * 1024 * 1024;
    public static final String MEMORY = "768m";
    public static final double CPUS = 1.0;
    public static final long PIDS = 512;
    /**
     * Disk: the root file system is read-only and /tmp a small tmpfs (charged to the container's memory too), so what
     * a container writes cannot fill the grader's disk; /var/run/postgresql is PostgreSQL's socket folder. Its data
     * goes to its volume (a named one, or the anonymous one its image declares).
     */
    public static final Map<String, String> TMPFS = Map.of("/tmp", "rw,nosuid,nodev,size=64m",
            "/var/run/postgresql", "rw,nosuid,nodev,size=8m");
    /** The JVMs of the lab's containers start with less CPU (C1 only, serial GC); nothing a question checks changes. */
    public static final String JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private static String noRouteOut;

    private ContainerLimits() {
    }

    /** {@code docker run --memory 768m --cpus 1 --pids-limit 512 --read-only --tmpfs /tmp:size=64m ...}. */
    public static <T extends GenericContainer<?>> T applyTo(T container) {
        container.withEnv("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        container.withCreateContainerCmdModifier(cmd -> {
            HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
            String network = host.getNetworkMode();
            if (network == null || network.equals("default") || network.equals("bridge")) {
                host.withNetworkMode(noRouteOut()); // a network of the test's own (8.a's internal one) stays
            }
            cmd.withHostConfig(host.withMemory(MEMORY_BYTES).withMemorySwap(MEMORY_BYTES)
                    .withNanoCPUs((long) (CPUS * 1e9)).withPidsLimit(PIDS)
                    .withPrivileged(false).withCapAdd().withDevices()
                    .withReadonlyRootfs(true).withTmpFs(TMPFS));
        });
        return container;
    }

    /**
     * This run's bridge network without masquerading, created on first use (the end-of-run sweep removes it): its
     * containers' ports publish to the host as on Docker's default bridge, but nothing routes out of it (the
     * internet, the cloud metadata address), as the compose stacks' default network.
     */
    static synchronized String noRouteOut() {
        if (noRouteOut == null) {
            String name = LabLabels.COMPOSE_PREFIX + LabLabels.thisRun() + "-no-route-out";
            Docker.client().createNetworkCmd().withName(name).withLabels(LabLabels.ownedByThisRun())
                    .withOptions(Map.of("com.docker.network.bridge.enable_ip_masquerade", "false",
                            "com.docker.network.bridge.name", LabFirewall.bridgeName(name))).exec();
            noRouteOut = name;
        }
        return noRouteOut;
    }

    /** The same limits for one compose service, as an override file's entry. */
    public static Map<String, Object> forComposeService() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("mem_limit", MEMORY);
        limits.put("memswap_limit", MEMORY);
        limits.put("cpus", CPUS);
        limits.put("pids_limit", PIDS);
        limits.put("read_only", true);
        limits.put("tmpfs", TMPFS.entrySet().stream().map(t -> t.getKey() + ":" + t.getValue().replace("rw,", ""))
                .sorted().toList());
        limits.put("environment", Map.of("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS));
        return limits;
    }
}
