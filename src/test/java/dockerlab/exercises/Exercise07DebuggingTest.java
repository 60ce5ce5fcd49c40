package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static dockerlab.stack.LabContainers.API_PORT;
import static dockerlab.stack.LabStack.API;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.PruneCmd;
import com.github.dockerjava.api.model.PruneType;
import dockerlab.answers.AnswerSheet;
import dockerlab.config.ImageCatalog;
import dockerlab.config.LabPaths;
import dockerlab.config.LabReport;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerTime;
import dockerlab.docker.LabLabels;
import dockerlab.docker.Shared;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.grading.TeacherGraded;
import dockerlab.stack.ComposeStack;
import dockerlab.stack.LabContainers;
import dockerlab.stack.LabStack;
import dockerlab.submission.ApiImage;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.WaitingConsumer;
import org.testcontainers.images.builder.ImageFromDockerfile;

/** exercises/07-debugging/README.md */
class Exercise07DebuggingTest {

    // the students' stack of exercises 5 and 6: 7.c restarts its api (the others wait)
    @RegisterExtension
    static final Shared<ComposeStack> STACK = LabStack.RUNNING.inDemonstrationsOnly();

    @Test
    @Graded(question = "7.a", parts = {Part.DOCKERFILE, Part.ANSWERS})
    void logsShowStartupThenAccessLine() {
        GenericContainer<?> api = LabContainers.runningApi();
        WaitingConsumer follow = new WaitingConsumer();
        api.followOutput(follow, OutputFrame.OutputType.STDOUT, OutputFrame.OutputType.STDERR);

        given().port(api.getMappedPort(API_PORT)).when().get("/health").then().statusCode(200);

        String startup = logsOnceTheyHold(api, "8000");
        assertThat(startup)
                .as(say("`docker logs` once the API is up: a startup line naming its port 8000")).contains("8000");
        assertThat(LabContainers.waitForLine(follow, Exercise07DebuggingTest::accessLine, Duration.ofSeconds(10)))
                .as(say("`docker logs -f` after GET /health: expected an access line with GET, /health and 200;"
                        + " seen:%n%s"), api.getLogs())
                .isTrue();
        Matcher pid = Pattern.compile("Started server process \\[(\\d+)]").matcher(startup);
        assertThat(pid.find())
                .as(say("`docker logs` once the API is up: a line `Started server process [PID]`; seen:%n%s"),
                startup).isTrue();
        long processId = Long.parseLong(pid.group(1));
        AnswerSheet.check("7.a", "Started server process [" + processId + "]", "`docker logs <container>`",
                answer -> AnswerSheet.saysNumber(answer, processId));
    }

