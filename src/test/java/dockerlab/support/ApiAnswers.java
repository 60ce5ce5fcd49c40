package dockerlab.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

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

    ApiAnswers(int port, Duration atMost) {
        this.port = port;
        withStartupTimeout(atMost);
    }

    /** True for the explanations this wait strategy gives (Testcontainers wraps them in its own retries). */
    static boolean isOwnMessage(String message) {
        return message != null && (message.startsWith(STOPPED) || message.startsWith(NO_ANSWER));
    }

    private static final String STOPPED = "the container stopped: ";
    private static final String NO_ANSWER = "GET /health did not answer 200 within ";

    @Override
    protected void waitUntilReady() {
        String id = waitStrategyTarget.getContainerId();
        try {
            await("GET /health through the published port").atMost(startupTimeout).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> !(e instanceof ContainerLaunchException))
                    .until(() -> {
                        var state = Docker.state(id);
                        if (!Boolean.TRUE.equals(state.getRunning())) {
                            throw new ContainerLaunchException(STOPPED + state.getStatus()
                                    + " (exit code " + state.getExitCodeLong() + "); its last log lines"
                                    + " (`docker logs <container>`):\n" + LabStack.lastLogLines(id, 8));
                        }
                        return given().port(waitStrategyTarget.getMappedPort(port)).when().get("/health").statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException(NO_ANSWER + startupTimeout.toSeconds()
                    + " s; the container's last log lines:\n" + LabStack.lastLogLines(id, 8));
        }
    }
}
