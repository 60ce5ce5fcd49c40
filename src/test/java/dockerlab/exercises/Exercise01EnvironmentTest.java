package dockerlab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.support.AnswerSheet;
import dockerlab.support.Docker;
import dockerlab.support.LabContainers;
import dockerlab.support.LabReport;
import dockerlab.support.ListingCommand;
import dockerlab.support.Part;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.testcontainers.containers.GenericContainer;

/** exercises/01-environment/README.md */
@DisplayName("Exercise 01 · Docker is installed and answers")
class Exercise01EnvironmentTest {

    @Test
    @Demonstration
    @DisplayName("1.a `docker version` shows a client and a running server")
    void dockerServerAnswers() {
        Version server = Docker.client().versionCmd().exec();

        assertThat(server.getVersion())
                .as("server version in `docker version`: expected a running Docker engine to answer")
                .isNotBlank();
        assertThat(server.getApiVersion()).as("server API version in `docker version`").matches("\\d+\\.\\d+");
    }

    @Test
    @Graded(parts = Part.ANSWERS)
    @DisplayName("1.b the operating system `docker info` reports for the server, as in your answer sheet")
    void dockerInfoReportsTheServersOperatingSystem(TestReporter report) {
        Info info = Docker.client().infoCmd().exec();

        LabReport.entry(report, "server version", info.getServerVersion());
        LabReport.entry(report, "architecture", info.getArchitecture());
        assertThat(info.getServerVersion()).as("Server Version in `docker info`").matches("\\d+\\.\\d+.*");
        AnswerSheet.check("1.b", "OSType: " + info.getOsType(), "`docker info`",
                answer -> AnswerSheet.saysWord(answer, info.getOsType()));
    }

    @Test
    @Graded(parts = Part.ANSWERS)
    @DisplayName("1.c your command lists a stopped container, which `docker ps` alone does not")
    void yourCommandListsAStoppedContainer() {
        try (GenericContainer<?> finished = LabContainers.shellCommand("true")) {
            finished.start();
            String id = finished.getContainerId();

            assertThat(Docker.runningIds())
                    .as("`docker ps` lists running containers only; container %s has exited", id)
                    .doesNotContain(id);
            ListingCommand.checkLists("1.c", id, finished.getContainerName(), "the exited container the test just ran");
        }
    }
}
