package dockerlab.stack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dockerlab.config.Lang;
import dockerlab.docker.Docker;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready once {@code GET /health} answers 200 through the published port; gives up at once when the container has
 * stopped (an image whose command ends, an API that crashed), with its exit code and last log lines.
 */
final class ApiAnswers extends AbstractWaitStrategy {

    private final int port;
    private boolean anyAnswer;

    ApiAnswers(int port, Duration atMost) {
        this.port = port;
        withStartupTimeout(atMost);
    }

    /** Ready once {@code GET /health} gets an HTTP answer, whatever its status: the API listens (3.a judges the rest). */
    ApiAnswers anyAnswer() {
        anyAnswer = true;
        return this;
    }

    /** This wait strategy's explanation (Testcontainers wraps it in its own retries). */
    static final class NotReady extends ContainerLaunchException {
        NotReady(String message) {
            super(message);
        }
    }

    @Override
    protected void waitUntilReady() {
        String id = waitStrategyTarget.getContainerId();
        try {
            await("GET /health through the published port").atMost(startupTimeout).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsMatching(e -> !(e instanceof NotReady))
                    .until(() -> {
                        var state = Docker.state(id);
                        if (!Boolean.TRUE.equals(state.getRunning())) {
                            throw new NotReady(Lang.text("message.container-stopped", state.getStatus(),
                                    state.getExitCodeLong()) + "\n" + LabStack.lastLogLines(id, 8));
                        }
                        int status = given().port(waitStrategyTarget.getMappedPort(port)).when().get("/health").statusCode();
                        return anyAnswer || status == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new NotReady(Lang.text("message.no-answer", startupTimeout.toSeconds()) + "\n"
                    + LabStack.lastLogLines(id, 8));
        }
    }
}
