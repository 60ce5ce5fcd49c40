package dockerlab.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dockerlab.config.ImageCatalog;
import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.config.Prerequisite;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerCli;
import dockerlab.docker.LabLabels;
import dockerlab.docker.LabVolumes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trust boundary: the one way the lab reads, checks and builds a student's files. On first use the student's
 * parts are copied once into a folder of the lab's ({@link Snapshot}: plain files only, bounded); the compose file
 * and the Dockerfile pass their allowlists ({@link ComposeRules}, {@link DockerfileRules}) before anything of them
 * runs; images are built by {@link ApiImage} with the build's limits; the stacks run the checked model. Nothing
 * reads the student's folder after the copy.
 */
public final class Submission {

    /** The variables the lab gives Compose: the catalog's images, and host port 0 (Docker picks a free one). */
    public static final Map<String, String> COMPOSE_VARIABLES = Map.of(
            "POSTGRES_IMAGE", ImageCatalog.POSTGRES.imageName(),
            "JRE_IMAGE", ImageCatalog.JAVA_RUNTIME.imageName(),
            "DB_HOST_PORT", "0",
            "API_HOST_PORT", "0");
    private static final String CONFIG_PROJECT = "docker-lab-config-" + LabLabels.thisRun();
    private static Snapshot snapshot;
    private static final Prerequisite<JsonNode> COMPOSE_CONFIG = new Prerequisite<>("5.b",
            Lang.text("prerequisite.compose"), Submission::checkCompose);
    private static final Prerequisite<List<String>> DOCKERFILE = new Prerequisite<>("3.b",
            Lang.text("prerequisite.image"), Submission::checkDockerfile);

    private Submission() {
    }

    /** The copy of the student's files the lab works on (taken on first use). */
    static synchronized Snapshot snapshot() {
        if (snapshot == null) {
            snapshot = Snapshot.take(LabPaths.studentRoot(), LabPaths.buildFolder().resolve("submission"));
        }
        return snapshot;
    }

    /** The checked copy's path of a part; fails with the refusal when the part was not taken. */
    /** The folder graded when the lab grades a submission (as given, not its snapshot); empty when it grades its own files. */
    public static java.util.Optional<Path> folder() {
        return LabPaths.submission();
    }

    /** The scorecard's line naming the lab files the submission changed (they are not what was graded), or empty. */
    public static String labFilesChanged() {
        return folder().map(s -> LabFiles.summary(LabFiles.differing(LabPaths.project(), s))).orElse("");
    }

    public static Path file(Part part) {
        return fileOf(snapshot(), part);
    }

    /** The part's lines (UTF-8), empty when the file is missing or was refused. */
    public static List<String> linesOrEmpty(Part part) {
        return linesOf(snapshot(), part);
    }

    /** Why the part was refused, if it was (for the scorecard's TODO search and the like). */
    public static java.util.Optional<String> refusal(Part part) {
        return snapshot().refusal(part);
    }

    /** The checked copy of images/simple-api: the Dockerfile's folder, the image's build context. */
    public static Path apiImageFolder() {
        return file(Part.DOCKERFILE).getParent();
    }

    /** The checked copy of the API's sources. */
    static Path apiSources() {
        file(Part.API);
        return snapshot().root().resolve("src/main");
    }

    /** The Dockerfile's lines, once they passed {@link DockerfileRules}. */
    public static List<String> checkedDockerfile() {
        return DOCKERFILE.get();
    }

    /** A path of {@link #checkedComposeConfig()} as the file system names it (Compose writes a folder's {@code $} as {@code $$}). */
    public static String fileSystemPath(String composePath) {
        return ComposeRules.unescaped(composePath);
    }

    /** {@code docker compose config --format json} of the student's compose file, once it passed the allowlist. */
    public static JsonNode checkedComposeConfig() {
        return COMPOSE_CONFIG.get();
    }

    /** The images of the lab's catalog, both sets: a base or a db image may be one of them. */
    static Set<String> labImages() {
        Set<String> images = new java.util.HashSet<>();
        for (ImageCatalog image : ImageCatalog.values()) {
            images.add(image.official());
            images.add(image.offline());
        }
        return images;
    }

