package dockerlab.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A submission is untrusted: before the lab builds or starts anything of it, this refuses what would reach
 * outside the lab (privileged mode, the host's namespaces, added capabilities or devices, host paths outside the
 * submission, the Docker socket, build contexts outside it), naming the file, the line and why.
 */
public final class SubmissionGuard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Prerequisite<JsonNode> COMPOSE_CONFIG = new Prerequisite<>("5.b",
            Lang.text("prerequisite.compose"), SubmissionGuard::composeConfig);

    private SubmissionGuard() {
    }

    /** {@code docker compose config --format json} of the student's compose file, once it passed the checks. */
    public static JsonNode checkedComposeConfig() {
        return COMPOSE_CONFIG.get();
    }

    /** Refuses build steps that ask for more than an ordinary build. */
    public static void checkDockerfile(Path dockerfile) {
        List<String> refusals = new ArrayList<>();
        List<String> lines = readLines(dockerfile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).toLowerCase();
            if (line.contains("--network=host") || line.contains("--network host")) {
                refusals.add(where(dockerfile, i + 1) + "a build step on the host's network");
            }
            if (line.contains("--security=insecure")) {
                refusals.add(where(dockerfile, i + 1) + "an insecure (privileged) build step");
            }
        }
        refuseIf(refusals, dockerfile);
    }

    /** Copies a folder of the submission, refusing links (a link could point anywhere on the grader's machine). */
    static void copyTree(Path from, Path to, String skipFolder) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path relative = from.relativize(source);
                if (skipFolder != null && relative.getNameCount() > 0 && relative.getName(0).toString().equals(skipFolder)) {
                    continue;
                }
                if (Files.isSymbolicLink(source)) {
                    refuseIf(List.of(LabPaths.studentRoot().relativize(source) + ": a symbolic link (to "
                            + Files.readSymbolicLink(source) + "): a link could reach any file of the machine"), source);
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private static JsonNode composeConfig() {
        Path file = LabPaths.composeFile();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(Lang.say("No compose file: %s is missing.", file));
        }
        JsonNode config = parse(file);
        List<String> refusals = new ArrayList<>();
        Path root = LabPaths.studentRoot();
        List<String> lines = readLines(file);
        for (Iterator<Map.Entry<String, JsonNode>> services = config.path("services").fields(); services.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = services.next();
            checkService(entry.getKey(), entry.getValue(), root, file, lines, refusals);
        }
        for (Iterator<Map.Entry<String, JsonNode>> volumes = config.path("volumes").fields(); volumes.hasNext(); ) {
            Map.Entry<String, JsonNode> volume = volumes.next();
            String device = volume.getValue().path("driver_opts").path("device").asText("");
            if (!device.isEmpty() && !inside(root, device)) {
                refusals.add(line(file, lines, device) + "volume `" + volume.getKey() + "` binds the host path " + device
                        + ", outside your submission");
            }
            if (volume.getValue().path("external").asBoolean(false)) {
                refusals.add(line(file, lines, "external") + "volume `" + volume.getKey()
                        + "` is external: the lab only uses volumes of its own project");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> networks = config.path("networks").fields(); networks.hasNext(); ) {
            Map.Entry<String, JsonNode> network = networks.next();
            if (network.getValue().path("external").asBoolean(false)) {
                refusals.add(line(file, lines, "external") + "network `" + network.getKey()
                        + "` is external: the lab only uses networks of its own project");
            }
        }
        refuseIf(refusals, file);
        return config;
    }

    private static void checkService(String name, JsonNode service, Path root, Path file, List<String> lines,
                                     List<String> refusals) {
        String in = " (service `" + name + "`)";
        if (service.path("privileged").asBoolean(false)) {
            refusals.add(line(file, lines, "privileged") + "privileged mode gives the container the host's devices"
                    + " and kernel" + in);
        }
        for (String key : List.of("network_mode", "pid", "ipc", "uts", "userns_mode", "cgroup")) {
            String mode = service.path(key).asText("");
            if (mode.equals("host") || mode.startsWith("container:") || mode.startsWith("service:") && !key.equals("network_mode")) {
                refusals.add(line(file, lines, key) + key + ": " + mode + " shares a namespace outside the lab's"
                        + " own containers" + in);
            }
        }
        for (String key : List.of("cap_add", "devices", "device_cgroup_rules", "security_opt")) {
            if (service.path(key).size() > 0) {
                refusals.add(line(file, lines, key) + key + " gives the container more than Docker's defaults: "
                        + service.path(key) + in);
            }
        }
        for (JsonNode mount : service.path("volumes")) {
            String source = mount.path("source").asText("");
            if (source.contains("docker.sock")) {
                refusals.add(line(file, lines, "docker.sock") + "mounts the Docker socket " + source
                        + ": whoever holds it controls the machine" + in);
            } else if (mount.path("type").asText("").equals("bind") && !inside(root, source)) {
                refusals.add(line(file, lines, Path.of(source).getFileName() == null ? source
                        : Path.of(source).getFileName().toString()) + "mounts the host path " + source
                        + ", outside your submission" + in);
            }
        }
        JsonNode build = service.path("build");
        if (!build.isMissingNode()) {
            String context = build.path("context").asText("");
            if (!context.isEmpty() && !inside(root, context)) {
                refusals.add(line(file, lines, "context") + "builds from " + context + ", outside your submission" + in);
            }
            if (build.path("network").asText("").equals("host") || build.path("privileged").asBoolean(false)) {
                refusals.add(line(file, lines, "build") + "a build on the host's network or privileged" + in);
            }
            for (JsonNode extra : build.path("additional_contexts")) {
                if (!inside(root, extra.asText())) {
                    refusals.add(line(file, lines, "additional_contexts") + "builds with " + extra.asText()
                            + ", outside your submission" + in);
                }
            }
        }
        for (JsonNode envFile : service.path("env_file")) {
            String path = envFile.isTextual() ? envFile.asText() : envFile.path("path").asText("");
            if (!inside(root, path)) {
                refusals.add(line(file, lines, "env_file") + "reads " + path + ", outside your submission" + in);
            }
        }
    }

    private static JsonNode parse(Path file) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", "docker-lab-config", "-f", file.toString(),
                "config", "--format", "json"));
        Map<String, String> env = Map.of(
                "POSTGRES_IMAGE", ImageCatalog.POSTGRES.imageName(),
                "JRE_IMAGE", ImageCatalog.JAVA_RUNTIME.imageName(),
                "DB_HOST_PORT", "5432", "API_HOST_PORT", "8000");
        DockerCli.Result config = DockerCli.run(command, env, file.getParent(), 30);
        if (config.exitCode() != 0) {
            throw new AssertionError(Lang.say("Your compose file is not valid: `docker compose config` says: %s%nFile:"
                    + " %s. Check it with `docker compose config` in exercises/05-compose-stack.",
                    config.stderr().strip().lines().findFirst().orElse("(nothing)"),
                    LabPaths.studentRoot().relativize(file)));
        }
        try {
            return JSON.readTree(config.stdout());
        } catch (IOException e) {
            throw new AssertionError("`docker compose config --format json` gave no JSON: " + e.getMessage(), e);
        }
    }

    private static boolean inside(Path root, String path) {
        if (path.isEmpty()) {
            return true;
        }
        Path resolved = Path.of(path).toAbsolutePath().normalize();
        try {
            resolved = resolved.toRealPath(); // a link inside the folder may lead outside it
        } catch (IOException missing) {
            // not there yet: judged by its name
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            realRoot = root;
        }
        return resolved.startsWith(realRoot);
    }

    private static String line(Path file, List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.strip().startsWith("#") && line.contains(text)) {
                return where(file, i + 1);
            }
        }
        return LabPaths.studentRoot().relativize(file) + ": ";
    }

    private static String where(Path file, int line) {
        return LabPaths.studentRoot().relativize(file) + ":" + line + ": ";
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refuseIf(List<String> refusals, Path file) {
        if (!refusals.isEmpty()) {
            throw new AssertionError(Lang.text("message.refused", LabPaths.studentRoot().relativize(file))
                    + "\n  " + String.join("\n  ", refusals));
        }
    }
}
