package dockerlab.stack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Ports;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.config.Prerequisite;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerCli;
import dockerlab.docker.DockerTime;
import dockerlab.docker.LabLabels;
import dockerlab.docker.Shared;
import dockerlab.submission.ApiImage;
import dockerlab.submission.Submission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.ContainerState;

/**
 * The exercise 5 compose file run with the local {@code docker compose} ({@link ComposeStack}): a project name
 * unique to this run, the catalog's images and free host ports passed as variables.
 */
public final class LabStack {

    public static final String DB = "db";
    public static final String API = "api";
    public static final int DB_PORT = 5432;
    private static final String COMPOSE_SERVICE = "com.docker.compose.service";
    private static final AtomicInteger STACKS = new AtomicInteger();
    // per stack: a stack whose api never answered fails its other questions at once, and no other stack's
    private static final Map<String, String> NOT_ANSWERING = new java.util.concurrent.ConcurrentHashMap<>();
    // the lab's own margin for a first start on a busy machine; 5.c grades the student's healthcheck as written
    private static final String LAB_START_PERIOD = "120s";

    private LabStack() {
    }

    public static Path composeFile() {
        return Submission.file(Part.COMPOSE);
    }

    /**
     * {@code docker compose -p docker-lab-… -f compose.checked-….json [-f extra…]}, not started yet. The student's
     * compose file is checked first (nothing of a refused one runs), and Compose runs the checked model
     * ({@link Submission#runnableComposeFile}): the lab's image and limits, a start window long enough for a busy
     * machine on each healthcheck (a short one is 5.c's failure alone), never the student's file again.
     */
    public static ComposeStack stack(Path... extraFiles) {
        Submission.checkedComposeConfig();
        String image = ApiImage.build(); // the stack runs the image that exercise 3 builds from images/simple-api
        List<Path> files = new ArrayList<>(List.of(Submission.runnableComposeFile(image,
                ContainerLimits.forComposeService(), LAB_START_PERIOD)));
        files.addAll(List.of(extraFiles));
        List<String> volumes = new ArrayList<>();
        Submission.checkedComposeConfig().path("volumes").fieldNames().forEachRemaining(volumes::add);
        return new ComposeStack(LabLabels.composeIdentifier() + STACKS.incrementAndGet(), files, Map.of(), volumes);
    }

    /**
     * The student's stack, shared by exercises 5 and 6: {@code docker compose up -d} by the first class that runs,
     * {@code down -v} when the run ends. A question that takes it down and up again holds {@link #RUNNING_STATE} for
     * writing; every other question that uses it holds it for reading.
     */
    public static final Shared<ComposeStack> RUNNING = Shared.forTheRun("5.c", Lang.text("prerequisite.stack"),
            LabStack::stack, LabStack::up);

    /** The {@code @ResourceLock} of {@link #RUNNING}'s state. */
    public static final String RUNNING_STATE = "the-student-stack";

    /**
     * {@code docker compose up -d}. A stack that does not come up is brought down at once (nothing is left), and the
     * failure names the project and shows the last lines of db's and api's logs.
     */
    public static ComposeStack up(ComposeStack stack) {
        try {
            stack.start();
            return stack;
        } catch (RuntimeException e) {
            Docker.requireStillAnswering("`docker compose up -d`");
            String diagnosis = diagnose(stack);
            try {
                stack.stop();
            } catch (RuntimeException alreadyDown) {
                // nothing more to bring down
            }
            throw new AssertionError(Lang.text("message.compose-up-failed", Part.COMPOSE.path(),
                    Prerequisite.firstLine(e.getMessage())) + "\n" + diagnosis, e);
        }
    }

