package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dockerlab.answers.AnswerSheet;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerTime;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.grading.TeacherGraded;
import dockerlab.stack.LabContainers;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/** exercises/02-images-and-containers/README.md */
class Exercise02ImagesAndContainersTest {

    @Test
    @Demonstration(question = "2.a")
    void containersOfOneImageAreIndependent() throws Exception {
        try (GenericContainer<?> first = LabContainers.idleShell();
             GenericContainer<?> second = LabContainers.idleShell()) {
            DockerTime.during(first::start);
            DockerTime.during(second::start);

            ExecResult written = first.execInContainer("sh", "-c", "echo note > /tmp/note.txt");
            ExecResult inFirst = first.execInContainer("cat", "/tmp/note.txt");
            ExecResult inSecond = second.execInContainer("cat", "/tmp/note.txt");

            assertThat(Docker.inspect(first.getContainerId()).getImageId())
                    .as(say("image id of both containers (`docker inspect --format '{{.Image}}'`)"))
                    .isEqualTo(Docker.inspect(second.getContainerId()).getImageId());
            assertThat(first.getContainerId())
                    .as(say("container ids (`docker ps`)")).isNotEqualTo(second.getContainerId());
            assertThat(written.getExitCode()).as(say("writing /tmp/note.txt in the first container")).isZero();
            assertThat(inFirst.getStdout()).as(say("`docker exec FIRST cat /tmp/note.txt`")).isEqualTo("note\n");
            assertThat(inSecond.getExitCode())
                    .as(say("`docker exec SECOND cat /tmp/note.txt` must fail: each container has its own filesystem"))
                    .isNotZero();
        }
    }

    @Test
    @TeacherGraded(question = "2.a")
    void answerImageVersusContainer() {
        AnswerSheet.answer("2.a", Lang.text("observe.readme"));
    }

    @Test
    @Demonstration(question = "2.b")
    void echoPrintsTheMessage() {
        try (GenericContainer<?> hello = LabContainers.shellCommand("echo", "Hello from Docker!")) {
            DockerTime.during(hello::start);

            assertThat(hello.getLogs())
                    .as(say("output of the container (`docker logs`)")).isEqualTo("Hello from Docker!\n");
            assertThat(Docker.state(hello.getContainerId()).getExitCodeLong())
                    .as(say("exit code (`docker ps -a` shows Exited (0))")).isZero();
        }
    }

    @Test
    @Graded(question = "2.c", parts = Part.ANSWERS)
    void finishedContainerIsExited() {
        try (GenericContainer<?> hello = LabContainers.shellCommand("echo", "Hello from Docker!")) {
            DockerTime.during(hello::start);
            String id = hello.getContainerId();

            ContainerState state = Docker.state(id);

            long exitCode = state.getExitCodeLong();
            AnswerSheet.check("2.c", "STATUS " + state.getStatus() + ", exit code " + exitCode + " (Exited (" + exitCode + "))",
                    "`docker ps -a`", answer -> AnswerSheet.saysWord(answer, state.getStatus())
                            && AnswerSheet.saysNumber(answer, exitCode));
        }
    }

    @Test
    @Graded(question = "2.d", parts = Part.ANSWERS)
    void shellShowsALinuxSystem() throws Exception {
        try (GenericContainer<?> shell = LabContainers.idleShell()) {
            DockerTime.during(shell::start);

            String kernel = shell.execInContainer("uname", "-s").getStdout().strip();

            AnswerSheet.check("2.d", kernel, "`uname` in `docker run -it --rm alpine sh`",
                    answer -> AnswerSheet.saysWord(answer, kernel));
        }
    }
}
