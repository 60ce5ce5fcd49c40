package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Image;
import dockerlab.config.ImageCatalog;
import dockerlab.config.LabPaths;
import dockerlab.config.Part;
import dockerlab.docker.Docker;
import dockerlab.docker.Shared;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.stack.JsonBody;
import dockerlab.stack.LabContainers;
import dockerlab.submission.ApiImage;
import dockerlab.submission.Submission;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/** exercises/03-first-image/README.md */
class Exercise03FirstImageTest {

    private static final long ADDED_SIZE_BUDGET_MB = 25;
    private static final long TOTAL_SIZE_BUDGET_MB = 450;

    @Test
    @Graded(question = "3.a", parts = Part.API)
    void apiAnswersHealth() {
        GenericContainer<?> api = LabContainers.jarOnPlainRuntime();
        try {
            LabContainers.startOrExplain(api, say("the API to listen on port 8000 (`java -jar app/simple-api.jar`)"));

            Response health = given().port(api.getMappedPort(LabContainers.API_PORT)).when().get("/health");

            assertThat(health.statusCode())
                    .as(say("status of GET /health, body: %s"), health.asString()).isEqualTo(200);
            assertThat(health.contentType()).as(say("Content-Type of GET /health")).startsWith("application/json");
            assertThat(JsonBody.of(health)).as(say("body of GET /health, seen: %s"), health.asString())
                    .isEqualTo(Map.of("status", "ok"));
            // a route for every path would pass the lines above: /health must be a route of its own
            Response unknown = given().port(api.getMappedPort(LabContainers.API_PORT)).when().get(UNKNOWN_PATH);
            assertThat(unknown.statusCode()).as(say("status of GET %s, a path the API has no route for (body: %s):"
                    + " only GET /health answers 200, a catch-all route answers what it was never asked"), UNKNOWN_PATH,
                    unknown.asString()).isEqualTo(404);
        } finally {
            Shared.stopInBackground(api); // the verdict does not wait for the container's end
        }
    }

    private static final String UNKNOWN_PATH = "/no-such-path";

    @Test
    @Graded(question = "3.b", parts = Part.DOCKERFILE)
    void imageExposesPort8000() {
        ContainerConfig config = inspectApiImage().getConfig();

        assertThat(config.getExposedPorts())
                .as(say("ExposedPorts of %s: the Dockerfile needs `EXPOSE 8000`"), ApiImage.NAME)
                .isNotNull()
                .contains(ExposedPort.tcp(8000));
    }

    @Test
    @Graded(question = "3.b", parts = Part.DOCKERFILE)
    void imageRunsAsNonRootUser() {
        String user = inspectApiImage().getConfig().getUser();

        assertThat(user).as(say("User of %s (`docker image inspect --format '{{.Config.User}}'`): the Dockerfile needs"
                + " `USER <name>` after creating that user; empty means root"), ApiImage.NAME)
                .isNotBlank()
                .doesNotMatch("(root|0)(:.*)?");
    }

    @Test
    @Graded(question = "3.b", parts = Part.DOCKERFILE)
    void imageUsesExecFormCommand() {
        ContainerConfig config = inspectApiImage().getConfig();
        List<String> command = startCommand(config);

        assertThat(command)
                .as(say("Entrypoint + Cmd of %s (`docker image inspect --format '{{.Config.Cmd}}'`)"), ApiImage.NAME)
                .isNotEmpty();
        assertThat(command.subList(0, Math.min(2, command.size())))
                .as(say("start of the command %s: shell form (`CMD java ...`) runs /bin/sh -c, which keeps SIGTERM from"
                        + " the app; write `CMD [\"java\", \"-jar\", \"...\"]`"), command)
                .isNotEqualTo(List.of("/bin/sh", "-c"));
        assertThat(String.join(" ", command)).as(say("the command of %s must start the API (`java -jar"
                + " /app/simple-api.jar`), not the base image's own command"), ApiImage.NAME)
                .containsAnyOf(".jar", ApiImage.MAIN_CLASS);
    }

    @Test
    @Graded(question = "3.b", parts = Part.DOCKERFILE)
    void dockerfilePinsItsBaseImage() throws Exception {
        String dockerfile = Files.readString(Submission.file(Part.DOCKERFILE));

        String base = baseImage(dockerfile);

        assertThat(base).as(say("FROM of images/simple-api/Dockerfile (its ARG default when FROM uses ${...})"))
                .matches(".+(:[\\w][\\w.-]*|@sha256:[0-9a-f]{64})")
                .doesNotEndWith(":latest");
    }

    @Test
    @Demonstration(question = "3.c")
    void imageIsListedWithItsTag() {
        ApiImage.build();

        List<Image> listed = Docker.client().listImagesCmd().withImageNameFilter("simple-api").exec();

        assertThat(listed).flatMap(image -> Arrays.asList(image.getRepoTags()))
                .as(say("tags in `docker image ls simple-api`"))
                .contains(ApiImage.NAME);
    }

    @Test
    @Graded(question = "3.c", parts = Part.DOCKERFILE)
    void imageStaysWithinItsSizeBudget() {
        long total = inspectApiImage().getSize();
        long base = Docker.client().inspectImageCmd(ImageCatalog.JAVA_RUNTIME.imageName()).exec().getSize();

        assertThat((total - base) / 1_000_000)
                .as(say("MB added by the Dockerfile to %s (`docker history %s`): copy the jar and its libraries (about"
                        + " %d MB), nothing more"), ImageCatalog.JAVA_RUNTIME.imageName(), ApiImage.NAME,
                        appMegabytes())
                .isGreaterThanOrEqualTo(appMegabytes())
                .isLessThan(ADDED_SIZE_BUDGET_MB);
        assertThat(total / 1_000_000).as(say("size of %s in MB (`docker image ls`)"), ApiImage.NAME)
                .isLessThan(TOTAL_SIZE_BUDGET_MB);
    }

    /** The size of app/ (the jar and its libraries), rounded down: what a Dockerfile that copies them adds at least. */
    private static long appMegabytes() {
        try (var files = Files.walk(ApiImage.buildContext().resolve("app"))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / 1_000_000;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InspectImageResponse inspectApiImage() {
        return Docker.client().inspectImageCmd(ApiImage.build()).exec();
    }

    private static List<String> startCommand(ContainerConfig config) {
        List<String> command = new ArrayList<>();
        if (config.getEntrypoint() != null) {
            command.addAll(Arrays.asList(config.getEntrypoint()));
        }
        if (config.getCmd() != null) {
            command.addAll(Arrays.asList(config.getCmd()));
        }
        return command;
    }

    /** The image named by the first FROM, with an {@code ARG NAME=default} substituted for {@code ${NAME}}. */
    private static String baseImage(String dockerfile) {
        Matcher from = Pattern.compile("(?im)^\\s*FROM\\s+(\\S+)").matcher(dockerfile);
        if (!from.find()) {
            return "";
        }
        String image = from.group(1);
        Matcher variable = Pattern.compile("^\\$\\{?(\\w+)}?$").matcher(image);
        if (variable.matches()) {
            Matcher arg = Pattern.compile("(?im)^\\s*ARG\\s+" + variable.group(1) + "=(\\S+)").matcher(dockerfile);
            return arg.find() ? arg.group(1).replace("\"", "") : "";
        }
        return image;
    }
}
