package dockerlab.stack;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Volume;
import dockerlab.config.ImageCatalog;
import dockerlab.config.Lang;
import dockerlab.config.Prerequisite;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.DockerCli;
import dockerlab.docker.DockerTime;
import dockerlab.docker.HostPorts;
import dockerlab.docker.LabLabels;
import dockerlab.docker.Shared;
import dockerlab.submission.ApiImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.WaitingConsumer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;

/** Containers the exercises start, already labelled as the lab's. */
public final class LabContainers {

    private LabContainers() {
    }

    /** {@code docker run <shell image> CMD...}: runs the command to completion; logs stay readable. */
    public static GenericContainer<?> shellCommand(String... command) {
        return new GenericContainer<>(ImageCatalog.SHELL.dockerImageName())
                .withLabels(LabLabels.ownedByThisRun())
                .withCommand(command)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)));
    }

    /** {@code docker run -d <shell image> sleep ...}: a shell container that keeps running, for exec. */
    public static GenericContainer<?> idleShell() {
        return new GenericContainer<>(ImageCatalog.SHELL.dockerImageName())
                .withLabels(LabLabels.ownedByThisRun())
                .withCommand("sleep", "600");
    }

    /** The API's container port, as the lab asks for it. */
    public static final int API_PORT = 8000;

    /**
     * {@code docker run -d -p 8000 --memory … simple-api:lab}: ready once {@code GET /health} answers 200 through the
     * published port; for a question that changes its container (stops it). Once the run's API container has failed to
     * answer, the others fail at once.
     */
    public static GenericContainer<?> api() {
        runningApi(); // a container of the image answers (or this run knows why not)
        return apiContainer();
    }

    private static GenericContainer<?> apiContainer() {
        return ContainerLimits.applyTo(new GenericContainer<>(ApiImage.build())
                .withLabels(LabLabels.ownedByThisRun())
                .withExposedPorts(API_PORT)
                .waitingFor(new ApiAnswers(API_PORT, Duration.ofSeconds(30))));
    }

    private static final String API_READY = Lang.say("GET /health to answer 200 through the published port of a container of"
            + " simple-api:lab: the image must start the API, which must listen on 0.0.0.0:8000");

    // like `docker run -d -p 8000:8000 simple-api:lab`, with a host port that is free on this machine
    private static final int RUNNING_API_HOST_PORT = HostPorts.free();

    private static final Prerequisite<GenericContainer<?>> RUNNING_API = new Prerequisite<>("4.a",
            Lang.text("prerequisite.api-answers"), () -> {
                GenericContainer<?> api = apiContainer().withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(PortBinding.parse(RUNNING_API_HOST_PORT + ":" + API_PORT)));
                Shared.stopAtEndOfRun(api); // what failed to start too
                startOrExplain(api, API_READY);
                return api;
            });

    /**
     * The run's one container of the student's image, {@code docker run -d -p <free port>:8000 simple-api:lab},
     * started by the first question that needs it and stopped when the run ends: the questions that only look at a
     * running API (its answers, {@code docker ps}, its logs, {@code docker exec}) share it. Fails (at once, after
     * the first time) when it does not answer GET /health.
     */
    public static GenericContainer<?> runningApi() {
        return DockerTime.during(RUNNING_API::get);
    }

    /** The host port of {@link #runningApi()}'s {@code -p PORT:8000}. */
    public static int runningApiHostPort() {
        return RUNNING_API_HOST_PORT;
    }

    /** Fails (at once, after the first time) unless a container of the student's image answers GET /health. */
    public static void requireApiAnswers() {
        runningApi();
    }

    /** Fails at once when a container of the student's image already failed to answer in this run; starts nothing. */
    public static void failIfApiKnownNotToAnswer() {
        RUNNING_API.failIfFailed();
    }

    /**
     * The student's jar on a plain Java runtime, with none of their Dockerfile: {@code docker run -p 8000 <JRE>
     * java -cp <the API's libraries>:/app/simple-api.jar dockerlab.api.SimpleApi}, the classpath the jar's manifest
     * names. The jar is copied in (never mounted from the host) into a volume, the libraries into another
     * ({@link RuntimeLibraries}, both the JVM's); the container mounts both read-only, on a read-only root (Docker copies
     * into no read-only root). Ready once the API answers HTTP.
     */
    public static GenericContainer<?> jarOnPlainRuntime() {
        RuntimeLibraries libraries = DockerTime.during(RuntimeLibraries::ofThisRun);
        String app = DockerTime.during(() -> libraries.holdingTheJar(ApiImage.buildContext().resolve("app/simple-api.jar")));
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(libraries.archiveOptions());
        command.addAll(List.of("-cp", libraries.classpath() + ":/app/simple-api.jar", ApiImage.MAIN_CLASS));
        return ContainerLimits.applyTo(new GenericContainer<>(ImageCatalog.JAVA_RUNTIME.dockerImageName())
                .withLabels(LabLabels.ownedByThisRun())
                .withCreateContainerCmdModifier(cmd -> cmd.withHostConfig((cmd.getHostConfig() == null
                        ? HostConfig.newHostConfig() : cmd.getHostConfig()).withBinds(
                                new Bind(app, new Volume("/app"), AccessMode.ro),
                                new Bind(libraries.volume(), new Volume(RuntimeLibraries.FOLDER), AccessMode.ro))))
                // a short-lived JVM starts faster with its first compiler only; the API behaves the same
                .withCommand(command.toArray(String[]::new))
                .withExposedPorts(API_PORT)
                .waitingFor(new ApiAnswers(API_PORT, Duration.ofSeconds(30)).anyAnswer()));
    }

    /**
     * {@code docker run}, and when the container never becomes ready, a failure that says what was expected,
     * what was seen, and how to look.
     */
    public static void startOrExplain(GenericContainer<?> container, String expected) {
        try {
            DockerTime.during(container::start);
        } catch (ContainerLaunchException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof ApiAnswers.NotReady)) {
                cause = cause.getCause();
            }
            String seen = String.valueOf(cause.getMessage()).strip();
            if (seen.contains("expected the predicate to return <true>")) {
                // Testcontainers' own check that the container still runs right after `docker start`
                seen = Lang.text("message.container-exited-at-once");
            }
            throw new AssertionError(Lang.text("message.seen", Prerequisite.firstLine(seen)) + "\n"
                    + Lang.text("message.expected", expected) + "\n" + seen + "\n" + Lang.text("message.look-container"), e);
        }
    }


    /** Started once the container has exited, whatever its exit code: for a container that is meant to fail. */
    public static StartupCheckStrategy runsToCompletion(Duration atMost) {
        return new StartupCheckStrategy() {
            @Override
            public StartupStatus checkStartupState(DockerClient docker, String containerId) {
                return Boolean.TRUE.equals(getCurrentState(docker, containerId).getRunning())
                        ? StartupStatus.NOT_YET_KNOWN : StartupStatus.SUCCESSFUL;
            }
        }.withTimeout(atMost);
    }

    /** {@code docker logs -f} until a line matches; false when none did within the bound. */
    public static boolean waitForLine(WaitingConsumer follow, Predicate<String> line, Duration atMost) {
        try {
            follow.waitUntil(frame -> frame.getUtf8String().lines().anyMatch(line), (int) atMost.toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * {@code docker run --entrypoint sleep IMAGE}, then {@code docker exec CONTAINER COMMAND}, bounded: what a
     * healthcheck says when the image's server never started.
     */
    public static DockerCli.Result execWithoutItsServer(String image, Map<String, String> environment, List<String> command) {
        try (GenericContainer<?> idle = ContainerLimits.applyTo(new GenericContainer<>(image)
                .withLabels(LabLabels.ownedByThisRun())
                .withEnv(environment)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep"))
                .withCommand("120")
                .withStartupCheckStrategy(new IsRunningStartupCheckStrategy().withTimeout(Duration.ofSeconds(30))))) {
            DockerTime.during(idle::start);
            List<String> exec = new ArrayList<>(List.of("docker", "exec", idle.getContainerId()));
            exec.addAll(command);
            return DockerCli.run(exec, Map.of(), null, EXEC_BOUND_SECONDS);
        }
    }

    private static final long EXEC_BOUND_SECONDS = 15;

    /** {@code docker exec}, repeated for a few seconds until it succeeds: for a service that is still starting. */
    public static ExecResult retryExec(GenericContainer<?> container, String... command) {
        AtomicReference<ExecResult> last = new AtomicReference<>();
        try {
            await("`docker exec " + String.join(" ", command) + "` succeeds").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(container.execInContainer(command));
                        return last.get().getExitCode() == 0;
                    });
        } catch (ConditionTimeoutException e) {
            // the caller's assertion shows the last output
        }
        return last.get();
    }
}
