package dockerlab.exercises;

import static dockerlab.config.Lang.say;
import static org.assertj.core.api.Assertions.assertThat;

import dockerlab.config.ImageCatalog;
import dockerlab.docker.LabLabels;
import dockerlab.grading.Demonstration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** exercises/06-database/README.md, "The same with Testcontainers' PostgreSQLContainer" */
@Testcontainers
class Exercise06PostgresContainerTest {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(ImageCatalog.POSTGRES.dockerImageName())
            .withDatabaseName("demo")
            .withUsername("demo")
            .withPassword("demo")
            .withLabels(LabLabels.ownedByThisRun());

    @Test
    @Demonstration(question = "6.a")
    void postgresContainerConnectsAsDemo() throws Exception {
        ExecResult psql = POSTGRES.execInContainer("psql", "-U", "demo", "-d", "demo", "-tA", "-c",
                "SELECT current_user || '@' || current_database()");

        assertThat(psql.getExitCode()).as(say("exit code of psql, stderr: %s"), psql.getStderr()).isZero();
        assertThat(psql.getStdout().strip()).as(say("`SELECT current_user, current_database()` in psql"))
                .isEqualTo("demo@demo");
    }

    @Test
    @Demonstration(question = "6.b")
    void postgresContainerRoundTripOverJdbc() throws Exception {
        String url = POSTGRES.getJdbcUrl(); // host port is random, read from getMappedPort(5432)

        try (Connection jdbc = DriverManager.getConnection(url, POSTGRES.getUsername(), POSTGRES.getPassword())) {
            jdbc.createStatement().execute("CREATE TABLE cities (id INT PRIMARY KEY, name TEXT NOT NULL)");
            jdbc.createStatement().execute("INSERT INTO cities VALUES (1, 'Paris'), (2, 'Lyon')");

            ResultSet result = jdbc.createStatement().executeQuery("SELECT id, name FROM cities ORDER BY id");
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getInt(1) + "|" + result.getString(2));
            }

            assertThat(rows).as(say("rows read over %s"), url).containsExactly("1|Paris", "2|Lyon");
        }
    }
}
