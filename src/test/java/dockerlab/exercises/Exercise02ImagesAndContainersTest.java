package dockerlab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.grading.TeacherGraded;
import dockerlab.support.AnswerSheet;
import dockerlab.support.Docker;
import dockerlab.support.LabContainers;
import dockerlab.support.Part;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/** exercises/02-images-and-containers/README.md */
@DisplayName("Exercise 02 · Images and containers")
class Exercise02ImagesAndContainersTest {

    @Test
    @Demonstration
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
    @TeacherGraded
    @DisplayName("2.a your answer: what an image is, what a container is (teacher-graded)")
    void answerImageVersusContainer() {
        AnswerSheet.answer("2.a", "the exercise's README and the demonstration above");
    }

    @Test
    @Demonstration
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
    @Graded(parts = Part.ANSWERS)
    @DisplayName("2.c once its command is done the container is exited: its state and exit code, as in your answer sheet")
    void finishedContainerIsExited() {
        try (GenericContainer<?> hello = LabContainers.shellCommand("echo", "Hello from Docker!")) {
            hello.start();
            String id = hello.getContainerId();

            ContainerState state = Docker.state(id);

            assertThat(state.getStatus()).as("status in `docker ps -a`: nothing is left to run").isEqualTo("exited");
            assertThat(Docker.runningIds()).as("`docker ps` (running containers only)").doesNotContain(id);
            long exitCode = state.getExitCodeLong();
            AnswerSheet.check("2.c", "STATUS " + state.getStatus() + ", exit code " + exitCode + " (Exited (" + exitCode + "))",
                    "`docker ps -a`", answer -> AnswerSheet.saysWord(answer, state.getStatus())
                            && AnswerSheet.saysNumber(answer, exitCode));
        }
    }

    @Test
    @Graded(parts = Part.ANSWERS)
    @DisplayName("2.d a shell in the container shows a Linux root with `ls /`; the kernel `uname` names, as in your answer sheet")
    void shellShowsALinuxSystem() throws Exception {
        try (GenericContainer<?> shell = LabContainers.idleShell()) {
            shell.start();

            ExecResult ls = shell.execInContainer("ls", "/");
            String kernel = shell.execInContainer("uname", "-s").getStdout().strip();

            assertThat(ls.getStdout().split("\\s+")).as("`docker exec -it CONTAINER ls /`")
                    .contains("bin", "etc", "usr", "tmp", "proc", "dev");
            AnswerSheet.check("2.d", kernel, "`uname` in `docker run -it --rm alpine sh`",
                    answer -> AnswerSheet.saysWord(answer, kernel));
        }
    }
}
