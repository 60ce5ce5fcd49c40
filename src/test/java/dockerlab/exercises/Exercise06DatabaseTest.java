package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static dockerlab.stack.LabStack.API;
import static dockerlab.stack.LabStack.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import dockerlab.answers.AnswerSheet;
import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.docker.Docker;
import dockerlab.docker.LabLabels;
import dockerlab.docker.Shared;
import dockerlab.grading.Demonstration;
import dockerlab.grading.Graded;
import dockerlab.stack.ComposeStack;
import dockerlab.stack.LabStack;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.containers.Container.ExecResult;

/** exercises/06-database/README.md */
class Exercise06DatabaseTest {

    // 6.d's two questions take the stack down and up again, one after the other: the questions that read it (exercise
    // 5's too) wait meanwhile
    private static final String STACK_STATE = LabStack.RUNNING_STATE;

    @RegisterExtension
    static final Shared<ComposeStack> STACK = LabStack.RUNNING; // exercise 5's too

    // the same compose file with compose.no-db-port.yaml: no host port for db
    @RegisterExtension
    static final Shared<ComposeStack> NO_DB_PORT = Shared.forDemonstrations("6.c", say("the stack without a published db port"),
            () -> LabStack.stack(LabPaths.project().resolve("exercises/06-database/compose.no-db-port.yaml")), LabStack::up);

    @Test
    @Graded(question = "6.a", parts = Part.COMPOSE)
    @ResourceLock(value = STACK_STATE, mode = ResourceAccessMode.READ)
    void psqlConnectsAsDemo() throws Exception {
        ExecResult psql = psql(STACK.get(), "SELECT current_user || '@' || current_database()");

        assertThat(psql.getExitCode()).as(say("exit code of psql, stderr: %s"), psql.getStderr()).isZero();
        assertThat(psql.getStdout().strip()).as(say("`SELECT current_user, current_database()` in psql"))
                .isEqualTo("demo@demo");
    }

    @Test
    @Demonstration(question = "6.b")
    @ResourceLock(value = STACK_STATE, mode = ResourceAccessMode.READ)
    void sqlRoundTripInPsql() throws Exception {
        ComposeStack stack = STACK.get();
        ExecResult created = psql(stack, "CREATE TABLE psql_cities (id INT PRIMARY KEY, name TEXT NOT NULL);"
                + " INSERT INTO psql_cities VALUES (1, 'Paris'), (2, 'Lyon');");

        ExecResult selected = psql(stack, "SELECT id, name FROM psql_cities ORDER BY id");

        assertThat(created.getExitCode())
                .as(say("CREATE TABLE + INSERT in psql, stderr: %s"), created.getStderr()).isZero();
        assertThat(selected.getStdout().lines().toList())
                .as(say("rows of `SELECT id, name FROM psql_cities` (psql -tA)"))
                .containsExactly("1|Paris", "2|Lyon");
    }

    @Test
    @Graded(question = "6.b", parts = Part.COMPOSE)
    @ResourceLock(value = STACK_STATE, mode = ResourceAccessMode.READ)
    void sqlRoundTripOverThePublishedPort() throws Exception {
        ComposeStack stack = STACK.get();
        Integer port = LabStack.publishedPort(stack, DB, LabStack.DB_PORT);
        assertThat(port)
                .as(say("host port of db (`docker compose port db 5432`): compose.yaml needs `ports:` under db"))
                .isNotNull();
        LabStack.awaitDatabase(stack);

        try (Connection jdbc = connect("jdbc:postgresql://localhost:" + port + "/demo")) {
            jdbc.createStatement().execute("CREATE TABLE jdbc_cities (id INT PRIMARY KEY, name TEXT NOT NULL)");
            jdbc.createStatement().execute("INSERT INTO jdbc_cities VALUES (1, 'Nantes'), (2, 'Lille')");

            List<String> rows = rows(jdbc.createStatement().executeQuery("SELECT id, name FROM jdbc_cities ORDER BY id"));

            assertThat(rows)
                    .as(say("rows read over jdbc:postgresql://localhost:%d/demo (`docker compose port db 5432`)"), port)
                    .containsExactly("1|Nantes", "2|Lille");
        }
    }