    /**
     * The compose model the lab runs: the checked configuration with the lab's image, limits and start window
     * ({@link ComposeRules#runnable}), in this run's build folder. One file per content, written whole before it is
     * named: stacks started side by side never read a file another one is rewriting (a compose process once read it
     * truncated: "empty compose file"), nor one with another stack's start window.
     */
    public static synchronized Path runnableComposeFile(String apiImage, Map<String, Object> limits, String startPeriod) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode runnable = json.valueToTree(
                    ComposeRules.runnable(checkedComposeConfig(), apiImage, limits, Map.of("start_period", startPeriod)));
            ComposeRules.sizedVolumes(runnable, imageVolumes(runnable), LabVolumes.available(), LabVolumes.ANONYMOUS_SIZE);
            String model = json.writerWithDefaultPrettyPrinter().writeValueAsString(runnable);
            Path file = LabPaths.buildFolder().resolve("compose.checked-"
                    + Integer.toHexString(model.hashCode()) + "-" + model.length() + ".json");
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(model)) {
                Files.createDirectories(file.getParent());
                Path partial = Files.createTempFile(file.getParent(), "compose", ".partial");
                Files.writeString(partial, model, StandardCharsets.UTF_8);
                Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folders each service's image declares a VOLUME of ({@code docker image inspect}); none for an image not here. */
    private static Map<String, List<String>> imageVolumes(JsonNode model) {
        Map<String, List<String>> volumes = new java.util.HashMap<>();
        model.path("services").forEach(service -> {
            String image = service.path("image").asText("");
            try {
                Map<String, ?> declared = Docker.client().inspectImageCmd(image).exec().getConfig().getVolumes();
                volumes.put(image, declared == null ? List.of() : List.copyOf(declared.keySet()));
            } catch (RuntimeException notHere) {
                volumes.put(image, List.of()); // Compose says so as it starts (pull_policy: never)
            }
        });
        return volumes;
    }

    private static List<String> checkDockerfile() {
        return checkDockerfile(snapshot());
    }

    private static List<String> checkDockerfile(Snapshot taken) {
        Path dockerfile = fileOf(taken, Part.DOCKERFILE);
        if (!Files.isRegularFile(dockerfile)) {
            throw new AssertionError(Lang.say("No Dockerfile: %s is missing.", Part.DOCKERFILE.path()));
        }
        List<String> lines = linesOf(taken, Part.DOCKERFILE);
        refuseIf(DockerfileRules.check(Part.DOCKERFILE.path(), lines, labImages()), Part.DOCKERFILE);
        refuseIf(DockerfileRules.archivesAdded(Part.DOCKERFILE.path(), lines, dockerfile.getParent()), Part.DOCKERFILE);
        return lines;
    }

    private static JsonNode checkCompose() {
        return checkCompose(snapshot());
    }

    private static JsonNode checkCompose(Snapshot taken) {
        Path file = fileOf(taken, Part.COMPOSE);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(Lang.say("No compose file: %s is missing.", Part.COMPOSE.path()));
        }
        List<String> lines = linesOf(taken, Part.COMPOSE);
        ComposeRules.Lines where = text -> line(lines, text);
        refuseIf(ComposeRules.checkYamlShape(file, Part.COMPOSE.path()), Part.COMPOSE);
        JsonNode written;
        try {
            written = new YAMLMapper().readTree(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(Lang.say("Your compose file is not YAML the lab can read: %s",
                    Prerequisite.firstLine(e.getMessage())));
        }
        Path root = taken.root();
        refuseIf(ComposeRules.checkWritten(written == null ? new ObjectMapper().nullNode() : written, file.getParent(),
                root, where), Part.COMPOSE);
        JsonNode config = composeConfig(file);
        refuseIf(ComposeRules.check(config, CONFIG_PROJECT, root, where), Part.COMPOSE);
        return config;
    }

    /**
     * Every refusal the trust boundary gives a submission before anything of it runs: the copy of its files, the
     * Dockerfile's allowlist, the compose file's (which asks {@code docker compose config}, no engine). For the
     * self-check's unit rows; the lab itself meets the same refusals one question at a time.
     */
    static List<String> refusals(Path submission, Path into) {
        Snapshot taken = Snapshot.take(submission, into);
        List<String> found = new ArrayList<>();
        for (Part part : Part.values()) {
            taken.refusal(part).ifPresent(why -> found.add(Lang.text("message.refused", part.path(), why)));
        }
        for (Runnable check : List.<Runnable>of(() -> checkDockerfile(taken), () -> checkCompose(taken))) {
            try {
                check.run();
            } catch (AssertionError refused) {
                found.add(String.valueOf(refused.getMessage()));
            }
        }
        return found;
    }

    /** The part's path in a snapshot; fails with the refusal when the part was not taken. */
    private static Path fileOf(Snapshot taken, Part part) {
        taken.refusal(part).ifPresent(why -> {
            throw new AssertionError(Lang.text("message.refused", part.path(), why));
        });
        return taken.root().resolve(part.path());
    }

    private static List<String> linesOf(Snapshot taken, Part part) {
        Path file = taken.root().resolve(part.path());
        try {
            return taken.refusal(part).isEmpty() && Files.isRegularFile(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static JsonNode composeConfig(Path file) {
        List<String> command = List.of("docker", "compose", "-p", CONFIG_PROJECT, "--project-directory",
                file.getParent().toString(), "-f", file.toString(), "config", "--format", "json");
        DockerCli.Result config = DockerCli.run(command, COMPOSE_VARIABLES, file.getParent(), 30);
        if (config.exitCode() != 0) {
            dockerlab.docker.Docker.requireStillAnswering("`docker compose config`");
            throw new AssertionError(Lang.say("Your compose file is not valid: `docker compose config` says: %s%nFile:"
                    + " %s. Check it with `docker compose config` in exercises/05-compose-stack.",
                    config.stderr().strip().lines().findFirst().orElse("(nothing)"), Part.COMPOSE.path()));
        }
        try {
            return new ObjectMapper().readTree(config.stdout());
        } catch (IOException e) {
            throw new IllegalStateException("`docker compose config --format json` gave no JSON: " + e.getMessage(), e);
        }
    }

    private static String line(List<String> lines, String text) {
        for (int i = 0; i < lines.size() && !text.isEmpty(); i++) {
            String line = lines.get(i);
            if (!line.strip().startsWith("#") && line.contains(text)) {
                return Part.COMPOSE.path() + ":" + (i + 1) + ": ";
            }
        }
        return Part.COMPOSE.path() + ": ";
    }

    private static void refuseIf(List<String> refusals, Part part) {
        if (!refusals.isEmpty()) {
            List<String> shown = new ArrayList<>(refusals.subList(0, Math.min(10, refusals.size())));
            if (refusals.size() > shown.size()) {
                shown.add("…");
            }
            // the first reason on the first line, which the scorecard shows; the others after it
            throw new AssertionError(Lang.text("message.refused", part.path(), shown.get(0))
                    + (shown.size() > 1 ? "\n  " + String.join("\n  ", shown.subList(1, shown.size())) : ""));
        }
    }
}
