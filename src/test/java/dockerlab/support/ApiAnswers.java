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

    @Override
    protected void waitUntilReady() {
        String id = waitStrategyTarget.getContainerId();
        try {
            await("GET /health through the published port").atMost(startupTimeout).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> !(e instanceof ContainerLaunchException))
                    .until(() -> {
                        var state = Docker.state(id);
                        if (!Boolean.TRUE.equals(state.getRunning())) {
                            throw new ContainerLaunchException("the container stopped: " + state.getStatus()
                                    + " (exit code " + state.getExitCodeLong() + "); its last log lines"
                                    + " (`docker logs <container>`):\n" + LabStack.lastLogLines(id, 8));
                        }
                        return given().port(waitStrategyTarget.getMappedPort(port)).when().get("/health").statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException("GET /health did not answer 200 within " + startupTimeout.toSeconds()
                    + " s; the container's last log lines:\n" + LabStack.lastLogLines(id, 8));
        }
    }
}
