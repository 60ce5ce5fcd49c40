package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static dockerlab.stack.LabStack.API;
import static dockerlab.stack.LabStack.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dockerlab.answers.AnswerSheet;
import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerCli;
import dockerlab.docker.Healthcheck;
import dockerlab.docker.LabLabels;
import dockerlab.docker.Shared;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.grading.TeacherGraded;
import dockerlab.stack.ComposeStack;
import dockerlab.stack.JsonBody;
import dockerlab.stack.LabContainers;
import dockerlab.stack.LabStack;
import dockerlab.submission.Submission;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** exercises/05-compose-stack/README.md */
class Exercise05ComposeStackTest {

    @RegisterExtension
    static final Shared<ComposeStack> STACK = LabStack.RUNNING;


    @Test
    @Graded(question = "5.b", parts = Part.COMPOSE)
    void apiIsBuiltFromItsDockerfile() {
        JsonNode api = Submission.checkedComposeConfig().path("services").path(API);

        String context = Submission.fileSystemPath(api.path("build").path("context").asText("(no build:)"));

        assertThat(api.isMissingNode()).as(say("a service `api` in `docker compose config`")).isFalse();
        assertThat(context).as(say("build context of api in `docker compose config` (relative to compose.yaml:"
                + " ../../images/simple-api)")).isEqualTo(Submission.apiImageFolder().toString());
    }

    @Test
    @Graded(question = "5.c", parts = {Part.COMPOSE, Part.ANSWERS})
    @ResourceLock(value = LabStack.RUNNING_STATE, mode = ResourceAccessMode.READ)
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
    @Graded(question = "5.c", parts = Part.COMPOSE)
    @ResourceLock(value = LabStack.RUNNING_STATE, mode = ResourceAccessMode.READ)
    void apiStartsAfterTheDatabaseIsReady() {
        JsonNode dependsOn = Submission.checkedComposeConfig().path("services").path(API).path("depends_on");
        assertThat(dependsOn.path(DB).path("condition").asText("(none)"))
                .as(say("condition of api's depends_on db in `docker compose config` (depends_on: %s): without"
                        + " a condition on db's health, compose starts api as soon as db's container exists"), dependsOn)
                .isEqualTo("service_healthy");
        JsonNode db = Submission.checkedComposeConfig().path("services").path(DB);
        Healthcheck check = Healthcheck.of(db);
        if (check == null || withoutServer(db, check).exitCode() == 0) {
            return; // a healthcheck that probes nothing makes the order below luck: healthcheckProbesPostgres fails it
        }
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
    @Graded(question = "5.c", parts = Part.COMPOSE)
    @ResourceLock(value = LabStack.RUNNING_STATE, mode = ResourceAccessMode.READ)
    void healthcheckProbesPostgres() {
        JsonNode db = Submission.checkedComposeConfig().path("services").path(DB);
        Healthcheck check = Healthcheck.of(db);
        assertThat(check).as(say("healthcheck of db in `docker compose config`: compose.yaml needs `healthcheck:` under"
                + " db")).isNotNull();
        DockerCli.Result withoutServer = withoutServer(db, check);
        String image = db.path("image").asText();
        LabStack.awaitHealthy(STACK.get(), DB);

        assertThat(check.firstStartAllowed()).as(say("time db's healthcheck allows a first start before Docker says"
                + " unhealthy: start_period %s + interval %s x retries %d (`docker compose config`); PostgreSQL's"
                + " first start (initdb) can take many seconds on a busy machine: add `start_period: 30s`"),
                Healthcheck.seconds(check.startPeriod()), Healthcheck.seconds(check.interval()), check.retries())
                .isGreaterThanOrEqualTo(Healthcheck.FIRST_START);
        assertThat(withoutServer.exitCode()).as(say("exit code of db's healthcheck %s in a container of %s where"
                + " PostgreSQL is not running (output: %s): a check that passes without a server probes nothing"),
                check.command(), image, withoutServer.stdout().strip() + withoutServer.stderr().strip()).isNotZero();
    }

    @Test
    @Graded(question = "5.d", parts = Part.COMPOSE)
    @ResourceLock(value = LabStack.RUNNING_STATE, mode = ResourceAccessMode.READ)
    void healthThroughTheComposePort() {
        int port = LabStack.awaitApi(STACK.get());

        Response health = given().port(port).when().get("/health");

        assertThat(health.statusCode()).as(say("status of `curl localhost:%d/health`"), port).isEqualTo(200);
        assertThat(JsonBody.of(health)).as(say("body of `curl localhost:%d/health`"), port)
                .isEqualTo(Map.of("status", "ok"));
    }

    @Test
    @Demonstration(question = "5.e")
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
    @TeacherGraded(question = "5.e")
    void answerStopVersusDown() {
        AnswerSheet.answer("5.e", Lang.text("observe.readme"));
    }

    // db's healthcheck where PostgreSQL never started, the same for both questions: run once a run, while the stack starts
    private static final Map<List<Object>, DockerCli.Result> WITHOUT_SERVER = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * db's healthcheck in a container of db's image and environment (a check may use $POSTGRES_USER) where PostgreSQL
     * never started. An image that is not here fails the stack's start first, which says why.
     */
    private static DockerCli.Result withoutServer(JsonNode db, Healthcheck check) {
        String image = db.path("image").asText();
        if (!Docker.imageIsHere(image)) {
            LabStack.awaitHealthy(STACK.get(), DB);
        }
        return WITHOUT_SERVER.computeIfAbsent(List.of(image, environment(db), check.command()),
                key -> LabContainers.execWithoutItsServer(image, environment(db), check.command()));
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        return environment;
    }

    private static List<String> projectNetworks(String project) {
        return Docker.client().listNetworksCmd().exec().stream()
                .filter(n -> project.equals(n.getLabels() == null ? null : n.getLabels().get(LabLabels.COMPOSE_PROJECT)))
                .map(n -> n.getName())
                .toList();
    }
}