    /**
     * {@code docker logs}, read again (bounded, 10 s) until they hold {@code text}: a server writes its startup line once
     * it listens, which on a loaded machine may come after its first answers (CI once read the logs before it).
     */
    private static String logsOnceTheyHold(GenericContainer<?> api, String text) {
        try {
            return await("`docker logs` to show " + text).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200)).until(api::getLogs, logs -> logs.contains(text));
        } catch (ConditionTimeoutException never) {
            return api.getLogs(); // the assertion shows what they hold
        }
    }

    @Test
    @Graded(question = "7.b", parts = Part.DOCKERFILE)
    void execListsTheDeployedArtifact() throws Exception {
        GenericContainer<?> api = LabContainers.runningApi();
        String workdir = Docker.inspect(api.getContainerId()).getConfig().getWorkingDir();

        ExecResult ls = api.execInContainer("ls", workdir);

        assertThat(ls.getStdout().lines().toList()).as(say("`docker exec CONTAINER ls %s` (the WORKDIR)"), workdir)
                .anyMatch(file -> file.endsWith(".jar"));
    }

    @Test
    @Demonstration(question = "7.b")
    void execShowsTheDeclaredRuntimeVersion() throws Exception {
        GenericContainer<?> api = LabContainers.runningApi();
        String declared = Arrays.stream(Docker.inspect(api.getContainerId()).getConfig().getEnv())
                .filter(env -> env.startsWith("JAVA_VERSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("the base image declares no JAVA_VERSION"
                        + " (`docker image inspect --format '{{.Config.Env}}' " + ApiImage.NAME + "`)"));

        ExecResult version = api.execInContainer("java", "-version");

        String number = declared.replaceFirst("JAVA_VERSION=(jdk-?)?", "").replaceFirst("[+_].*", "");
        assertThat(version.getStderr()).as(say("`docker exec CONTAINER java -version` against %s"), declared)
                .contains("version \"" + number + "\"");
    }

    @Test
    @Demonstration(question = "7.c")
    @ResourceLock(value = LabStack.RUNNING_STATE, mode = ResourceAccessMode.READ_WRITE)
    void restartKeepsTheContainerAndTheData() {
        ComposeStack stack = STACK.get();
        int port = LabStack.awaitApiAndDatabase(stack);
        given().port(port).contentType(ContentType.JSON).body(Map.of("text", "before restart"))
                .when().post("/notes").then().statusCode(201);
        String idBefore = LabStack.containerId(stack, API);
        Instant startedBefore = Instant.parse(Docker.state(idBefore).getStartedAt());

        Docker.client().restartContainerCmd(idBefore).withTimeout(10).exec();

        String idAfter = LabStack.containerId(stack, API);
        int portAfter = LabStack.awaitApi(stack); // the host port may change on restart
        assertThat(idAfter)
                .as(say("container id of api after the restart (`docker compose ps -q api`)")).isEqualTo(idBefore);
        assertThat(Instant.parse(Docker.state(idAfter).getStartedAt()))
                .as(say("StartedAt of api after the restart"))
                .isAfter(startedBefore);
        assertThat(given().port(portAfter).when().get("/notes").jsonPath().getList("text", String.class))
                .as(say("notes in the database after restarting the api (GET /notes)"))
                .contains("before restart");
    }

    @Test
    @TeacherGraded(question = "7.c")
    void answerWhenToRestart() {
        AnswerSheet.answer("7.c", Lang.text("observe.readme"));
    }

    @Test
    @Graded(question = "7.d", parts = Part.ANSWERS)
    void brokenAppExitsAndLogsTheError() {
        // the lab's Dockerfile on top of the student's image: built as the student's own are, capped
        String broken = ApiImage.build(ApiImage.named("simple-api:broken"),
                LabPaths.project().resolve("images/simple-api-broken/Dockerfile"), Map.of("API_IMAGE", ApiImage.build()),
                false);
        List<String> command = Arrays.asList(Docker.client().inspectImageCmd(broken).exec().getConfig().getCmd());
        String missingClass = command.get(command.size() - 1);

        try (GenericContainer<?> app = ContainerLimits.applyTo(new GenericContainer<>(broken)
                .withLabels(LabLabels.ownedByThisRun()))
                .withStartupCheckStrategy(LabContainers.runsToCompletion(Duration.ofSeconds(30)))) {
            DockerTime.during(app::start);

            long exitCode = Docker.state(app.getContainerId()).getExitCodeLong();
            assertThat(exitCode).as(say("exit code in `docker ps -a` (Exited (N)) of %s"), broken).isNotZero();
            assertThat(app.getLogs())
                    .as(say("`docker logs` of %s: it must name what is wrong"), broken).contains(missingClass);
            AnswerSheet.check("7.d", "Exited (" + exitCode + ")", "`docker ps -a --filter name=broken`",
                    answer -> AnswerSheet.saysNumber(answer, exitCode));
        }
    }

    @Test
    @Demonstration(question = "7.e")
    void pruneRemovesOnlyTheLabsResources(TestReporter report) throws Exception {
        DockerClient docker = Docker.client();
        // a label of this question's own, beside the lab's: the prunes touch nothing else, not even other questions'
        String mine = "prune-" + System.nanoTime();
        Map<String, String> owned = new java.util.HashMap<>(LabLabels.ownedByThisRun());
        owned.put(PRUNE_LABEL, mine);
        String ownedFilter = PRUNE_LABEL + "=" + mine;
        // unlabelled, so no sweep finds it: created last before the try whose finally removes it
        String userContainer = stoppedContainer(Map.of()); // stands for a student's own container
        try {
            String labContainer = stoppedContainer(owned);
            String labVolume = docker.createVolumeCmd().withLabels(owned).exec().getName();
            String labNetwork = docker.createNetworkCmd().withName("docker-lab-prune-" + LabLabels.thisRun())
                    .withLabels(owned).exec().getId();
            String labDangling = danglingImage(owned);
            List<Long> reclaimed = new ArrayList<>();

            reclaimed.add(prune(docker.pruneCmd(PruneType.CONTAINERS).withLabelFilter(ownedFilter)));
            reclaimed.add(prune(docker.pruneCmd(PruneType.IMAGES).withDangling(true).withLabelFilter(ownedFilter)));
            reclaimed.add(prune(docker.pruneCmd(PruneType.VOLUMES).withLabelFilter(ownedFilter)));
            reclaimed.add(prune(docker.pruneCmd(PruneType.NETWORKS).withLabelFilter(ownedFilter)));

            long bytes = reclaimed.stream().mapToLong(Long::longValue).sum();
            LabReport.entry(report, say("space reclaimed by the prunes"), bytes / 1024 + " KB");
            assertThat(Docker.allIds())
                    .as(say("`docker ps -a` after `docker container prune --filter label=%s`"), ownedFilter)
                    .doesNotContain(labContainer)
                    .as(say("a container without the lab's label must survive the lab's prune (`docker ps -a`)"))
                    .contains(userContainer);
            assertThat(docker.listImagesCmd().withShowAll(true).exec()).as(say("`docker image ls -a` after"
                    + " `docker image prune --filter label=%s`"), ownedFilter)
                    .noneMatch(image -> image.getId().equals(labDangling));
            assertThat(docker.listVolumesCmd().exec().getVolumes())
                    .as(say("`docker volume ls` after `docker volume prune`"))
                    .noneMatch(volume -> volume.getName().equals(labVolume));
            assertThat(docker.listNetworksCmd().exec()).as(say("`docker network ls` after `docker network prune`"))
                    .noneMatch(network -> network.getId().equals(labNetwork));
            assertThat(bytes).as(say("space reclaimed by the prunes (the dangling image holds 512 KB)")).isPositive();
        } finally {
            Docker.removeQuietly(userContainer); // the test created it: the test removes it
        }
    }

    @Test
    @TeacherGraded(question = "7.e")
    void answerWhyPrune() {
        AnswerSheet.answer("7.e", Lang.text("observe.readme"));
    }

    private static final String PRUNE_LABEL = "org.dockerlab.prune";

    private static boolean accessLine(String line) {
        return line.contains("GET") && line.contains("/health") && line.contains("200");
    }

    private static String stoppedContainer(Map<String, String> labels) {
        DockerClient docker = Docker.client();
        String id = docker.createContainerCmd(ImageCatalog.SHELL.imageName()).withCmd("true").withLabels(labels)
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
            return id;
        } catch (RuntimeException e) {
            Docker.removeQuietly(id); // an unlabelled one would outlive the run's sweep
            throw e;
        }
    }

    /**
     * {@code docker build} with no tag: a dangling image of 512 KB, labelled as the lab's. Its layer names this
     * question's label, so no other run's build shares it from the cache (a shared layer frees nothing when pruned).
     */
    private static String danglingImage(Map<String, String> labels) throws Exception {
        Path context = Files.createTempDirectory("docker-lab-dangling");
        try {
            Files.writeString(context.resolve("Dockerfile"), "FROM " + ImageCatalog.SHELL.imageName()
                    + "\nRUN echo " + labels.get(PRUNE_LABEL) + " > /owner && dd if=/dev/zero of=/blob bs=1024 count=512\n");
            return Docker.client().buildImageCmd(context.toFile()).withLabels(labels).withRemove(true)
                    .exec(new BuildImageResultCallback()).awaitImageId(60, TimeUnit.SECONDS);
        } finally {
            Files.delete(context.resolve("Dockerfile"));
            Files.delete(context);
        }
    }

    /** Docker runs one prune of a kind at a time: another run's prune answers 409 until it ends, so try again. */
    private static long prune(PruneCmd prune) {
        Long reclaimed = org.awaitility.Awaitility.await("`docker " + "prune` once no other prune runs")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreException(com.github.dockerjava.api.exception.ConflictException.class)
                .until(() -> java.util.Optional.ofNullable(prune.exec().getSpaceReclaimed()).orElse(0L), r -> true);
        return reclaimed;
    }
}
