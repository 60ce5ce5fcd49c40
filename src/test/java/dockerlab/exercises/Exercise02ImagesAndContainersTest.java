package dockerlab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dockerlab.support.Docker;
import dockerlab.support.DockerPreflight;
import dockerlab.support.LabContainers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/** exercises/02-images-and-containers/README.md */
@DisplayName("Exercise 02 · Images and containers")
@ExtendWith(DockerPreflight.class)
class Exercise02ImagesAndContainersTest {

    @Test
    @DisplayName("2.a two containers of one image share the image but not their ids nor their files")
    void containersOfOneImageAreIndependent() throws Exception {
        try (GenericContainer<?> first = LabContainers.idleShell();
             GenericContainer<?> second = LabContainers.idleShell()) {
            first.start();
            second.start();

            ExecResult written = first.execInContainer("sh", "-c", "echo note > /tmp/note.txt");
            ExecResult inFirst = first.execInContainer("cat", "/tmp/note.txt");
            ExecResult inSecond = second.execInContainer("cat", "/tmp/note.txt");

            assertThat(Docker.inspect(first.getContainerId()).getImageId())
                    .as("image id of both containers (`docker inspect --format '{{.Image}}'`)")
                    .isEqualTo(Docker.inspect(second.getContainerId()).getImageId());
            assertThat(first.getContainerId()).as("container ids (`docker ps`)").isNotEqualTo(second.getContainerId());
            assertThat(written.getExitCode()).as("writing /tmp/note.txt in the first container").isZero();
            assertThat(inFirst.getStdout()).as("`docker exec FIRST cat /tmp/note.txt`").isEqualTo("note\n");
            assertThat(inSecond.getExitCode())
                    .as("`docker exec SECOND cat /tmp/note.txt` must fail: each container has its own filesystem")
                    .isNotZero();
        }
    }

    @Test
    @DisplayName("2.b `docker run <image> echo \"Hello from Docker!\"` prints the message and exits 0")
    void echoPrintsTheMessage() {
        try (GenericContainer<?> hello = LabContainers.shellCommand("echo", "Hello from Docker!")) {
            hello.start();

            assertThat(hello.getLogs()).as("output of the container (`docker logs`)").isEqualTo("Hello from Docker!\n");
            assertThat(Docker.state(hello.getContainerId()).getExitCodeLong())
                    .as("exit code (`docker ps -a` shows Exited (0))").isZero();
        }
    }

    @Test
    @DisplayName("2.c once its command is done the container is exited, listed by `docker ps -a` only")
    void finishedContainerIsExited() {
        try (GenericContainer<?> hello = LabContainers.shellCommand("echo", "Hello from Docker!")) {
            hello.start();
            String id = hello.getContainerId();

            ContainerState state = Docker.state(id);

            assertThat(state.getStatus()).as("status in `docker ps -a`: nothing is left to run").isEqualTo("exited");
            assertThat(state.getExitCodeLong()).as("exit code in `docker ps -a`").isZero();
            assertThat(Docker.runningIds()).as("`docker ps` (running containers only)").doesNotContain(id);
            assertThat(Docker.allIds()).as("`docker ps -a` (all containers)").contains(id);
        }
    }

    @Test
    @DisplayName("2.d a shell in the container shows a Linux root with `ls /` and the host's kernel with `uname -a`")
    void shellShowsALinuxSystem() throws Exception {
        try (GenericContainer<?> shell = LabContainers.idleShell()) {
            shell.start();

            ExecResult ls = shell.execInContainer("ls", "/");
            ExecResult uname = shell.execInContainer("uname", "-a");
            String daemonArchitecture = Docker.client().infoCmd().exec().getArchitecture();

            assertThat(ls.getStdout().split("\\s+")).as("`docker exec -it CONTAINER ls /`")
                    .contains("bin", "etc", "usr", "tmp", "proc", "dev");
            assertThat(uname.getStdout()).as("`docker exec -it CONTAINER uname -a`: the kernel is Linux")
                    .startsWith("Linux");
            assertThat(uname.getStdout()).as("architecture in `uname -a` and in `docker info`")
                    .contains(daemonArchitecture);
        }
    }
}
