package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static dockerlab.stack.LabContainers.API_PORT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dockerlab.answers.AnswerSheet;
import dockerlab.answers.ListingCommand;
import dockerlab.config.Part;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.Docker;
import dockerlab.docker.LabLabels;
import dockerlab.docker.Shared;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.stack.JsonBody;
import dockerlab.stack.LabContainers;
import dockerlab.submission.ApiImage;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;

/** exercises/04-run-the-api/README.md */
class Exercise04RunTheApiTest {

    private static final int STOP_TIMEOUT_SECONDS = 10;

    private static final String READY = say("GET /health to answer 200 through the published port: the API must"
            + " listen on 0.0.0.0:8000 inside the container");

    // 4.d's two questions look at one container: `docker run -d -p 8000 simple-api:lab`, then `docker stop`
    private static final AtomicReference<Duration> STOP_TOOK = new AtomicReference<>();
    @RegisterExtension
    static final Shared<GenericContainer<?>> STOPPED_API = Shared.of("4.d",
            say("the API container stopped with `docker stop`"), LabContainers::api, api -> {
                LabContainers.startOrExplain(api, READY);
                long started = System.nanoTime();
                Docker.client().stopContainerCmd(api.getContainerId()).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                STOP_TOOK.set(Duration.ofNanos(System.nanoTime() - started));
            });

    @Test
    @Graded(question = "4.a", parts = {Part.API, Part.DOCKERFILE})
    void publishedPortReachesTheApi() {
        int hostPort = LabContainers.runningApi().getMappedPort(API_PORT); // the host port `docker port` shows

        given().port(hostPort).when().get("/health").then().statusCode(200);
    }

    @Test
    @Demonstration(question = "4.a")
    void unpublishedPortIsNotMapped() {
        try (GenericContainer<?> api = ContainerLimits.applyTo(
                new GenericContainer<>(ApiImage.build()).withLabels(LabLabels.ownedByThisRun()))) {
            LabContainers.startOrExplain(api, say("a container of %s that keeps running", ApiImage.NAME));

            Map<ExposedPort, Ports.Binding[]> bindings =
                    Docker.inspect(api.getContainerId()).getNetworkSettings().getPorts().getBindings();

            assertThat(bindings).as(say("host bindings in `docker port CONTAINER` when run without -p"))
                    .containsKey(ExposedPort.tcp(API_PORT)) // exposed by the image, published nowhere
                    .allSatisfy((port, hostPorts) -> assertThat(hostPorts).isNull());
        }
    }

    @Test
    @Graded(question = "4.b", parts = {Part.API, Part.DOCKERFILE})
    void healthAnswersOk() {
        int hostPort = LabContainers.runningApi().getMappedPort(API_PORT);

        Response health = given().port(hostPort).when().get("/health");

        assertThat(health.statusCode()).as(say("status of `curl -i localhost:%d/health`"), hostPort).isEqualTo(200);
        assertThat(health.contentType()).as(say("Content-Type of `curl -i localhost:%d/health`"), hostPort)
                .startsWith("application/json");
        assertThat(JsonBody.of(health)).as(say("body of `curl localhost:%d/health`, seen: %s"),
                hostPort, health.asString()).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    @Graded(question = "4.c", parts = {Part.DOCKERFILE, Part.ANSWERS})
    void dockerPsShowsNameImageAndMapping() {
        GenericContainer<?> api = LabContainers.runningApi();

        Container row = Docker.listed(api.getContainerId());

        // what the same row shows with `-p 8000:8000`, as in the exercise
        List<String> for8000 = Arrays.stream(row.getPorts()).filter(p -> p.getPublicPort() != null)
                .map(p -> asDockerPs(p).replace(":" + LabContainers.runningApiHostPort() + "->", ":8000->")).toList();
        AnswerSheet.check("4.c", String.join(", ", for8000) + " for `-p 8000:8000`", "`docker ps` (PORTS)",
                answer -> for8000.stream().anyMatch(entry -> sameMapping(answer, entry)));
    }

    @Test
    @Graded(question = "4.d", parts = {Part.DOCKERFILE, Part.ANSWERS})
    void stoppedContainerIsExited() {
        GenericContainer<?> api = STOPPED_API.get();
        String id = api.getContainerId();

        assertThat(Docker.runningIds()).as(say("`docker ps` after `docker stop`")).doesNotContain(id);
        assertThat(Docker.state(id).getStatus()).as(say("STATUS in `docker ps -a`")).isEqualTo("exited");
        ListingCommand.checkLists("4.d", id, api.getContainerName(), "the API container the test just stopped");
    }

    @Test
    @Graded(question = "4.d", parts = Part.DOCKERFILE)
    void stopIsQuick() {
        String id = STOPPED_API.get().getContainerId();

        // killed after the timeout = 137, whatever the machine's speed; an API that got SIGTERM exits by itself
        assertThat(Docker.state(id).getExitCodeLong()).as(say("exit code in `docker ps -a` after `docker stop` (took"
                + " %d ms; 137 = killed once the %d s were up: the app never saw SIGTERM, use an exec-form CMD)"),
                STOP_TOOK.get().toMillis(), STOP_TIMEOUT_SECONDS).isNotEqualTo(137L);
    }

    /** The answer holds the mapping, spaces aside; the {@code /tcp} may be left out. */
    private static boolean sameMapping(String answer, String entry) {
        String compact = answer.replaceAll("\\s+", "");
        return compact.contains(entry) || compact.contains(entry.replace("/tcp", ""));
    }

    private static String asDockerPs(ContainerPort port) {
        return port.getPublicPort() == null ? port.getPrivatePort() + "/" + port.getType()
                : port.getIp() + ":" + port.getPublicPort() + "->" + port.getPrivatePort() + "/" + port.getType();
    }
}
