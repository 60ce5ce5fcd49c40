package dockerlab.exercises;

import static dockerlab.support.LabStack.API;
import static dockerlab.support.LabStack.DB;
import static dockerlab.support.Lang.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.grading.TeacherGraded;
import dockerlab.support.AnswerSheet;
import dockerlab.support.ComposeStack;
import dockerlab.support.Docker;
import dockerlab.support.LabLabels;
import dockerlab.support.LabPaths;
import dockerlab.support.LabStack;
import dockerlab.support.Lang;
import dockerlab.support.Part;
import dockerlab.support.Shared;
import dockerlab.support.SubmissionGuard;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** exercises/05-compose-stack/README.md */
class Exercise05ComposeStackTest {

    @RegisterExtension
    static final Shared<ComposeStack> STACK = LabStack.shared("5.c");

    @Test
    @Graded(parts = Part.COMPOSE)
    void apiIsBuiltFromItsDockerfile() {
        JsonNode api = SubmissionGuard.checkedComposeConfig().path("services").path(API);

        String context = api.path("build").path("context").asText("(no build:)");

        assertThat(api.isMissingNode()).as(say("a service `api` in `docker compose config`")).isFalse();
        assertThat(context).as(say("build context of api in `docker compose config` (relative to compose.yaml:"
                + " ../../images/simple-api)")).isEqualTo(LabPaths.apiImageFolder().toString());
    }

    @Test
    @Graded(parts = {Part.COMPOSE, Part.ANSWERS})
    void bothServicesAreRunning() {
        ComposeStack stack = STACK.get();
        String health = LabStack.awaitHealthy(stack, DB);
        InspectContainerResponse db = LabStack.service(stack, DB).getCurrentContainerInfo();
        InspectContainerResponse api = LabStack.service(stack, API).getCurrentContainerInfo();

        assertThat(db.getState().getStatus()).as(say("STATUS of db in `docker compose ps`")).isEqualTo("running");
        assertThat(api.getState().getStatus()).as(say("STATUS of api in `docker compose ps`")).isEqualTo("running");
        AnswerSheet.check("5.c", "db is running (" + health + ")", "`docker compose ps` (STATUS of db)",
                answer -> AnswerSheet.saysWord(answer, health));
    }

    @Test
    @Graded(parts = Part.COMPOSE)
    void apiStartsAfterTheDatabaseIsReady() {
        ComposeStack stack = STACK.get();
        LabStack.awaitHealthy(stack, DB);
        String dbId = LabStack.containerId(stack, DB);
        InspectContainerResponse api = Docker.inspect(LabStack.containerId(stack, API));

        Instant dbReady = LabStack.lastReadyLine(dbId);
        Instant apiStarted = Instant.parse(api.getState().getStartedAt());

        assertThat(apiStarted)
                .as(say("api's StartedAt (`docker inspect`) compared with the moment db's server was ready"
                + " (%s, its last \"ready to accept connections\" in `docker compose logs -t db`): without depends_on"
                + " on a healthy db, the API starts before its database"), dbReady)
                .isAfterOrEqualTo(dbReady);
    }

    @Test
    @Graded(parts = Part.COMPOSE)
    void healthThroughTheComposePort() {
        int port = LabStack.awaitApi(STACK.get());

        Response health = given().port(port).when().get("/health");

        assertThat(health.statusCode()).as(say("status of `curl localhost:%d/health`"), port).isEqualTo(200);
        assertThat(health.jsonPath().getMap("$")).as(say("body of `curl localhost:%d/health`"), port)
                .isEqualTo(Map.of("status", "ok"));
    }

    @Test
    @Demonstration
    void stopKeepsContainersDownRemovesThem() {
        try (ComposeStack other = LabStack.up(LabStack.stack())) {
            String project = LabStack.projectName(other);
            String apiId = LabStack.service(other, API).getContainerId();
            String dbId = LabStack.service(other, DB).getContainerId();
            List<String> volumes = LabStack.volumesOf(other); // an anonymous one outlives `down` and the final `down -v`

            if (Boolean.TRUE.equals(Docker.state(apiId).getRunning())) {
                Docker.client().stopContainerCmd(apiId).exec();
            }

            assertThat(Docker.allIds())
                    .as(say("`docker ps -a` after `docker stop` of the api container")).contains(apiId);
            assertThat(Docker.state(apiId).getStatus())
                    .as(say("STATUS of api after `docker stop`")).isEqualTo("exited");

            other.down();
            LabStack.removeVolumes(volumes);

            assertThat(Docker.allIds())
                    .as(say("`docker ps -a` after `docker compose down`")).doesNotContain(apiId, dbId);
            assertThat(projectNetworks(project)).as(say("`docker network ls` after `docker compose down`")).isEmpty();
        }
    }

    @Test
    @TeacherGraded
    void answerStopVersusDown() {
        AnswerSheet.answer("5.e", Lang.text("observe.readme"));
    }

    private static List<String> projectNetworks(String project) {
        return Docker.client().listNetworksCmd().exec().stream()
                .filter(n -> project.equals(n.getLabels() == null ? null : n.getLabels().get(LabLabels.COMPOSE_PROJECT)))
                .map(n -> n.getName())
                .toList();
    }
}