    @Test
    @Graded(question = "6.c", parts = {Part.COMPOSE, Part.ANSWERS})
    @ResourceLock(value = STACK_STATE, mode = ResourceAccessMode.READ)
    void apiReachesTheDatabaseByServiceName() {
        ComposeStack stack = STACK.get();
        int port = LabStack.awaitApiAndDatabase(stack);

        Response db = given().port(port).when().get("/db");

        assertThat(db.statusCode()).as(say("status of `curl localhost:%d/db`, body: %s (DB_HOST must be db, the service"
                + " name; localhost inside the api container is the api itself)"), port, db.asString()).isEqualTo(200);
        assertThat(db.jsonPath().getString("database")).as(say("database the API reached")).isEqualTo("demo");
        var dbContainer = Docker.inspect(LabStack.containerId(stack, DB));
        String service = dbContainer.getConfig().getLabels().get("com.docker.compose.service");
        int dbPort = dbContainer.getConfig().getExposedPorts()[0].getPort();
        // the student's own commands: their api's host port is theirs, not this run's
        AnswerSheet.check("6.c", say("%s:%d (the service name, and the port db listens on inside its container)", service, dbPort),
                say("`docker compose ps` (SERVICE, PORTS), then `curl localhost:PORT/db` with your api's port"
                        + " (`docker compose port api 8000` prints it)"),
                answer -> AnswerSheet.saysAddress(answer, service, dbPort));
    }

    @Test
    @Demonstration(question = "6.c")
    void apiNeedsNoPublishedDatabasePort() {
        ComposeStack unpublished = NO_DB_PORT.get();
        int port = LabStack.awaitApiAndDatabase(unpublished);

        Response db = given().port(port).when().get("/db");

        assertThat(LabStack.publishedPort(unpublished, DB, LabStack.DB_PORT))
                .as(say("host port of db (`docker compose port db 5432`) with compose.no-db-port.yaml")).isNull();
        assertThat(db.statusCode()).as(say("status of `curl localhost:%d/db` with no published db port, body: %s"),
                port, db.asString()).isEqualTo(200);
    }

    @Test
    @Graded(question = "6.d", parts = Part.COMPOSE)
    @ResourceLock(value = STACK_STATE, mode = ResourceAccessMode.READ_WRITE)
    void dataSurvivesDownAndUp() {
        ComposeStack stack = STACK.get();
        List<String> volumes = LabStack.volumesOf(stack);
        boolean down = false;
        try {
            addNote(LabStack.awaitApiAndDatabase(stack), "kept across down and up");

            stack.down(); // containers and network go, volumes stay
            down = true;
            LabStack.up(stack);
            down = false;

            assertThat(notes(LabStack.awaitApiAndDatabase(stack))).as(say("notes after `docker compose down` and `up -d`"
                    + " (GET /notes; the data must live in a named volume, see `docker volume ls`)"))
                    .contains("kept across down and up");
        } finally {
            upAgainIf(down, stack);
            LabStack.removeVolumes(volumes); // anonymous volumes outlive `down` (a named one in use stays)
        }
    }

