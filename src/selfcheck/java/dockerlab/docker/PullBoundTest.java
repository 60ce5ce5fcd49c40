package dockerlab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * The preflight's pulls hold their bound whatever the registry does. The engine here is a stand-in on a local port
 * (the fault cannot be made on a real one without a registry): image "here:1" is present, every other is missing; a
 * pull of "denied:1" is refused at once; any other pull starts its stream and sends nothing more, as the daemon does
 * when its registry hangs.
 */
@DisplayName("Preflight · missing images are pulled side by side within one bound, and each says why it is missing")
@Timeout(60)
class PullBoundTest {

    private HttpServer engine;
    private DockerClient docker;
    private final AtomicInteger pulls = new AtomicInteger();
    private final CountDownLatch end = new CountDownLatch(1);

    @BeforeEach
    void startEngine() throws IOException {
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.setExecutor(Executors.newCachedThreadPool());
        engine.createContext("/", this::answer);
        engine.start();
        docker = DockerClientProviderStrategy.getClientForConfig(TransportConfig.builder()
                .dockerHost(URI.create("tcp://127.0.0.1:" + engine.getAddress().getPort())).build());
    }

    @AfterEach
    void stopEngine() {
        end.countDown();
        engine.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/images/create")) {
            pulls.incrementAndGet();
            if (exchange.getRequestURI().getQuery().contains("denied")) {
                reply(exchange, 404, "{\"message\":\"pull access denied for denied, repository does not exist\"}");
                return;
            }
            // as the daemon does when its registry hangs: the stream starts, then nothing comes (closing such a stream
            // waits for its end: a pull's own timeout once waited 410 s so)
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"status\":\"Pulling from library/a\"}\n".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        } else if (path.endsWith("/here:1/json")) {
            reply(exchange, 200, "{\"Id\":\"sha256:1\"}");
        } else {
            reply(exchange, 404, "{\"message\":\"No such image\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    @DisplayName("three pulls a registry never answers end together at the bound (2 s), not one after the other (6 s)")
    void hangingPullsShareOneBound() {
        long started = System.nanoTime();
        Map<String, String> missing = DockerPreflight.ensurePresent(docker, List.of("a:1", "here:1", "b:1", "c:1"), false, 2);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(missing).as("the images neither here nor pulled, with their reasons").containsOnlyKeys("a:1", "b:1", "c:1")
                .allSatisfy((image, reason) -> assertThat(reason).isEqualTo("pull did not finish in 2 s"));
        assertThat(pulls.get()).as("pulls sent to the engine").isEqualTo(3);
        assertThat(seconds).as("seconds the preflight waited for three hanging pulls bounded at 2 s").isBetween(1.9, 4.5);
    }

    @Test
    @DisplayName("a pull the registry refuses says the registry's reason at once")
    void refusedPullSaysWhy() {
        long started = System.nanoTime();
        Map<String, String> missing = DockerPreflight.ensurePresent(docker, List.of("denied:1", "here:1"), false, 30);

        assertThat(missing).containsOnlyKeys("denied:1");
        assertThat(missing.get("denied:1")).isEqualTo("cannot be pulled: pull access denied for denied, repository does not exist");
        assertThat((System.nanoTime() - started) / 1e9).as("seconds to the refusal (bound 30 s)").isLessThan(20);
    }

    @Test
    @DisplayName("offline, a missing image is one to build: nothing is pulled")
    void offlineMissingImageIsNotPulled() {
        Map<String, String> missing = DockerPreflight.ensurePresent(docker, List.of("a:1", "here:1"), true, 2);

        assertThat(missing).containsOnlyKeys("a:1");
        assertThat(pulls.get()).as("pulls sent to the engine offline").isZero();
    }
}
