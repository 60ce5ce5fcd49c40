package dockerlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dockerlab.config.LabError;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/** Small mirrors of docker CLI commands, named after them, for assertions on what a student would see. */
public final class Docker {

    private Docker() {
    }

    public static DockerClient client() {
        return DockerClientFactory.lazyClient();
    }

    /**
     * After a docker command failed: when Docker itself no longer answers (`docker version` through the CLI, the
     * client of the tests), that is no mistake of the student's but a lab error, thrown here.
     */
    public static void requireStillAnswering(String whatFailed) {
        DockerCli.Result cli = DockerCli.run(List.of("docker", "version", "--format", "{{.Server.Version}}"), java.util.Map.of(),
                null, 20);
        String problem = cli.exitCode() == 0 ? null : cli.stderr().strip().lines().findFirst().orElse("no answer");
        if (problem == null) {
            try {
                client().pingCmd().exec();
            } catch (RuntimeException e) {
                problem = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            }
        }
        if (problem != null) {
            throw new LabError("Docker stopped answering during the run (" + whatFailed + "): " + problem
                    + ". Not your doing: start Docker again (`docker info` must answer) and grade again.");
        }
    }

    /** {@code docker ps -q}: ids of running containers. */
    public static List<String> runningIds() {
        return client().listContainersCmd().exec().stream().map(Container::getId).toList();
    }

    /** {@code docker ps -aq}: ids of all containers, stopped ones included. */
    public static List<String> allIds() {
        return client().listContainersCmd().withShowAll(true).exec().stream().map(Container::getId).toList();
    }

    /** {@code docker ps -a --filter id=ID}: the listing row of one container, as {@code docker ps} shows it. */
    public static Container listed(String id) {
        return client().listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().stream()
                .findFirst().orElseThrow(() -> new AssertionError("container " + id + " is not in docker ps -a"));
    }

    /** {@code docker inspect ID --format '{{json .State}}'}. */
    public static InspectContainerResponse.ContainerState state(String id) {
        return client().inspectContainerCmd(id).exec().getState();
    }

    /** {@code docker inspect ID}. */
    public static InspectContainerResponse inspect(String id) {
        return client().inspectContainerCmd(id).exec();
    }

    /** {@code docker image inspect IMAGE} succeeds: the image is on this machine (nothing is pulled). */
    public static boolean imageIsHere(String image) {
        return imageId(image) != null;
    }

    /** {@code docker image inspect -f '{{.Id}}' IMAGE}; null when there is none of that name or id. */
    public static String imageId(String image) {
        try {
            return client().inspectImageCmd(image).exec().getId();
        } catch (com.github.dockerjava.api.exception.NotFoundException absent) {
            return null;
        }
    }

    /** {@code docker rm -f ID}, for a container a test created without the lab's labels. */
    public static void removeQuietly(String id) {
        try {
            client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException alreadyGone) {
            // nothing left to remove
        }
    }
}
