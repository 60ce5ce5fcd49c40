package dockerlab.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;

/**
 * The exercise 5 compose file run by Testcontainers' ComposeContainer with the local {@code docker compose}:
 * a project name unique to this run, the catalog's images and free host ports passed as variables.
 */
public final class LabStack {

    public static final String DB = "db";
    public static final String API = "api";
    public static final int DB_PORT = 5432;
    private static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private LabStack() {
    }

    public static Path composeFile() {
        return LabPaths.project().resolve("exercises/05-compose-stack/compose.yaml");
    }

    /** {@code docker compose -p docker-lab-… -f compose.yaml [-f extra…]}, not started yet. */
    public static ComposeContainer stack(Path... extraFiles) {
        ApiImage.build(); // the stack runs the image that exercise 3 builds from images/simple-api
        List<File> files = new ArrayList<>(List.of(composeFile().toFile()));
        for (Path extra : extraFiles) {
            files.add(extra.toFile());
        }
        return new ComposeContainer(LabLabels.composeIdentifier(), files)
                .withEnv(Map.of(
                        "POSTGRES_IMAGE", ImageCatalog.POSTGRES.imageName(),
                        "JRE_IMAGE", ImageCatalog.JAVA_RUNTIME.imageName(),
                        "DB_HOST_PORT", String.valueOf(HostPorts.free()),
                        "API_HOST_PORT", String.valueOf(HostPorts.free())))
                .withPull(false)
                .withBuild(false)
                .withStartupTimeout(Duration.ofMinutes(2));
    }

    /** {@code docker compose up -d}; a failure says what was expected and how to look. */
    public static ComposeContainer up(ComposeContainer stack) {
        try {
            stack.start();
            return stack;
        } catch (RuntimeException e) {
            throw new AssertionError("Expected `docker compose up -d` to start the services db and api of "
                    + composeFile() + ".\nSeen: " + e.getMessage()
                    + "\nLook with: `docker compose ps -a`, `docker compose logs` (in exercises/05-compose-stack).", e);
        }
    }

    /** The service's container, as {@code docker compose ps SERVICE} finds it. */
    public static ContainerState service(ComposeContainer stack, String name) {
        return stack.getContainerByServiceName(name)
                .or(() -> stack.getContainerByServiceName(name + "-1"))
                .orElseThrow(() -> new AssertionError("no container for service `" + name
                        + "` in `docker compose ps`: is it declared under services: in compose.yaml?"));
    }

    /** {@code docker compose ps -q SERVICE}, asked now: a recreated service has a new container id. */
    public static String containerId(ComposeContainer stack, String service) {
        return Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LabLabels.COMPOSE_PROJECT, projectName(stack), COMPOSE_SERVICE, service))
                .exec().stream().map(Container::getId).findFirst()
                .orElseThrow(() -> new AssertionError("no container for service `" + service
                        + "` in `docker compose ps -a`"));
    }

    /** {@code docker compose port SERVICE PORT}: the host port published for a container port, or null. */
    public static Integer publishedPort(ComposeContainer stack, String service, int containerPort) {
        Ports.Binding[] bindings = Docker.inspect(containerId(stack, service)).getNetworkSettings()
                .getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        return bindings == null || bindings.length == 0 ? null : Integer.valueOf(bindings[0].getHostPortSpec());
    }

    /** {@code docker compose ls}'s NAME of the running stack. */
    public static String projectName(ComposeContainer stack) {
        return service(stack, DB).getContainerInfo().getConfig().getLabels().get(LabLabels.COMPOSE_PROJECT);
    }

    /** Waits until the API answers GET /health through its published port, and returns that port. */
    public static int awaitApi(ComposeContainer stack) {
        Integer port = publishedPort(stack, API, 8000);
        if (port == null) {
            throw new AssertionError("service api publishes no host port for 8000 (`docker compose port api 8000`):"
                    + " compose.yaml needs `ports:` under api");
        }
        await("GET /health through the api's published port " + port)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> given().port(port).when().get("/health").statusCode() == 200);
        return port;
    }

    /** Every volume the stack's containers mount, the anonymous ones a compose file without a named volume gets too. */
    public static List<String> volumesOf(ComposeContainer stack) {
        return List.of(DB, API).stream()
                .flatMap(service -> Docker.inspect(containerId(stack, service)).getMounts().stream())
                .filter(mount -> mount.getName() != null)
                .map(mount -> mount.getName())
                .toList();
    }

    /** {@code docker volume rm}, for volumes a test left on purpose and that no later {@code down -v} reaches. */
    public static void removeVolumes(List<String> names) {
        for (String name : names) {
            try {
                Docker.client().removeVolumeCmd(name).exec();
            } catch (RuntimeException alreadyGone) {
                // removed by `down -v`, which is the usual case
            }
        }
    }
}
