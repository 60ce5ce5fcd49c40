package dockerlab.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dockerlab.config.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trust boundary's rules, without Docker: a compose model, a Dockerfile or a folder in; accepted, or refused and why. */
@DisplayName("Submission rules · the allowlists of the compose file and the Dockerfile, and the copy of a submission's files")
class SubmissionRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // `docker compose -p p config --format json` of the teacher's compose file
    private static final String SOLUTION = """
            {"name": "p", "networks": {"default": {"name": "p_default", "ipam": {}}},
             "services": {
              "db": {"command": null, "entrypoint": null, "image": "docker-lab/postgresql:15-debian12",
                     "environment": {"POSTGRES_DB": "demo", "POSTGRES_PASSWORD": "demo", "POSTGRES_USER": "demo"},
                     "healthcheck": {"test": ["CMD", "pg_isready", "-h", "127.0.0.1"], "interval": "500ms",
                                     "timeout": "3s", "retries": 30, "start_period": "30s"},
                     "networks": {"default": null},
                     "ports": [{"mode": "ingress", "target": 5432, "published": "0", "protocol": "tcp"}],
                     "volumes": [{"type": "volume", "source": "db-data", "target": "/var/lib/postgresql/data", "volume": {}}]},
              "api": {"build": {"context": "ROOT/images/simple-api", "dockerfile": "Dockerfile", "args": {"JRE_IMAGE": "x"}},
                      "command": null, "entrypoint": null, "image": "simple-api:lab",
                      "depends_on": {"db": {"condition": "service_healthy", "required": true}},
                      "environment": {"DB_HOST": "db"}, "networks": {"default": null},
                      "ports": [{"mode": "ingress", "target": 8000, "published": "0", "protocol": "tcp"}]}},
             "volumes": {"db-data": {"name": "p_db-data"}}}
            """;

    @TempDir
    static Path root;

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "services.db.restart                   | \"unless-stopped\"                                     | accepted",
            "services.db.healthcheck.test          | [\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER\"]     | accepted",
            "services.db.volumes                   | [{\"type\": \"bind\", \"source\": \"ROOT/exercises/05-compose-stack/init\", \"target\": \"/docker-entrypoint-initdb.d\"}] | accepted",
            "services.db.stop_grace_period         | \"5s\"                                                 | accepted",
            "services.db.image                     | \"postgres:16.15\"                                     | accepted",
            "services.db.privileged                | true                                                  | privileged",
            "services.db.cap_add                   | [\"SYS_ADMIN\"]                                        | cap_add",
            "services.db.devices                   | [\"/dev/mem:/dev/mem\"]                                | devices",
            "services.db.network_mode              | \"host\"                                               | namespace",
            "services.db.pid                       | \"host\"                                               | namespace",
            "services.db.security_opt              | [\"seccomp=unconfined\"]                               | security_opt",
            "services.db.volumes_from              | [\"victim\"]                                           | did not create",
            "services.db.container_name            | \"db\"                                                 | collide",
            "services.db.deploy                    | {\"replicas\": 20}                                     | more containers",
            "services.db.labels                    | {\"org.dockerlab.owner\": \"1-x\"}                     | labels",
            "services.db.secrets                   | [\"token\"]                                            | grader's machine",
            "services.db.image                     | \"docker-lab/openjdk-jre:17-debian12x\"                | PostgreSQL",
            "services.db.build                     | {\"context\": \"ROOT/images/simple-api\"}              | only api is built",
            "services.db.volumes                   | [{\"type\": \"bind\", \"source\": \"/var/run/docker.sock\", \"target\": \"/s\"}] | Docker socket",
            "services.db.volumes                   | [{\"type\": \"bind\", \"source\": \"/tmp/docker-lab-canary\", \"target\": \"/c\"}] | outside your submission",
            "services.db.volumes                   | [{\"type\": \"volume\", \"source\": \"other\", \"target\": \"/c\", \"volume\": {}}] | not declared",
            "services.db.volumes                   | [{\"type\": \"npipe\", \"source\": \"x\", \"target\": \"/c\"}] | mount",
            "services.db.stop_grace_period         | \"10m\"                                                | stop_grace_period",
            "services.db.healthcheck.interval      | \"1h\"                                                 | at most 30s",
            "services.db.healthcheck.retries       | 100000                                                | retries",
            "services.db.healthcheck.start_period  | \"1h\"                                                 | start_period",
            "services.db.ports                     | [{\"target\": 5432, \"published\": \"5432\"}]          | accepted",
            "services.db.networks                  | {\"victim\": null}                                     | default network",
            "services.db.depends_on                | {\"victim\": {\"condition\": \"service_started\"}}     | a service of this stack",
            "services.api.build.secrets            | [{\"source\": \"token\"}]                              | build.secrets",
            "services.api.build.ssh                | [\"default\"]                                          | build.ssh",
            "services.api.build.privileged         | true                                                  | build.privileged",
            "services.api.build.network            | \"host\"                                               | build.network",
            "services.api.build.context            | \"/\"                                                  | outside your submission",
            "services.api.build.dockerfile         | \"/tmp/docker-lab-canary/Dockerfile\"                  | context's Dockerfile",
            "services.api.build.additional_contexts | {\"x\": \"/etc\"}                                     | build.additional_contexts",
            "services.extra                        | {\"image\": \"docker-lab/busybox:1.35-debian12\"}      | two services",
            "secrets                               | {\"token\": {\"file\": \"/tmp/docker-lab-canary/secret\"}} | grader's machine",
            "configs                               | {\"c\": {\"file\": \"/etc/passwd\"}}                   | grader's machine",
            "volumes.db-data                       | {\"driver_opts\": {\"type\": \"none\", \"o\": \"bind\", \"device\": \"/tmp\"}} | no options",
            "volumes.db-data                       | {\"name\": \"someone-elses-volume\"}                   | no options",
            "volumes.db-data                       | {\"external\": true, \"name\": \"p_db-data\"}          | no options",
            "networks.victim                       | {\"name\": \"docker-lab-victim\"}                      | default network",
            "networks.default                      | {\"name\": \"docker-lab-victim\", \"ipam\": {}}        | default network"})
    @DisplayName("the compose allowlist: the keys and values of this lab's stack pass, everything else is refused with a reason")
    void composeModel(String path, String value, String verdict) throws Exception {
        JsonNode config = with(SOLUTION, path, value);

        List<String> refusals = ComposeRules.check(config, "p", root, text -> "compose.yaml:1: ");

        assertVerdict(refusals, verdict, path + " = " + value);
    }

    @Test
    @DisplayName("the teacher's compose model passes as it is")
    void solutionPasses() throws Exception {
        assertThat(ComposeRules.check(JSON.readTree(SOLUTION.replace("ROOT", root.toString())), "p", root, t -> ""))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "'services: {db: {image: x, env_file: [vars.env]}}'                           | accepted",
            "'services: {db: {image: x, env_file: /tmp/docker-lab-canary/secret}}'        | outside your submission",
            "'services: {db: {image: x, env_file: [{path: ../../../../etc/passwd}]}}'     | outside your submission",
            "'services: {db: {extends: {file: /etc/x.yaml, service: db}}}'                | extends",
            "'include: [/tmp/docker-lab-canary/compose.yaml]'                             | include",
            "'secrets: {s: {file: /tmp/docker-lab-canary/secret}}'                        | grader's machine",
            "'services: {api: {build: {context: ., dockerfile: /tmp/docker-lab-canary/Dockerfile}}}' | build.dockerfile",
            "'x-common: &c {restart: always}\nservices: {db: {<<: *c, image: x}}'          | accepted",
            "'- just a list'                                                               | YAML mapping"})
    @DisplayName("the compose file as written: nothing it names outside the submission is read, not even by `docker compose config`")
    void composeAsWritten(String yaml, String verdict) throws Exception {
        Path folder = Files.createDirectories(root.resolve("exercises/05-compose-stack"));

        List<String> refusals = ComposeRules.checkWritten(new YAMLMapper().readTree(yaml.replace("\\n", "\n")), folder,
                root, text -> "");

        assertVerdict(refusals, verdict, yaml);
    }

    @Test
    @DisplayName("the model Compose runs: the lab's image, no build, no project names, free host ports, no route out, the limits, checks at most once a second")
    void runnableModel() throws Exception {
        JsonNode config = JSON.readTree(SOLUTION.replace("ROOT", root.toString()).replace("\"published\": \"0\"", "\"published\": \"8000\""));

        ObjectNode model = ComposeRules.runnable(config, "simple-api:lab-run-1", Map.of("mem_limit", "768m"),
                Map.of("start_period", "120s"));

        assertThat(model.path("services").path("api").has("build")).isFalse();
        assertThat(model.path("services").path("api").path("image").asText()).isEqualTo("simple-api:lab-run-1");
        assertThat(model.path("services").path("db").path("mem_limit").asText()).isEqualTo("768m");
        assertThat(model.path("services").path("db").path("pull_policy").asText()).isEqualTo("never");
        assertThat(model.path("services").path("db").path("healthcheck").path("start_period").asText()).isEqualTo("120s");
        assertThat(model.path("services").path("db").path("healthcheck").path("interval").asText())
                .as("a check every 500ms run once a second").isEqualTo("1s");
        assertThat(ComposeRules.runnable(with(SOLUTION, "services.db.healthcheck.interval", "\"5s\""), "x", Map.of(), Map.of())
                .path("services").path("db").path("healthcheck").path("interval").asText()).as("a longer one as written")
                .isEqualTo("5s");
        assertThat(model.path("volumes").path("db-data").size()).as("a volume named by the project").isZero();
        assertThat(ComposeRules.runnable(with(SOLUTION, "services.db.volumes", "[{\"type\": \"bind\", \"source\":"
                + " \"" + root + "/exercises/05-compose-stack/init\", \"target\": \"/docker-entrypoint-initdb.d\"}]"),
                "x", Map.of(), Map.of()).path("services").path("db").path("volumes").path(0).path("read_only").asBoolean())
                .as("a folder of the submission bound read-only").isTrue();
        assertThat(model.has("name")).isFalse();
        assertThat(model.findValuesAsText("published")).as("the seed's fixed ports (8000:8000) published where Docker picks")
                .containsOnly("0").hasSize(2);
        assertThat(model.path("networks").path("default").path("driver_opts")
                .path("com.docker.network.bridge.enable_ip_masquerade").asText()).isEqualTo("false");
    }

    @Test
    @DisplayName("every volume of the model sized: a named one on its device, an image's uncovered VOLUME in a tmpfs")
    void sizedVolumes() throws Exception {
        JsonNode config = JSON.readTree(SOLUTION.replace("ROOT", root.toString()));
        String db = "docker-lab/postgresql:15-debian12";
        ObjectNode named = JSON.valueToTree(ComposeRules.runnable(config, "simple-api:lab-run-1",
                Map.of("tmpfs", List.of("/tmp:size=64m")), Map.of()));
        ObjectNode anonymous = named.deepCopy();
        ((ObjectNode) anonymous.path("services").path("db")).remove("volumes");

        assertThat(ComposeRules.sizedVolumes(named, Map.of(db, List.of("/var/lib/postgresql/data")), true, "256m"))
                .containsExactly("db-data");
        ComposeRules.sizedVolumes(anonymous, Map.of(db, List.of("/var/lib/postgresql/data")), false, "256m");

        assertThat(named.path("volumes").path("db-data").path("driver_opts").path("device").asText())
                .isEqualTo("${" + ComposeRules.volumeDeviceVariable(0) + "}");
        assertThat(named.path("services").path("db").path("tmpfs").toString()).doesNotContain("postgresql");
        assertThat(anonymous.path("volumes").path("db-data").has("driver_opts")).as("no device: Docker's plain volume")
                .isFalse();
        assertThat(anonymous.path("services").path("db").path("tmpfs").toString())
                .contains("/tmp:size=64m", "/var/lib/postgresql/data:size=256m");
        assertThat(anonymous.path("services").path("api").path("tmpfs").toString()).doesNotContain("postgresql");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "FROM ${JRE_IMAGE}\\nRUN useradd --system --uid 10001 api\\nWORKDIR /app\\nCOPY app/ /app/\\nUSER api\\nCMD [\"java\", \"-jar\", \"/app/simple-api.jar\"] | accepted",
            "FROM eclipse-temurin:17.0.20_8-jre\\nRUN groupadd -r api && useradd -r -g api api\\nCOPY --chown=api app/ /app/ | accepted",
            "ARG JRE_IMAGE=eclipse-temurin:latest\\nFROM $JRE_IMAGE AS base\\nFROM base\\nRUN [\"useradd\", \"api\"]   | accepted",
            "FROM ${JRE_IMAGE}\\nRUN useradd \\\\\\n  --system api                                               | accepted",
            "FROM docker-lab/postgresql:15-debian12\\nCOPY --from=docker-lab/postgresql:15-debian12 /etc/passwd /x | copies from another image",
            "FROM ${JRE_IMAGE}\\nCOPY --from=docker-lab/postgresql:15-debian12 /etc/passwd /x        | copies from another image",
            "FROM ${JRE_IMAGE}\\nONBUILD RUN useradd x                                               | ONBUILD",
            "FROM ${JRE_IMAGE}\\nRUN useradd x; cat /etc/shadow                                       | one command",
            "FROM ${JRE_IMAGE}\\nRUN for i in $(seq 600); do sleep 60 & done                        | one command",
            "FROM ${JRE_IMAGE}\\nRUN sh -c 'sleep 600'                                               | may run",
            "FROM ${JRE_IMAGE}\\nRUN [\"/bin/sh\", \"-c\", \"cat /proc/1/environ\"]                  | may run",
            "FROM ${JRE_IMAGE}\\nRUN --network=host useradd x                                        | no options",
            "FROM ${JRE_IMAGE}\\nRUN --mount=type=ssh useradd x                                      | no options",
            "FROM ${JRE_IMAGE}\\nADD https://example.org/x.jar /app/                                 | network",
            "FROM ${JRE_IMAGE}\\nSHELL [\"/bin/sh\", \"-c\", \"cat /x; \"]                           | SHELL",
            "FROM ${JRE_IMAGE}\\nLABEL org.dockerlab.owner=1-x                                       | labels",
            "# syntax=docker/dockerfile:1\\nFROM ${JRE_IMAGE}                                        | parser directive",
            "FROM scratch                                                                             | Java runtime",
            "FROM --platform=linux/arm64 ${JRE_IMAGE}                                                 | no options",
            "FROM ${JRE_IMAGE}\\nRUN <<EOF\\nuseradd x\\nEOF                                          | here-document"})
    @DisplayName("the Dockerfile allowlist: a Java runtime, files from the context, account commands only")
    void dockerfile(String text, String verdict) {
        List<String> lines = List.of(text.replace("\\n", "\n").split("\n"));

        List<String> refusals = DockerfileRules.check("Dockerfile", lines,
                Set.of("docker-lab/openjdk-jre:17-debian12", "docker-lab/postgresql:15-debian12"));

        assertVerdict(refusals, verdict, text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ADD app/bomb.tar.gz /app/                | archive",
        "ADD app/bomb.gz /app/                    | archive",
        "ADD app/quiet.txt /app/                  | archive",
        "ADD app/*.gz /app/                       | archive",
        "ADD [\"app/bomb.tar.gz\", \"/app/\"]      | archive",
        "ADD --chown=api app/bomb.bz2 /app/       | archive",
        "ADD app/layer.tar /app/                  | archive",
        "ADD app/simple-api.jar /app/             | accepted",
        "ADD app /app                             | accepted",
        "ADD app/lib/ /app/lib/                   | accepted",
        "COPY app/bomb.tar.gz /app/               | accepted",
        "ADD app/missing.gz /app/                 | accepted"})
    @DisplayName("ADD of an archive of the build context (found by its first bytes) is refused: ADD unpacks it; COPY and"
            + " other files pass")
    void addOfAnArchive(String instruction, String verdict, @TempDir Path context) throws IOException {
        Path app = Files.createDirectories(context.resolve("app"));
        Files.createDirectories(app.resolve("lib"));
        try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(app.resolve("bomb.tar.gz")))) {
            gzip.write(new byte[4096]);
        }
        Files.copy(app.resolve("bomb.tar.gz"), app.resolve("bomb.gz"));
        Files.copy(app.resolve("bomb.tar.gz"), app.resolve("quiet.txt")); // a name says nothing
        Files.write(app.resolve("bomb.bz2"), "BZh91AY&SY".getBytes(StandardCharsets.US_ASCII));
        byte[] tar = new byte[1024];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
        Files.write(app.resolve("layer.tar"), tar);
        try (var jar = new java.util.zip.ZipOutputStream(Files.newOutputStream(app.resolve("simple-api.jar")))) {
            jar.putNextEntry(new java.util.zip.ZipEntry("x"));
        }
        Files.write(app.resolve("lib/lib.jar"), new byte[10]);

        List<String> refusals = DockerfileRules.archivesAdded("Dockerfile", List.of("FROM ${JRE_IMAGE}", instruction), context);

        assertVerdict(refusals, verdict, instruction);
    }

    @Test
    @DisplayName("the teacher's Dockerfile passes as it is")
    void teachersDockerfilePasses() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("basedir", "")).toAbsolutePath()
                .resolve(Part.DOCKERFILE.path()));

        assertThat(DockerfileRules.check("Dockerfile", lines, Set.of())).isEmpty();
    }

    @Test
    @DisplayName("the copy of a submission: links, FIFOs, big or non-UTF-8 files are refused, the rest is taken")
    void snapshot(@TempDir Path work) throws Exception {
        Path sub = work.resolve("sub");
        Files.createDirectories(sub.resolve("exercises/05-compose-stack"));
        Files.createDirectories(sub.resolve("images/simple-api"));
        Files.createDirectories(sub.resolve("src/main/java"));
        Files.writeString(sub.resolve("exercises/05-compose-stack/compose.yaml"), "services: {}\n");
        Files.writeString(sub.resolve("exercises/05-compose-stack/.env"), "COMPOSE_FILE=/tmp/x.yaml\n");
        Files.write(sub.resolve(Part.ANSWERS.path()), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28});
        Files.createSymbolicLink(sub.resolve("images/simple-api/Dockerfile"), Path.of("/proc/self/cwd/images/simple-api/Dockerfile"));
        Process fifo = new ProcessBuilder("mkfifo", sub.resolve("src/main/java/Api.java").toString()).start();
        assertThat(fifo.waitFor()).as("mkfifo").isZero();

        Snapshot taken = Snapshot.take(sub, work.resolve("copy"));

        assertThat(taken.refusal(Part.ANSWERS)).get().asString().contains("UTF-8");
        assertThat(taken.refusal(Part.DOCKERFILE)).get().asString().contains("symbolic link");
        assertThat(taken.refusal(Part.API)).get().asString().contains("special file");
        assertThat(taken.refusal(Part.COMPOSE)).isEmpty();
        assertThat(taken.root().resolve("exercises/05-compose-stack/compose.yaml")).hasContent("services: {}");
        assertThat(taken.root().resolve("exercises/05-compose-stack/.env")).as(".env is left out").doesNotExist();
        assertThat(taken.root().resolve("images/simple-api")).as("a refused part is left out whole").doesNotExist();

        Files.delete(sub.resolve(Part.ANSWERS.path()));
        Files.write(sub.resolve(Part.ANSWERS.path()), new byte[(int) Snapshot.MAX_ANSWERS_BYTES + 1]);
        assertThat(Snapshot.take(sub, work.resolve("copy")).refusal(Part.ANSWERS)).get().asString().contains("larger than");
        Files.writeString(sub.resolve(Part.ANSWERS.path()), "## 1.a\nlinux\n", StandardCharsets.UTF_8);
        assertThat(Snapshot.take(sub, work.resolve("copy")).refusal(Part.ANSWERS)).isEmpty();
    }

    /** "accepted": no refusal; otherwise a refusal that says the verdict's words. */
    private static void assertVerdict(List<String> refusals, String verdict, String input) {
        if (verdict.equals("accepted")) {
            assertThat(refusals).as("refusals of %s", input).isEmpty();
        } else {
            assertThat(refusals).as("refusals of %s", input).anyMatch(r -> r.contains(verdict));
        }
    }

    /** The model with one value set at a dotted path (objects created on the way); ROOT is the submission's folder. */
    private static JsonNode with(String model, String path, String value) throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree(model.replace("ROOT", root.toString()));
        String[] keys = path.split("\\.");
        ObjectNode node = config;
        for (int i = 0; i < keys.length - 1; i++) {
            node = node.has(keys[i]) ? (ObjectNode) node.get(keys[i]) : node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], JSON.readTree(value.replace("ROOT", root.toString())));
        return config;
    }
}