    @Test
    @Graded(question = "6.d", parts = {Part.COMPOSE, Part.ANSWERS})
    @ResourceLock(value = STACK_STATE, mode = ResourceAccessMode.READ_WRITE)
    void downWithVolumesDeletesTheData() {
        ComposeStack stack = STACK.get();
        String project = LabStack.projectName(stack);
        boolean down = false;
        try {
            addNote(LabStack.awaitApiAndDatabase(stack), "deleted by down -v");
            Map<String, String> volumesBefore = projectVolumes(project);

            stack.downWithVolumes();
            down = true;

            assertThat(projectVolumes(project)).as(say("volumes of project %s in `docker volume ls` after"
                    + " `docker compose down -v`"), project).isEmpty();
            assertThat(volumesBefore).as(say("volumes of project %s before `down -v` (`docker volume ls`): compose.yaml"
                    + " needs a named volume"), project).isNotEmpty();
            AnswerSheet.check("6.d", "the volume " + String.join(", ", volumesBefore.values()) + " (in `docker volume ls`: "
                    + String.join(", ", volumesBefore.keySet()) + ")", "`docker volume ls` before and after"
                    + " `docker compose down -v`", answer -> volumesBefore.entrySet().stream()
                    .anyMatch(v -> AnswerSheet.saysName(answer, v.getValue()) || AnswerSheet.saysName(answer, v.getKey())));
            LabStack.up(stack);
            down = false;
            assertThat(notes(LabStack.awaitApiAndDatabase(stack))).as(say("notes after `down -v` and `up -d` (GET /notes)"))
                    .doesNotContain("deleted by down -v");
        } finally {
            upAgainIf(down, stack);
        }
    }

    /** The class's other questions need the stack up: a 6.d question that failed half-way brings it back. */
    private static void upAgainIf(boolean down, ComposeStack stack) {
        if (down) {
            try {
                LabStack.up(stack);
            } catch (AssertionError e) {
                // the next question that needs the stack says why
            }
        }
    }

    private static ExecResult psql(ComposeStack stack, String sql) throws Exception {
        LabStack.awaitDatabase(stack);
        return LabStack.service(stack, DB).execInContainer("psql", "-U", "demo", "-d", "demo", "-v", "ON_ERROR_STOP=1",
                "-tA", "-c", sql);
    }

    /**
     * A JDBC connection as demo/demo, tried again (20 s at most) while the published port does not lead to the server
     * yet (Docker Desktop's port forwarding can lag); a refusal by PostgreSQL itself fails at once, with its words.
     */
    private static Connection connect(String url) {
        AtomicReference<SQLException> last = new AtomicReference<>();
        try {
            return await("a JDBC connection to " + url).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        try {
                            return DriverManager.getConnection(url, "demo", "demo");
                        } catch (SQLException e) {
                            last.set(e);
                            if (!String.valueOf(e.getSQLState()).startsWith("08")) { // 08: the connection itself failed
                                throw new AssertionError(Lang.say("%s refused demo/demo: %s (`psql -h localhost -p PORT -U"
                                        + " demo -d demo`)", url, e.getMessage()), e);
                            }
                            return null;
                        }
                    }, java.util.Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(Lang.say("no JDBC connection to %s within 20 s: %s", url, last.get()), e);
        }
    }

    private static List<String> rows(ResultSet result) throws Exception {
        List<String> rows = new ArrayList<>();
        while (result.next()) {
            rows.add(result.getInt(1) + "|" + result.getString(2));
        }
        return rows;
    }

    private static void addNote(int apiPort, String text) {
        Response created = given().port(apiPort).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/notes");

        assertThat(created.statusCode()).as(say("status of POST /notes through the API (`curl -XPOST localhost:%d/notes"
                + " -d '{\"text\":\"...\"}'`), body: %s"), apiPort, created.asString()).isEqualTo(201);
    }

    private static List<String> notes(int apiPort) {
        Response notes = given().port(apiPort).when().get("/notes");

        assertThat(notes.statusCode())
                .as(say("status of `curl localhost:%d/notes`, body: %s"), apiPort, notes.asString())
                .isEqualTo(200);
        return notes.jsonPath().getList("text", String.class);
    }

    /** The project's volumes in `docker volume ls`: its name there, and its name in compose.yaml. */
    private static Map<String, String> projectVolumes(String project) {
        List<InspectVolumeResponse> volumes = Docker.client().listVolumesCmd().exec().getVolumes();
        Map<String, String> named = new java.util.TreeMap<>();
        volumes.stream()
                .filter(v -> v.getLabels() != null && project.equals(v.getLabels().get(LabLabels.COMPOSE_PROJECT)))
                .forEach(v -> named.put(v.getName(), v.getLabels().getOrDefault("com.docker.compose.volume", v.getName())));
        return named;
    }
}
