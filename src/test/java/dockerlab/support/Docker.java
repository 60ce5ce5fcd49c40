package dockerlab.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/** Small mirrors of docker CLI commands, named after them, for assertions on what a student would see. */
public final class Docker {

    private Docker() {
    }

    public static DockerClient client() {
        return DockerClientFactory.lazyClient();
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

    /** {@code docker rm -f ID}, for a container a test created without the lab's labels. */
    public static void removeQuietly(String id) {
        try {
            client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException alreadyGone) {
            // nothing left to remove
        }
    }
}
