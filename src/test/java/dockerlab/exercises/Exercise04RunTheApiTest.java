package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static dockerlab.stack.LabContainers.API_PORT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dockerlab.answers.AnswerSheet;
import dockerlab.answers.ListingCommand;
import dockerlab.config.Part;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.Docker;
import dockerlab.docker.HostPorts;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;

/** exercises/04-run-the-api/README.md */
class Exercise04RunTheApiTest {

    // like `docker run -d -p 8000:8000 simple-api:lab`, with a host port that is free on this machine
    private static final int HOST_PORT = HostPorts.free();

    private static final int STOP_TIMEOUT_SECONDS = 10;

    private static final String READY = say("GET /health to answer 200 through the published port: the API must"
            + " listen on 0.0.0.0:8000 inside the container");

    // shared by 4.b and 4.c: `docker run -d -p <free port>:8000 simple-api:lab`, started by the first of them
    @RegisterExtension
    static final Shared<GenericContainer<?>> SHARED_API = Shared.of("4.b",
            say("the API container run with -p %d:8000", HOST_PORT),
            () -> LabContainers.api().withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                    .withPortBindings(PortBinding.parse(HOST_PORT + ":" + API_PORT))),
            api -> LabContainers.startOrExplain(api, READY));

    @Test
    @Graded(question = "4.a", parts = {Part.API, Part.DOCKERFILE})
    void publishedPortReachesTheApi() {
        try (GenericContainer<?> api = LabContainers.api()) {
            LabContainers.startOrExplain(api, READY);

            int hostPort = api.getMappedPort(API_PORT); // random host port, as with `-p 8000`

            given().port(hostPort).when().get("/health").then().statusCode(200);
        }
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
        int hostPort = sharedApi().getMappedPort(API_PORT);

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
        GenericContainer<?> api = sharedApi();

        Container row = Docker.listed(api.getContainerId());

        // what the same row shows with `-p 8000:8000`, as in the exercise
        List<String> for8000 = Arrays.stream(row.getPorts()).filter(p -> p.getPublicPort() != null)
                .map(p -> asDockerPs(p).replace(":" + HOST_PORT + "->", ":8000->")).toList();
        AnswerSheet.check("4.c", String.join(", ", for8000) + " for `-p 8000:8000`", "`docker ps` (PORTS)",
                answer -> for8000.stream().anyMatch(entry -> sameMapping(answer, entry)));
    }

    @Test
    @Graded(question = "4.d", parts = {Part.DOCKERFILE, Part.ANSWERS})
    void stoppedContainerIsExited() {
        try (GenericContainer<?> api = LabContainers.api()) {
            LabContainers.startOrExplain(api, READY);
            String id = api.getContainerId();

            Docker.client().stopContainerCmd(id).exec();

            assertThat(Docker.runningIds()).as(say("`docker ps` after `docker stop`")).doesNotContain(id);
            assertThat(Docker.state(id).getStatus()).as(say("STATUS in `docker ps -a`")).isEqualTo("exited");
            ListingCommand.checkLists("4.d", id, api.getContainerName(), "the API container the test just stopped");
        }
    }

    @Test
    @Graded(question = "4.d", parts = Part.DOCKERFILE)
    void stopIsQuick() {
        try (GenericContainer<?> api = LabContainers.api()) {
            LabContainers.startOrExplain(api, READY);
            String id = api.getContainerId();

            long started = System.nanoTime();
            Docker.client().stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // killed after the timeout = 137, whatever the machine's speed; an API that got SIGTERM exits by itself
            assertThat(Docker.state(id).getExitCodeLong()).as(say("exit code in `docker ps -a` after `docker stop` (took"
                    + " %d ms; 137 = killed once the %d s were up: the app never saw SIGTERM, use an exec-form CMD)"),
                    took.toMillis(), STOP_TIMEOUT_SECONDS).isNotEqualTo(137L);
        }
    }

    private static GenericContainer<?> sharedApi() {
        return SHARED_API.get();
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
