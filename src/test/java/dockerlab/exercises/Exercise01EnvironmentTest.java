package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dockerlab.answers.AnswerSheet;
import dockerlab.answers.ListingCommand;
import dockerlab.config.LabReport;
import dockerlab.config.Part;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerTime;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.stack.LabContainers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.testcontainers.containers.GenericContainer;

/** exercises/01-environment/README.md */
class Exercise01EnvironmentTest {

    @Test
    @Demonstration(question = "1.a")
    void dockerServerAnswers() {
        Version server = Docker.client().versionCmd().exec();

        assertThat(server.getVersion())
                .as(say("server version in `docker version`: expected a running Docker engine to answer"))
                .isNotBlank();
        assertThat(server.getApiVersion()).as(say("server API version in `docker version`")).matches("\\d+\\.\\d+");
    }

    @Test
    @Graded(question = "1.b", parts = Part.ANSWERS)
    void dockerInfoReportsTheServersOperatingSystem(TestReporter report) {
        Info info = Docker.client().infoCmd().exec();

        LabReport.entry(report, say("server version"), info.getServerVersion());
        LabReport.entry(report, say("architecture"), info.getArchitecture());
        AnswerSheet.check("1.b", "OSType: " + info.getOsType(), "`docker info`",
                answer -> AnswerSheet.saysWord(answer, info.getOsType()));
    }

    @Test
    @Graded(question = "1.c", parts = Part.ANSWERS)
    void yourCommandListsAStoppedContainer() {
        try (GenericContainer<?> finished = LabContainers.shellCommand("true")) {
            DockerTime.during(finished::start);
            String id = finished.getContainerId();

            assertThat(Docker.runningIds())
                    .as(say("`docker ps` lists running containers only; container %s has exited"), id)
                    .doesNotContain(id);
            ListingCommand.checkLists("1.c", id, finished.getContainerName(), "the exited container the test just ran");
        }
    }
}
