package dockerlab.exercises;

import static dockerlab.support.LabStack.API;
import static dockerlab.support.LabStack.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.HealthStateLog;
import dockerlab.support.Docker;
import dockerlab.support.DockerPreflight;
import dockerlab.support.LabLabels;
import dockerlab.support.LabStack;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.ComposeContainer;

/** exercises/05-compose-stack/README.md */
@DisplayName("Exercise 05 · A multi-container stack with Docker Compose")
@ExtendWith(DockerPreflight.class)
class Exercise05ComposeStackTest {

    private static ComposeContainer stack;

    @BeforeAll
    static void composeUp() {
        stack = LabStack.stack(); // assigned first: @AfterAll brings down even a stack that failed to come up
        LabStack.up(stack);
    }

    @AfterAll
    static void composeDown() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @DisplayName("5.c `docker compose up -d` starts db and api, both running in `docker compose ps`")
    void bothServicesAreRunning() {
        InspectContainerResponse db = LabStack.service(stack, DB).getCurrentContainerInfo();
        InspectContainerResponse api = LabStack.service(stack, API).getCurrentContainerInfo();

        assertThat(db.getState().getStatus()).as("STATUS of db in `docker compose ps`").isEqualTo("running");
        assertThat(api.getState().getStatus()).as("STATUS of api in `docker compose ps`").isEqualTo("running");
    }

    @Test
    @DisplayName("5.c api starts only once db is healthy (`depends_on: db: condition: service_healthy`)")
    void apiStartsAfterTheDatabaseIsHealthy() {
        String dbId = LabStack.service(stack, DB).getContainerId();
        await("db healthy (`docker compose ps` shows (healthy))").atMost(Duration.ofSeconds(60))
                .until(() -> Docker.state(dbId).getHealth() != null
                        && "healthy".equals(Docker.state(dbId).getHealth().getStatus()));
        InspectContainerResponse db = Docker.inspect(dbId);
        InspectContainerResponse api = LabStack.service(stack, API).getCurrentContainerInfo();

        Instant firstHealthy = firstPassingHealthcheck(db.getState().getHealth().getLog());
        Instant apiStarted = Instant.parse(api.getState().getStartedAt());

        assertThat(apiStarted).as("api's StartedAt (`docker inspect`) compared with db's first passing healthcheck"
                + " at %s: without depends_on on a healthy db, the API starts before its database", firstHealthy)
                .isAfterOrEqualTo(firstHealthy);
    }

    @Test
    @DisplayName("5.d GET /health answers through the port compose publishes for api")
    void healthThroughTheComposePort() {
        int port = LabStack.awaitApi(stack);

        Response health = given().port(port).when().get("/health");

        assertThat(health.statusCode()).as("status of `curl localhost:%d/health`", port).isEqualTo(200);
        assertThat(health.jsonPath().getMap("$")).as("body of `curl localhost:%d/health`", port)
                .isEqualTo(Map.of("status", "ok"));
    }

    @Test
    @DisplayName("5.e `docker stop` leaves a container present and exited; `docker compose down` removes containers and network")
    void stopKeepsContainersDownRemovesThem() {
        try (ComposeContainer other = LabStack.up(LabStack.stack())) {
            String project = LabStack.projectName(other);
            String apiId = LabStack.service(other, API).getContainerId();
            String dbId = LabStack.service(other, DB).getContainerId();

            Docker.client().stopContainerCmd(apiId).exec();

            assertThat(Docker.allIds()).as("`docker ps -a` after `docker stop` of the api container").contains(apiId);
            assertThat(Docker.state(apiId).getStatus()).as("STATUS of api after `docker stop`").isEqualTo("exited");

            other.stop();

            assertThat(Docker.allIds()).as("`docker ps -a` after `docker compose down`").doesNotContain(apiId, dbId);
            assertThat(projectNetworks(project)).as("`docker network ls` after `docker compose down`").isEmpty();
        }
    }

    private static Instant firstPassingHealthcheck(List<HealthStateLog> log) {
        return log.stream().filter(check -> check.getExitCodeLong() == 0)
                .map(check -> Instant.parse(check.getEnd()))
                .min(Instant::compareTo)
                .orElseThrow(() -> new AssertionError("db has no passing healthcheck (`docker inspect --format"
                        + " '{{json .State.Health}}' <db container>`)"));
    }

    private static List<String> projectNetworks(String project) {
        return Docker.client().listNetworksCmd().exec().stream()
                .filter(n -> project.equals(n.getLabels() == null ? null : n.getLabels().get(LabLabels.COMPOSE_PROJECT)))
                .map(n -> n.getName())
                .toList();
    }
}
