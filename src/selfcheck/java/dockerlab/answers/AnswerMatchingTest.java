package dockerlab.answers;

import static org.assertj.core.api.Assertions.assertThat;

import dockerlab.docker.Docker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers judged by what they say: right answers that explain themselves (other hosts, ports, commands and words around
 * the observation, English or French) pass; wrong ones that name the right value only in passing fail. Without Docker:
 * Docker's side of each row is what it shows for the teacher's stack (db, 5432).
 */
@DisplayName("Answer matching · observations found inside explanations, in English and French")
class AnswerMatchingTest {

    @ParameterizedTest(name = "6.c \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            // right, plain and explained (the explanations of issue 26/27's students among them)
            "db:5432                                                                                      | true",
            "`db:5432`                                                                                    | true",
            "db : 5432                                                                                    | true",
            "db:5432 (the service name; `curl localhost:8000/db` shows \"host\":\"db\",\"port\":5432)      | true",
            "db:5432 (… ; `curl localhost:8000/db` montre \"host\":\"db\",\"port\":5432 …)                 | true",
            "The API uses the service name db and port 5432, not localhost:5432 (that is the host's view) | true",
            "db:5432 et non localhost:5432 (localhost, dans le conteneur api, c'est l'api elle-même)      | true",
            "le service db, sur le port 5432 (DB_HOST=db, DB_PORT=5432)                                   | true",
            "host db, port 5432                                                                           | true",
            "DB_HOST=db\\nport 5432 inside the network                                                     | true",
            // wrong: the host's view, another port, the right value only in passing
            "localhost:5432                                                                               | false",
            "127.0.0.1:5432 (db is the service)                                                           | false",
            "localhost:5432, since db publishes 5432                                                      | false",
            "db:8000                                                                                      | false",
            "db                                                                                           | false",
            "5432                                                                                         | false",
            "`curl localhost:8000/db` answers 5432                                                        | false",
            "mydb:5432                                                                                    | false",
            "db:54321                                                                                     | false",
    })
    void serviceAddress(String answer, boolean accepted) {
        assertThat(AnswerSheet.saysAddress(answer.replace("\\n", "\n"), "db", 5432)).as("6.c answer: %s", answer)
                .isEqualTo(accepted);
    }
}
