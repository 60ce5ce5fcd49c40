package dockerlab.stack;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import dockerlab.config.Lang;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerCli;
import dockerlab.docker.LabFirewall;
import dockerlab.docker.LabLabels;
import dockerlab.docker.LabVolumes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.lifecycle.Startable;

/**
 * One compose project of the lab, run with the real {@code docker compose -p PROJECT -f FILE…}: {@code up -d},
 * {@code down}, {@code down -v}, and the container of a service. Testcontainers' ComposeContainer runs the same
 * commands, but holds one lock for every stack of the JVM while it starts or stops one: the stacks of a class, and
 * of classes running side by side, would come up one after the other.
 */
public final class ComposeStack implements Startable {

    private static final long UP_SECONDS = 180;
    private static final long DOWN_SECONDS = 60;
    // what a container gets to stop, whatever the compose file says
    private static final String STOP_SECONDS = "10";

    private final String project;
    private final List<Path> files;
    private final Map<String, String> variables;
    private final List<String> volumes;
    // the named volumes' devices (LabVolumes), made at the first command, gone with `down -v`
    private List<LabVolumes.Device> devices;

    ComposeStack(String project, List<Path> files, Map<String, String> variables, List<String> volumes) {
        this.project = project;
        this.files = List.copyOf(files);
        this.variables = Map.copyOf(variables);
        this.volumes = List.copyOf(volumes);
    }

    /** {@code docker compose ls}'s NAME. */
    public String project() {
        return project;
    }

    /** {@code docker compose up -d}; fails with Compose's own last lines when it does not end well. */
    @Override
    public void start() {
        compose(UP_SECONDS, "up", "-d");
    }

    /** {@code docker compose down}: containers and network go, volumes stay. */
    public void down() {
        compose(DOWN_SECONDS, "down", "--timeout", STOP_SECONDS);
    }

    /** {@code docker compose down -v}: volumes go too. */
    public void downWithVolumes() {
        compose(DOWN_SECONDS, "down", "-v", "--timeout", STOP_SECONDS);
        releaseDevices(); // the next `up` starts from empty volumes, as Docker's would
    }

    /** The end of a stack is {@code down -v}: nothing of it stays. */
    @Override
    public void stop() {
        downWithVolumes();
    }

    /** {@code docker compose ps SERVICE}: the service's container, inspected now. */
    public Optional<ContainerState> service(String name) {
        return Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LabLabels.COMPOSE_PROJECT, project, "com.docker.compose.service", name))
                .exec().stream().findFirst()
                .map(container -> new ServiceContainer(Docker.inspect(container.getId())));
    }

    private void compose(long timeoutSeconds, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", project));
        files.forEach(file -> command.addAll(List.of("-f", file.toString())));
        command.addAll(Arrays.asList(arguments));
        Map<String, String> env = new java.util.HashMap<>(variables);
        env.put(LabFirewall.BRIDGE_VARIABLE, LabFirewall.bridgeName(project));
        List<LabVolumes.Device> sized = devices();
        for (int i = 0; i < sized.size(); i++) {
            env.put(dockerlab.submission.ComposeRules.volumeDeviceVariable(i), sized.get(i).path());
        }
        DockerCli.Result result = DockerCli.run(command, env, null, timeoutSeconds);
        if (result.exitCode() != 0) {
            String said = result.stderr().strip().lines().reduce((first, last) -> last).orElse("");
            throw new IllegalStateException(Lang.text("message.compose-failed", String.join(" ", arguments), project,
                    result.exitCode(), said) + "\n" + result.stderr().strip());
        }
    }

    private synchronized List<LabVolumes.Device> devices() {
        if (devices == null) {
            devices = new ArrayList<>();
            if (!LabVolumes.available()) {
                return devices;
            }
            for (String volume : volumes) {
                LabVolumes.Device device = LabVolumes.create(project + "_" + volume);
                if (device == null) {
                    devices.forEach(LabVolumes::remove);
                    devices = List.of();
                    break;
                }
                devices.add(device);
            }
        }
        return devices;
    }

    private synchronized void releaseDevices() {
        if (devices != null) {
            devices.forEach(LabVolumes::remove);
            devices = null;
        }
    }

    /** A service's container as Testcontainers sees one: exec, logs and inspection work on it. */
    private record ServiceContainer(InspectContainerResponse info) implements ContainerState {
        @Override
        public InspectContainerResponse getContainerInfo() {
            return info;
        }

        @Override
        public String getContainerId() {
            return info.getId();
        }

        @Override
        public List<Integer> getExposedPorts() {
            ExposedPort[] exposed = info.getConfig().getExposedPorts();
            return exposed == null ? List.of() : Arrays.stream(exposed).map(ExposedPort::getPort).toList();
        }
    }
}
