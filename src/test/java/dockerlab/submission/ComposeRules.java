package dockerlab.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dockerlab.config.Lang;
import dockerlab.docker.Healthcheck;
import dockerlab.docker.LabFirewall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the exercise 5 compose file may say, as an allowlist: the services db and api, with the keys a solution of
 * this lab needs (image, build, environment, ports, volumes, depends_on, healthcheck, ...), named volumes of the
 * project with no driver options, the default network; bounded durations. Everything else is refused with the line
 * and a reason a student can act on. Two passes: {@link #checkWritten} on the file as written, before Compose reads
 * anything it names (env files, includes, secrets); {@link #check} on {@code docker compose config}'s normalized
 * model. The lab then runs {@link #runnable}: the checked model, never the student's file again.
 */
public final class ComposeRules {

    public static final String DB = "db";
    public static final String API = "api";
    static final Set<String> SERVICES = Set.of(DB, API);
    private static final Set<String> TOP_LEVEL = Set.of("services", "volumes", "networks", "name", "version");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "environment", "env_file", "ports", "expose",
            "volumes", "depends_on", "healthcheck", "restart", "command", "entrypoint", "networks", "stop_grace_period",
            "stop_signal", "user", "working_dir", "init", "tty", "stdin_open", "hostname", "pull_policy");
    private static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile", "args");
    private static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries", "start_period",
            "start_interval", "disable");
    private static final Set<String> RESTART = Set.of("no", "always", "unless-stopped", "on-failure");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
            "service_completed_successfully");
    private static final Set<String> HOST_IPS = Set.of("", "0.0.0.0", "127.0.0.1", "::", "::1");
    static final Duration MAX_STOP_GRACE = Duration.ofSeconds(10);
    static final Duration MAX_HEALTH_INTERVAL = Duration.ofSeconds(30);
    static final Duration MAX_START_PERIOD = Duration.ofSeconds(300);
    static final int MAX_RETRIES = 200;
    /** The shortest healthcheck interval of the stacks the lab runs ({@link #runnable}). */
    static final Duration MIN_RUN_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_VALUE_CHARS = 4096;
    private static final int MAX_ITEMS = 32;

    private ComposeRules() {
    }

    /** Where a refusal points: the file and the first line that mentions a text. */
    public interface Lines {
        String at(String text);
    }

    /**
     * The file as written (YAML read by Jackson), before {@code docker compose config} reads what it names: top-level
     * keys, and the paths of env files and Dockerfiles, which must stay inside the submission.
     */
    private static final int MAX_YAML_DEPTH = 12;

    /**
     * The compose file's YAML shape, read as a stream of tokens (nothing expanded), before any tool builds it: anchors
     * and aliases are refused (nested, a few lines of them make billions of nodes in whatever expands them: "billion
     * laughs"), and so is nesting deeper than the lab's stack needs.
     */
    public static List<String> checkYamlShape(Path file, String shownAs) {
        try (com.fasterxml.jackson.dataformat.yaml.YAMLParser parser = (com.fasterxml.jackson.dataformat.yaml.YAMLParser)
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().createParser(file.toFile())) {
            while (parser.nextToken() != null) {
                String at = shownAs + ":" + parser.currentLocation().getLineNr() + ": ";
                if (parser.isCurrentAlias() || parser.getObjectId() != null) {
                    return List.of(at + Lang.say("YAML anchors and aliases (&name, *name) are not needed here: write each"
                            + " value out"));
                }
                if (parser.getParsingContext().getNestingDepth() > MAX_YAML_DEPTH) {
                    return List.of(at + Lang.say("YAML nested deeper than %d levels: the lab's stack needs far less",
                            MAX_YAML_DEPTH));
                }
            }
            return List.of();
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(); // not YAML: the reading that follows says so
        }
    }

    public static List<String> checkWritten(JsonNode written, Path composeFolder, Path root, Lines lines) {
        List<String> refusals = new ArrayList<>();
        if (!written.isObject()) {
            refusals.add(lines.at("") + Lang.say("the compose file must be a YAML mapping with `services:`"));
            return refusals;
        }
        for (Iterator<String> keys = written.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
                refusals.add(lines.at(key + ":") + topLevelReason(key));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> services = written.path("services").fields(); services.hasNext(); ) {
            Map.Entry<String, JsonNode> service = services.next();
            JsonNode body = service.getValue();
            String in = in(service.getKey());
            if (body.has("extends")) {
                refusals.add(lines.at("extends") + Lang.say("`extends` reads another file: write the service in full")
                        + in);
            }
            JsonNode envFiles = body.path("env_file");
            for (JsonNode envFile : envFiles.isArray() ? envFiles : List.of(envFiles)) {
                String path = envFile.isTextual() ? envFile.asText() : envFile.path("path").asText("");
                if (!envFile.isMissingNode() && !inside(root, composeFolder.resolve(path))) {
                    refusals.add(lines.at("env_file") + Lang.say("env_file %s is outside your submission", path) + in);
                }
            }
            JsonNode dockerfile = body.path("build").path("dockerfile");
            if (dockerfile.isTextual() && !dockerfile.asText().equals("Dockerfile")) {
                refusals.add(lines.at("dockerfile") + Lang.say("build.dockerfile %s: the API's Dockerfile is"
                        + " images/simple-api/Dockerfile (leave `dockerfile:` out)", dockerfile.asText()) + in);
            }
        }
        return refusals;
    }

    private static String topLevelReason(String key) {
        return switch (key) {
            case "secrets", "configs" -> Lang.say("top-level `%s` reads files of the grader's machine: the lab's stack"
                    + " needs none (write values under `environment:`)", key);
            case "include" -> Lang.say("`include` reads other compose files: write the stack in this file");
            default -> Lang.say("top-level `%s` is not a key this exercise needs (services, volumes, networks)", key);
        };
    }

    /**
     * {@code docker compose config --format json} of the file, computed under the project name {@code project}: the
     * refusals, empty when the lab may run it.
     */
    public static List<String> check(JsonNode config, String project, Path root, Lines lines) {
        List<String> refusals = new ArrayList<>();
        JsonNode services = config.path("services");
        for (Iterator<String> keys = config.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
                refusals.add(lines.at(key + ":") + topLevelReason(key));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            if (!SERVICES.contains(service.getKey())) {
                refusals.add(lines.at(service.getKey() + ":") + Lang.say("service `%s`: the lab's stack has two"
                        + " services, db and api", service.getKey()));
                continue;
            }
            checkService(service.getKey(), service.getValue(), config, root, lines, refusals);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("volumes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> volume = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = volume.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                boolean ownName = key.getKey().equals("name") && key.getValue().asText().equals(project + "_" + volume.getKey());
                if (!ownName) {
                    refusals.add(lines.at(key.getKey()) + Lang.say("volume `%s`: `%s` is not for this lab: a named"
                            + " volume is declared with no options (`%s: {}`), and belongs to the stack alone",
                            volume.getKey(), key.getKey(), volume.getKey()));
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("networks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> network = it.next();
            boolean plainDefault = network.getKey().equals("default") && network.getValue().path("name").asText("")
                    .equals(project + "_default") && network.getValue().size() <= 2
                    && network.getValue().path("ipam").isObject() == network.getValue().has("ipam")
                    && network.getValue().path("ipam").size() == 0;
            if (!plainDefault) {
                refusals.add(lines.at(network.getKey()) + Lang.say("network `%s`: the lab's stack uses Compose's"
                        + " default network only (leave `networks:` out)", network.getKey()));
            }
        }
        return refusals;
    }

    private static void checkService(String name, JsonNode service, JsonNode config, Path root, Lines lines,
                                     List<String> refusals) {
        String in = in(name);
        for (Iterator<Map.Entry<String, JsonNode>> keys = service.fields(); keys.hasNext(); ) {
            Map.Entry<String, JsonNode> key = keys.next();
            if (!SERVICE_KEYS.contains(key.getKey()) && !key.getValue().isNull()) {
                refusals.add(lines.at(key.getKey()) + serviceKeyReason(key.getKey()) + in);
            }
        }
        String image = service.path("image").asText("");
        JsonNode build = service.path("build");
        if (!build.isMissingNode()) {
            if (!name.equals(API)) {
                refusals.add(lines.at("build") + Lang.say("only api is built; %s runs an image as it is", name) + in);
            }
            build.fieldNames().forEachRemaining(key -> {
                if (!BUILD_KEYS.contains(key)) {
                    refusals.add(lines.at(key) + Lang.say("build.%s is not needed here (context, dockerfile and args"
                            + " are)", key) + in);
                }
            });
            String context = build.path("context").asText("");
            if (!inside(root, Path.of(context.isEmpty() ? "/" : unescaped(context)))) {
                refusals.add(lines.at("context") + Lang.say("builds from %s, outside your submission", context) + in);
            }
            if (!build.path("dockerfile").asText("Dockerfile").equals("Dockerfile")) {
                refusals.add(lines.at("dockerfile") + Lang.say("build.dockerfile must be the context's Dockerfile")
                        + in);
            }
        } else if (name.equals(DB) && !image.isEmpty() && !postgres(image)) {
            refusals.add(lines.at(image) + Lang.say("db's image %s: db runs PostgreSQL (${POSTGRES_IMAGE}, or postgres:"
                    + "<version>)", image) + in);
        }
        for (String list : List.of("ports", "volumes", "expose", "command", "entrypoint")) {
            if (service.path(list).size() > MAX_ITEMS) {
                refusals.add(lines.at(list) + Lang.say("more than %d entries under %s", MAX_ITEMS, list) + in);
            }
        }
        service.path("environment").fields().forEachRemaining(variable -> {
            if (variable.getValue().asText("").length() > MAX_VALUE_CHARS) {
                refusals.add(lines.at(variable.getKey()) + Lang.say("the value of %s is longer than %d characters",
                        variable.getKey(), MAX_VALUE_CHARS) + in);
            }
        });
        for (JsonNode port : service.path("ports")) {
            // a fixed host port ("8000:8000", as the original lab writes it) is fine: the lab publishes where it
            // needs (runnable() asks Docker for a free port), so runs side by side never collide
            if (!HOST_IPS.contains(port.path("host_ip").asText(""))) {
                refusals.add(lines.at(port.path("host_ip").asText()) + Lang.say("publishes on the address %s",
                        port.path("host_ip").asText()) + in);
            }
        }
        for (JsonNode mount : service.path("volumes")) {
            checkMount(mount, config, root, lines, refusals, in);
        }
        service.path("depends_on").fields().forEachRemaining(dependency -> {
            if (!SERVICES.contains(dependency.getKey())
                    || !CONDITIONS.contains(dependency.getValue().path("condition").asText("service_started"))) {
                refusals.add(lines.at(dependency.getKey()) + Lang.say("depends_on %s: a service of this stack, with a"
                        + " condition of Compose's (service_healthy...)", dependency.getKey()) + in);
            }
        });
        JsonNode networks = service.path("networks");
        networks.fieldNames().forEachRemaining(network -> {
            if (!network.equals("default") || !networks.path(network).isNull()) {
                refusals.add(lines.at(network) + Lang.say("network `%s`: the lab's stack uses the default network only",
                        network) + in);
            }
        });
        String restart = service.path("restart").asText("no").replaceFirst(":\\d+$", "");
        if (!RESTART.contains(restart)) {
            refusals.add(lines.at("restart") + Lang.say("restart: %s is not a restart policy", restart) + in);
        }
        if (duration(service, "stop_grace_period").compareTo(MAX_STOP_GRACE) > 0) {
            refusals.add(lines.at("stop_grace_period") + Lang.say("stop_grace_period %s: at most 10s (docker stop's"
                    + " own default)", service.path("stop_grace_period").asText()) + in);
        }
        JsonNode health = service.path("healthcheck");
        health.fieldNames().forEachRemaining(key -> {
            if (!HEALTHCHECK_KEYS.contains(key)) {
                refusals.add(lines.at(key) + Lang.say("healthcheck.%s is not needed here", key) + in);
            }
        });
        for (String key : List.of("interval", "timeout", "start_interval")) {
            if (duration(health, key).compareTo(MAX_HEALTH_INTERVAL) > 0) {
                refusals.add(lines.at(key) + Lang.say("healthcheck %s %s: at most 30s, or the lab waits for nothing",
                        key, health.path(key).asText()) + in);
            }
        }
        if (duration(health, "start_period").compareTo(MAX_START_PERIOD) > 0) {
            refusals.add(lines.at("start_period") + Lang.say("healthcheck start_period %s: at most 5m",
                    health.path("start_period").asText()) + in);
        }
        if (health.path("retries").asLong(0) > MAX_RETRIES) {
            refusals.add(lines.at("retries") + Lang.say("healthcheck retries %s: at most %d",
                    health.path("retries").asText(), MAX_RETRIES) + in);
        }
    }

    private static void checkMount(JsonNode mount, JsonNode config, Path root, Lines lines, List<String> refusals,
                                   String in) {
        String type = mount.path("type").asText("");
        String source = mount.path("source").asText("");
        String target = mount.path("target").asText("");
        switch (type) {
            case "volume" -> {
                if (!source.isEmpty() && !config.path("volumes").has(source)) {
                    refusals.add(lines.at(source) + Lang.say("volume %s is not declared under the top-level"
                            + " `volumes:`", source) + in);
                }
                if (mount.path("volume").path("subpath").isTextual()) {
                    refusals.add(lines.at("subpath") + Lang.say("volume subpath is not needed here") + in);
                }
            }
            case "bind" -> {
                if (source.contains("docker.sock")) {
                    refusals.add(lines.at("docker.sock") + Lang.say("mounts the Docker socket %s: whoever holds it"
                            + " controls the machine", source) + in);
                } else if (!inside(root, Path.of(unescaped(source)))) {
                    refusals.add(lines.at(Path.of(source).getFileName() == null ? source
                            : Path.of(source).getFileName().toString()) + Lang.say("mounts the host path %s, outside"
                            + " your submission", source) + in);
                }
                if (mount.path("bind").path("propagation").isTextual()) {
                    refusals.add(lines.at("propagation") + Lang.say("bind propagation is not needed here") + in);
                }
            }
            case "tmpfs" -> {
                // memory of the container's own, under its memory limit
            }
            default -> refusals.add(lines.at(target) + Lang.say("a %s mount: the lab allows named volumes and folders"
                    + " of your submission", type) + in);
        }
    }

    private static String serviceKeyReason(String key) {
        return switch (key) {
            case "privileged" -> Lang.say("privileged mode gives the container the host's devices and kernel");
            case "network_mode", "pid", "ipc", "uts", "userns_mode", "cgroup" ->
                    Lang.say("%s shares a namespace outside the lab's own containers", key);
            case "cap_add", "devices", "device_cgroup_rules", "security_opt", "sysctls", "ulimits" ->
                    Lang.say("%s gives the container more than Docker's defaults", key);
            case "volumes_from", "links", "external_links" ->
                    Lang.say("%s reaches containers the lab did not create", key);
            case "container_name" -> Lang.say("container_name is fixed: two runs, or two students, would collide");
            case "deploy", "scale" -> Lang.say("%s starts more containers than one per service", key);
            case "labels" -> Lang.say("labels: the lab labels what it runs");
            case "secrets", "configs" -> Lang.say("%s reads files of the grader's machine", key);
            default -> Lang.say("`%s` is not a key this exercise needs (image, build, environment, ports, volumes,"
                    + " depends_on, healthcheck...)", key);
        };
    }

    /**
     * The model the lab runs: the checked one, api's image the one the lab built (so Compose builds and names
     * nothing), no name of the student's project, the stack's network without a route out (no masquerading: the host's
     * published ports still reach it), every port published on a host port Docker picks, every service capped by
     * {@code limits}, healthchecks at most once a second ({@link #MIN_RUN_INTERVAL}).
     */
    public static ObjectNode runnable(JsonNode config, String apiImage, Map<String, Object> limits,
                                      Map<String, String> overrides) {
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        ObjectNode services = model.putObject("services");
        config.path("services").fields().forEachRemaining(entry -> {
            ObjectNode service = entry.getValue().deepCopy();
            service.remove("build");
            service.remove("env_file"); // Compose merged it into environment
            if (entry.getKey().equals(API)) {
                service.put("image", apiImage);
            }
            service.put("pull_policy", "never");
            for (JsonNode mount : service.path("volumes")) { // a folder of the submission: read, never filled
                if (mount instanceof ObjectNode bind && "bind".equals(bind.path("type").asText())) {
                    bind.put("read_only", true);
                }
            }
            for (JsonNode port : service.path("ports")) { // Docker picks a free host port as it publishes
                if (port instanceof ObjectNode published && port.has("target")) {
                    published.put("published", "0");
                }
            }
            ObjectNode environment = service.has("environment") && service.get("environment").isObject()
                    ? (ObjectNode) service.get("environment") : service.putObject("environment");
            limits.forEach((key, value) -> {
                if (value instanceof Map<?, ?> map && key.equals("environment")) {
                    map.forEach((k, v) -> environment.put(String.valueOf(k), String.valueOf(v)));
                } else {
                    service.putPOJO(key, value);
                }
            });
            if (service.get("healthcheck") instanceof ObjectNode health) {
                if (overrides.containsKey("start_period")) {
                    health.put("start_period", overrides.get("start_period"));
                }
                // each check is an exec: every half second, a tenth of a core for as long as the stack runs. 5.c grades
                // the interval as written; the lab's stack checks at most once a second (a start waits 0.25 s more)
                Duration interval = duration(health, "interval");
                if (interval.compareTo(Duration.ZERO) > 0 && interval.compareTo(MIN_RUN_INTERVAL) < 0) {
                    health.put("interval", MIN_RUN_INTERVAL.toSeconds() + "s");
                }
            }
            services.set(entry.getKey(), service);
        });
        ObjectNode volumes = model.putObject("volumes");
        config.path("volumes").fieldNames().forEachRemaining(name -> volumes.putObject(name));
        model.putObject("networks").putObject("default").putObject("driver_opts")
                .put("com.docker.network.bridge.enable_ip_masquerade", "false")
                // a bridge of the lab's (dl-…, see LabFirewall): each stack passes its own name in LAB_BRIDGE
                .put("com.docker.network.bridge.name", "${" + LabFirewall.BRIDGE_VARIABLE + "}");
        return model;
    }

    /** The variable that names the device of the model's {@code index}th volume ({@link #sizedVolumes}). */
    public static String volumeDeviceVariable(int index) {
        return "LAB_VOLUME_DEVICE_" + index;
    }

    /**
     * Every volume of the model with a size: a named one on a device of its own ({@code devices}: its file system's
     * size is the bound; each stack passes its devices in {@link #volumeDeviceVariable}s; mounted {@code nobarrier}, as
     * nothing of it must outlive the run, so that PostgreSQL's many fsyncs wait for no disk), and a folder that a service's
     * image declares a VOLUME of but no mount covers (PostgreSQL's data, with no named volume) in a tmpfs of
     * {@code anonymousSize}, charged to the container's memory: as Docker's anonymous volume there, it is new at each
     * {@code up} and not in {@code docker volume ls} under the project. Returns the model's volume names in order.
     */
    public static List<String> sizedVolumes(ObjectNode model, Map<String, List<String>> imageVolumes, boolean devices,
                                            String anonymousSize) {
        List<String> names = new ArrayList<>();
        model.path("volumes").fieldNames().forEachRemaining(names::add);
        if (devices) {
            for (int i = 0; i < names.size(); i++) {
                ((ObjectNode) model.get("volumes")).putObject(names.get(i)).putObject("driver_opts")
                        .put("type", "ext4").put("device", "${" + volumeDeviceVariable(i) + "}")
                        // the data is the run's own, thrown away after it: no flush to the disk is waited for
                        .put("o", "nobarrier");
            }
        }
        model.path("services").fields().forEachRemaining(entry -> {
            ObjectNode service = (ObjectNode) entry.getValue();
            Set<String> covered = new java.util.HashSet<>();
            service.path("volumes").forEach(mount -> covered.add(mount.path("target").asText()));
            JsonNode tmpfs = service.path("tmpfs");
            List<String> tmpfsEntries = new ArrayList<>();
            (tmpfs.isArray() ? tmpfs : JsonNodeFactory.instance.arrayNode().add(tmpfs.asText(""))).forEach(t -> {
                if (!t.asText().isEmpty()) {
                    tmpfsEntries.add(t.asText());
                    covered.add(t.asText().replaceFirst(":.*", ""));
                }
            });
            String image = service.path("image").asText("");
            for (String folder : imageVolumes.getOrDefault(image, List.of())) {
                if (!covered.contains(folder)) {
                    tmpfsEntries.add(folder + ":size=" + anonymousSize);
                }
            }
            if (!tmpfsEntries.isEmpty()) {
                service.set("tmpfs", JsonNodeFactory.instance.arrayNode().addAll(
                        tmpfsEntries.stream().map(JsonNodeFactory.instance::textNode).toList()));
            }
        });
        return names;
    }

    private static Duration duration(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isNumber() ? Duration.ofNanos(value.asLong()) : Healthcheck.duration(value.asText(""), Duration.ZERO);
    }

    private static boolean postgres(String image) {
        String repository = image.replaceFirst("@.*", "").replaceFirst(":[^:/]*$", "");
        return Set.of("postgres", "library/postgres", "docker.io/library/postgres").contains(repository)
                || Submission.labImages().contains(image);
    }

    /**
     * A path as the file system names it: {@code docker compose config} writes a {@code $} of a folder's name as
     * {@code $$} (Compose's escape, so that its model reads back the same), "/tmp/a$$b" for the folder "/tmp/a$b".
     */
    static String unescaped(String composePath) {
        return composePath.replace("$$", "$");
    }

    /** True when the path, its links resolved as far as they exist, stays inside the submission's folder. */
    static boolean inside(Path root, Path path) {
        Path resolved = path.toAbsolutePath().normalize();
        try {
            resolved = resolved.toRealPath();
        } catch (java.io.IOException missing) {
            // not there yet: judged by its name (the snapshot holds no links)
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (java.io.IOException e) {
            realRoot = root.toAbsolutePath().normalize();
        }
        return resolved.startsWith(realRoot);
    }

    private static String in(String service) {
        return " " + Lang.say("(service `%s`)", service);
    }
}