    /** The real project's name, and the last log lines of its db and api containers, read before `down`. */
    private static String diagnose(ComposeStack stack) {
        List<Container> containers = Docker.client().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> c.getLabels() != null && stack.project().equals(c.getLabels().get(LabLabels.COMPOSE_PROJECT)))
                .toList();
        if (containers.isEmpty()) {
            return Lang.text("message.stack-none");
        }
        String project = stack.project();
        StringBuilder out = new StringBuilder(Lang.text("message.stack-containers", project, project, project));
        for (Container c : containers) {
            out.append("\n  ").append(Lang.text("message.stack-container", c.getLabels().get(COMPOSE_SERVICE), c.getStatus()))
                    .append("\n").append(lastLogLines(c.getId(), 6));
        }
        return out.toString();
    }

    /** The service's container, as {@code docker compose ps SERVICE} finds it. */
    public static ContainerState service(ComposeStack stack, String name) {
        return stack.service(name)
                .orElseThrow(() -> new AssertionError(Lang.say("no container for service `%s` in `docker compose ps`:"
                        + " is it declared under services: in compose.yaml?", name)));
    }

    /** {@code docker compose ps -q SERVICE}, asked now: a recreated service has a new container id. */
    public static String containerId(ComposeStack stack, String service) {
        return Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LabLabels.COMPOSE_PROJECT, stack.project(), COMPOSE_SERVICE, service))
                .exec().stream().map(Container::getId).findFirst()
                .orElseThrow(() -> new AssertionError(Lang.say("no container for service `%s` in `docker compose ps -a`",
                        service)));
    }

    /** {@code docker compose port SERVICE PORT}: the host port published for a container port, or null. */
    public static Integer publishedPort(ComposeStack stack, String service, int containerPort) {
        Ports.Binding[] bindings = Docker.inspect(containerId(stack, service)).getNetworkSettings()
                .getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        return bindings == null || bindings.length == 0 ? null : Integer.valueOf(bindings[0].getHostPortSpec());
    }

    /** {@code docker compose ls}'s NAME of the running stack. */
    public static String projectName(ComposeStack stack) {
        return stack.project();
    }

    /**
     * {@link #awaitDatabase} then {@link #awaitApi}: for a question about the API's use of the database. Without a
     * healthcheck, api may answer /health while PostgreSQL still initialises; such a question then judges what it asks
     * (does the API reach db, keep the data), never how fast PostgreSQL started on a loaded machine (5.c's concern).
     */
    public static int awaitApiAndDatabase(ComposeStack stack) {
        awaitDatabase(stack);
        return awaitApi(stack);
    }

    /**
     * Waits until the API answers GET /health through its published port, and returns that port. Fails at once when
     * a container of the image already failed to answer (4.a), when api publishes no port, or when its container
     * has stopped; after 30 s, once, when it runs but never answers.
     */
    public static int awaitApi(ComposeStack stack) {
        return DockerTime.during(() -> awaitApiNow(stack));
    }

    private static int awaitApiNow(ComposeStack stack) {
        LabContainers.failIfApiKnownNotToAnswer();
        Integer port = publishedPort(stack, API, 8000);
        if (port == null) {
            throw new AssertionError(Lang.say("service api publishes no host port for 8000 (`docker compose port api"
                    + " 8000`): compose.yaml needs `ports:` under api"));
        }
        String id = containerId(stack, API);
        String notAnswering = NOT_ANSWERING.get(stack.project());
        if (notAnswering != null) {
            throw new Prerequisite.PrerequisiteFailed(Lang.say("Needs an api service that answers GET /health, which"
                    + " failed earlier in this run: %s", notAnswering));
        }
        try {
            await("GET /health through the api's published port " + port)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    // a refused connection is ignored, not a stopped container: that fails at once
                    .ignoreExceptionsMatching(e -> !(e instanceof AssertionError))
                    .until(() -> {
                        stillRunning(id, API, true); // an api that Docker restarts may answer within the wait
                        return given().port(port).when().get("/health").statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            stillRunning(id, API);
            String said = Lang.say("api did not answer GET /health on localhost:%d within 30 s.", port);
            NOT_ANSWERING.put(stack.project(), said);
            throw new AssertionError(said + " " + Lang.say("Look with: `docker compose logs api`,"
                    + " `docker compose ps`."), e);
        }
        return port;
    }

    /**
     * Waits (60 s at most) until the service's healthcheck passes and returns its health status as Docker says it
     * ("healthy"); fails at once when the service has no healthcheck or its container stopped.
     */
    public static String awaitHealthy(ComposeStack stack, String service) {
        return DockerTime.during(() -> awaitHealthyNow(stack, service));
    }

    private static String awaitHealthyNow(ComposeStack stack, String service) {
        String id = containerId(stack, service);
        try {
            await(service + " healthy (`docker compose ps` shows (healthy))").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        stillRunning(id, service);
                        HealthState health = Docker.state(id).getHealth();
                        if (health == null) {
                            throw new AssertionError(Lang.say("%s has no healthcheck (`docker inspect --format"
                                    + " '{{json .State.Health}}'` shows nothing): compose.yaml needs `healthcheck:`"
                                    + " under %s", service, service));
                        }
                        return "healthy".equals(health.getStatus());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(Lang.say("%s did not become healthy within 60 s; its last checks: %s. Look with"
                    + " `docker compose ps` and `docker inspect --format '{{json .State.Health}}' <container>`.", service,
                    Docker.state(id).getHealth().getLog().stream().map(HealthStateLog::getOutput)
                            .map(o -> o == null ? "" : o.strip()).toList()), e);
        }
        return Docker.state(id).getHealth().getStatus();
    }

    /**
     * Waits (60 s at most) until db's PostgreSQL accepts connections over TCP ({@code pg_isready -h 127.0.0.1} in its
     * container): during a first start the image runs a socket-only server for initdb, then the real one.
     */
    public static void awaitDatabase(ComposeStack stack) {
        DockerTime.during(() -> awaitDatabaseNow(stack));
    }

    private static void awaitDatabaseNow(ComposeStack stack) {
        String id = containerId(stack, DB);
        List<String> probe = List.of("docker", "exec", id, "pg_isready", "-q", "-h", "127.0.0.1", "-p", String.valueOf(DB_PORT));
        try {
            await("db accepts connections (`docker compose exec db pg_isready -h 127.0.0.1`)")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        stillRunning(id, DB);
                        return DockerCli.run(probe, Map.of(), null, 10).exitCode() == 0;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(Lang.say("db's PostgreSQL did not accept connections within 60 s (`docker compose"
                    + " exec db pg_isready -h 127.0.0.1`); its last log lines:") + "\n" + lastLogLines(id, 8), e);
        }
    }

    private static void stillRunning(String id, String service) {
        stillRunning(id, service, false);
    }

    /** Fails when the service's container is not running; one that Docker restarts (`restart:`) too unless allowed. */
    private static void stillRunning(String id, String service, boolean restartingAllowed) {
        var state = Docker.state(id);
        if (!Boolean.TRUE.equals(state.getRunning()) && !(restartingAllowed && Boolean.TRUE.equals(state.getRestarting()))) {
            throw new AssertionError(Lang.text("message.service-not-running", service, state.getStatus(),
                    state.getExitCodeLong(), service) + "\n" + lastLogLines(id, 8));
        }
    }

    /** {@code docker logs --tail N CONTAINER}. */
    public static String lastLogLines(String id, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            Docker.client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append("    ").append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString().stripTrailing();
    }

    /**
     * When the PostgreSQL server of this container last said "ready to accept connections"
     * ({@code docker logs -t}); the official image (and the lab's stand-in) says it once for its init server and
     * once for the real one: the last is when clients can connect. Logs keep it, unlike the healthcheck history.
     */
    public static Instant lastReadyLine(String id) {
        List<Instant> ready = new ArrayList<>();
        try {
            Docker.client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            String line = new String(frame.getPayload(), StandardCharsets.UTF_8);
                            if (line.contains("ready to accept connections")) {
                                ready.add(Instant.parse(line.substring(0, line.indexOf(' '))));
                            }
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ready.stream().max(Instant::compareTo).orElseThrow(() -> new AssertionError(
                Lang.say("db never said \"ready to accept connections\" (`docker compose logs db`)")));
    }

    /** Every volume the stack's containers mount, the anonymous ones a compose file without a named volume gets too. */
    public static List<String> volumesOf(ComposeStack stack) {
        return List.of(DB, API).stream()
                .flatMap(service -> Docker.inspect(containerId(stack, service)).getMounts().stream())
                .filter(mount -> mount.getName() != null)
                .map(mount -> mount.getName())
                .toList();
    }

    /** {@code docker volume rm}, for volumes a test left on purpose and that no later {@code down -v} reaches. */
    public static void removeVolumes(List<String> names) {
        for (String name : names) {
            try {
                Docker.client().removeVolumeCmd(name).exec();
            } catch (RuntimeException alreadyGone) {
                // removed by `down -v`, which is the usual case
            }
        }
    }
}
