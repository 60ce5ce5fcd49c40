package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static dockerlab.stack.LabStack.API;
import static dockerlab.stack.LabStack.DB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dockerlab.answers.AnswerSheet;
import dockerlab.config.ImageCatalog;
import dockerlab.config.Lang;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerTime;
import dockerlab.docker.LabFirewall;
import dockerlab.docker.LabLabels;
import dockerlab.grading.Demonstration;
import dockerlab.grading.TeacherGraded;
import dockerlab.stack.ComposeStack;
import dockerlab.stack.LabContainers;
import dockerlab.stack.LabStack;
import dockerlab.submission.ApiImage;
import dockerlab.submission.Submission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;

/** exercises/08-reflection/README.md: the written answers, each demonstrated here. */
class Exercise08ReflectionTest {

    @Test
    @Demonstration(question = "8.a")
    void twoBuildsRunTheSameVersions() throws Exception {
        // the lab's image, built (with the cache) earlier in this run or before, against a build from nothing now
        List<String> first = runtimeAndLibraries(ApiImage.build(), false);
        List<String> second = runtimeAndLibraries(freshBuild(ApiImage.named("simple-api:repro")), true);

        assertThat(second).as(say("`java -version` and `ls /app/lib` in a container of simple-api:lab and one of a"
                + " `docker build --no-cache`")).isEqualTo(first);
    }

    @Test
    @Demonstration(question = "8.a")
    void containerNeedsNothingFromTheHost() throws Exception {
        LabContainers.requireApiAnswers();
        try (org.testcontainers.containers.Network isolated = org.testcontainers.containers.Network.builder()
                     .createNetworkCmdModifier(cmd -> cmd.withInternal(true).withLabels(LabLabels.ownedByThisRun())
                             .withOptions(Map.of("com.docker.network.bridge.name", LabFirewall.bridgeName(cmd.getName())))).build();
             GenericContainer<?> api = ContainerLimits.applyTo(new GenericContainer<>(ApiImage.build()))
                     .withLabels(LabLabels.ownedByThisRun()).withNetwork(isolated).withNetworkAliases("api");
             GenericContainer<?> client = LabContainers.idleShell().withNetwork(isolated)) {
            DockerTime.during(api::start);
            DockerTime.during(client::start);

            ExecResult health = LabContainers.retryExec(client, "wget", "-qO-", "http://api:8000/health");

            assertThat(Docker.inspect(api.getContainerId()).getMounts()).as(say("mounts of the api container (`docker"
                    + " inspect --format '{{json .Mounts}}'`): nothing from the host")).isEmpty();
            assertThat(health.getStdout()).as(say("`wget -qO- http://api:8000/health` from another container on an"
                    + " internal network (no internet), stderr: %s"), health.getStderr()).contains("\"status\"");
        }
    }

    @Test
    @Demonstration(question = "8.b")
    void oneCommandUpOneCommandDown() {
        ComposeStack stack = LabStack.up(LabStack.stack());
        String project = LabStack.projectName(stack);

        Map<String, Object> up = projectResources(project);
        Instant dbStarted = Instant.parse(Docker.state(LabStack.service(stack, DB).getContainerId()).getStartedAt());
        Instant apiStarted = Instant.parse(Docker.state(LabStack.service(stack, API).getContainerId()).getStartedAt());
        stack.downWithVolumes();
        Map<String, Object> down = projectResources(project);

        assertThat(up).as(say("containers, networks and volumes of project %s after `docker compose up -d`, against"
                        + " the services, networks and named volumes of `docker compose config`"), project)
                .isEqualTo(declared(Submission.checkedComposeConfig()));
        assertThat(apiStarted).as(say("api starts after db (`depends_on`)")).isAfter(dbStarted);
        assertThat(down).as(say("the same after `docker compose down -v`"))
                .isEqualTo(Map.of("containers", 0L, "networks", 0L, "volumes", 0L));
    }

    @Test
    @TeacherGraded(question = "8.a")
    void answerNotebookInProduction() {
        AnswerSheet.answer("8.a", Lang.text("observe.readme"));
    }

    @Test
    @TeacherGraded(question = "8.b")
    void answerWhyCompose() {
        AnswerSheet.answer("8.b", Lang.text("observe.readme"));
    }

    private static String freshBuild(String name) {
        Submission.checkedDockerfile();
        return ApiImage.build(name, ApiImage.buildContext().resolve("Dockerfile"),
                Map.of("JRE_IMAGE", ImageCatalog.JAVA_RUNTIME.imageName()), true);
    }

    private static List<String> runtimeAndLibraries(String image, boolean removeImage) throws Exception {
        try (GenericContainer<?> container = ContainerLimits.applyTo(new GenericContainer<>(image))
                .withLabels(LabLabels.ownedByThisRun())
                .withCommand("sleep", "600")) {
            DockerTime.during(container::start);
            String java = container.execInContainer("java", "-version").getStderr();
            String libraries = container.execInContainer("ls", "/app/lib").getStdout();
            return List.of(java, libraries);
        } finally {
            if (removeImage) {
                Docker.client().removeImageCmd(image).withForce(true).exec();
            }
        }
    }

    /** One container per service, the default network (or those declared), one volume per named volume. */
    private static Map<String, Object> declared(JsonNode config) {
        return Map.of("containers", (long) config.path("services").size(),
                "networks", (long) Math.max(1, config.path("networks").size()),
                "volumes", (long) config.path("volumes").size());
    }

    private static Map<String, Object> projectResources(String project) {
        String label = LabLabels.COMPOSE_PROJECT + "=" + project;
        List<Container> containers = Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(label)).exec();
        List<Network> networks = Docker.client().listNetworksCmd().withFilter("label", List.of(label)).exec();
        long volumes = Docker.client().listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes().size();
        return Map.of("containers", (long) containers.size(), "networks", (long) networks.size(), "volumes", volumes);
    }
}
