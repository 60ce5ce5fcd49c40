package dockerlab.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

// BEGIN ENGLISH
/**
 * The lab's mini-API: {@code GET /health}, {@code GET /db}, {@code GET|POST /notes}. Logs one startup line
 * once it listens and one access line per request, the way uvicorn does.
 */
// END ENGLISH
// HANDOUT-fr: /**
// HANDOUT-fr:  * La mini-API du lab : {@code GET /health}, {@code GET /db}, {@code GET|POST /notes}. Écrit une ligne de log au démarrage,
// HANDOUT-fr:  * une fois à l'écoute, puis une ligne par requête, comme le fait uvicorn.
// HANDOUT-fr:  */
public final class SimpleApi {

    private static final Logger LOG = LoggerFactory.getLogger("simple-api");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION_JSON = "application/json";

    private final ApiSettings settings;
    private final Service http;
    private final NotesDatabase database;

    private SimpleApi(ApiSettings settings) {
        this.settings = settings;
        this.database = new NotesDatabase(settings);
        this.http = Service.ignite().ipAddress(settings.host()).port(settings.port());
    }

    public static void main(String[] args) {
        ApiSettings settings = ApiSettings.fromEnvironment(System.getenv());
        SimpleApi api = new SimpleApi(settings);
        api.http.initExceptionHandler(e -> {
            LOG.error("Cannot listen on {}:{}: {}", settings.host(), settings.port(), e.toString());
            System.exit(1);
        });
        // BEGIN ENGLISH
        // docker stop sends SIGTERM: stop Jetty and leave at once
        // END ENGLISH
        // HANDOUT-fr: // docker stop envoie SIGTERM : arrêter Jetty et sortir aussitôt
        Runtime.getRuntime().addShutdownHook(new Thread(api::stop, "shutdown"));
        api.listen();
    }

    // BEGIN ENGLISH
    /** Starts the API and returns once it listens; {@code settings.port() == 0} picks a free port. */
    // END ENGLISH
    // HANDOUT-fr: /** Démarre l'API et rend la main une fois à l'écoute ; {@code settings.port() == 0} choisit un port libre. */
    public static SimpleApi start(ApiSettings settings) {
        SimpleApi api = new SimpleApi(settings);
        api.http.initExceptionHandler(e -> LOG.error("Cannot listen: {}", e.toString()));
        api.listen();
        return api;
    }

    public int port() {
        return http.port();
    }

    public void stop() {
        LOG.info("Shutting down");
        http.stop();
        http.awaitStop();
    }

    private void listen() {
        LOG.info("Started server process [{}]", ProcessHandle.current().pid());
        // HANDOUT: // TODO (3.a): define a GET /health route that answers 200 with the JSON body {"status":"ok"}
        // HANDOUT: //             (GET /db below shows how: a path, then a handler that returns json(res, status, body))
        // HANDOUT-fr: // TODO (3.a) : définir une route GET /health qui répond 200 avec le corps JSON {"status":"ok"}
        // HANDOUT-fr: //             (GET /db, juste en dessous, montre comment : un chemin, puis un handler qui renvoie json(res, code, corps))
        // BEGIN SOLUTION
        http.get("/health", (req, res) -> json(res, 200, Map.of("status", "ok")));
        // END SOLUTION
        http.get("/db", (req, res) -> json(res, 200, database.serverInfo()));
        http.get("/notes", (req, res) -> json(res, 200, database.notes()));
        http.post("/notes", this::addNote);
        http.notFound((req, res) -> json(res, 404, Map.of("error", "not found", "path", req.pathInfo())));
        http.exception(SQLException.class, (e, req, res) -> {
            LOG.warn("Database unavailable: {}", e.getMessage());
            res.body(json(res, 503, Map.of("error", "database unavailable", "detail", String.valueOf(e.getMessage()))));
        });
        http.exception(IllegalArgumentException.class, (e, req, res) ->
                res.body(json(res, 400, Map.of("error", e.getMessage()))));
        http.afterAfter(SimpleApi::logAccess);
        http.awaitInitialization();
        LOG.info("Application startup complete.");
        LOG.info("API running on http://{}:{} (Press CTRL+C to quit)", settings.host(), http.port());
    }

    private Object addNote(Request req, Response res) throws Exception {
        JsonNode text = req.body().isBlank() ? null : JSON.readTree(req.body()).get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new IllegalArgumentException("expected a JSON body like {\"text\": \"...\"}");
        }
        return json(res, 201, database.addNote(text.asText()));
    }

    private static String json(Response res, int status, Object body) {
        res.status(status);
        res.type(APPLICATION_JSON);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void logAccess(Request req, Response res) {
        LOG.info("{}:{} - \"{} {} {}\" {}", req.ip(), req.raw().getRemotePort(), req.requestMethod(),
                req.pathInfo(), req.protocol(), res.raw().getStatus());
    }
}
