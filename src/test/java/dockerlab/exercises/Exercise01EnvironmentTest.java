package dockerlab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dockerlab.support.Docker;
import dockerlab.support.DockerPreflight;
import dockerlab.support.LabContainers;
import dockerlab.support.LabReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;

/** exercises/01-environment/README.md */
@DisplayName("Exercise 01 · Docker is installed and answers")
@ExtendWith(DockerPreflight.class)
class Exercise01EnvironmentTest {

    @Test
    @DisplayName("1.a `docker version` shows a client and a running server")
    void dockerServerAnswers() {
        Version server = Docker.client().versionCmd().exec();

        assertThat(server.getVersion())
                .as("server version in `docker version`: expected a running Docker engine to answer")
                .isNotBlank();
        assertThat(server.getApiVersion()).as("server API version in `docker version`").matches("\\d+\\.\\d+");
    }

    @Test
    @DisplayName("1.b `docker info` reports the server version, operating system and architecture")
    void dockerInfoReportsVersionAndArchitecture(TestReporter report) {
        Info info = Docker.client().infoCmd().exec();

        LabReport.entry(report, "server version", info.getServerVersion());
        LabReport.entry(report, "architecture", info.getArchitecture());
        assertThat(info.getServerVersion()).as("Server Version in `docker info`").matches("\\d+\\.\\d+.*");
        assertThat(info.getOsType()).as("OSType in `docker info`: Docker runs Linux containers").isEqualTo("linux");
        assertThat(info.getArchitecture()).as("Architecture in `docker info`")
                .isIn("x86_64", "aarch64", "arm64", "armv7l", "s390x", "ppc64le", "riscv64");
    }

    @Test
    @DisplayName("1.c a stopped container is listed by `docker ps -a` but not by `docker ps`")
    void stoppedContainerIsListedOnlyWithAll() {
        try (GenericContainer<?> finished = LabContainers.shellCommand("true")) {
            finished.start();
            String id = finished.getContainerId();

            assertThat(Docker.runningIds())
                    .as("`docker ps` lists running containers only; container %s has exited", id)
                    .doesNotContain(id);
            assertThat(Docker.allIds())
                    .as("`docker ps -a` lists all containers, stopped ones included")
                    .contains(id);
        }
    }
}
