package dockerlab.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

/**
 * Runs in a container of the Java runtime, never in the lab's JVM: a Spark API on port 8000 asked {@code /health}
 * and a path it has no route for, then stopped, so that the JVM writes the libraries' classes it loaded into a class
 * data archive ({@code -XX:ArchiveClassesAtExit}). Every API started by 3.a in {@code ./lab watch} then maps them
 * instead of loading them (a third of its start). It uses the JDK and the API's libraries only.
 */
public final class ApiWarmup {

    private ApiWarmup() {
    }

    public static void main(String[] args) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        spark.Spark.port(8000);
        spark.Spark.get("/health", (request, response) -> {
            response.type("application/json");
            return json.writeValueAsString(Map.of("status", "ok"));
        });
        spark.Spark.awaitInitialization();
        for (String path : new String[] {"/health", "/no-such-path"}) {
            try (InputStream in = new URL("http://127.0.0.1:8000" + path).openStream()) {
                in.readAllBytes();
            } catch (IOException notFound) {
                // 404: Spark's own answer, loaded too
            }
        }
        spark.Spark.stop();
        spark.Spark.awaitStop();
        System.exit(0);
    }
}
