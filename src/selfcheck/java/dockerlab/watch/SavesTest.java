package dockerlab.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ./lab watch re-runs what a save changed: the operating system's file events (directory-watcher) name the saved files,
 * and a save of the Dockerfile or the compose file that changes nothing Docker reads keeps every verdict.
 */
@DisplayName("Watch · saves seen by file events, a save that changes nothing Docker reads re-runs nothing")
class SavesTest {

    private static final String COMPOSE = "services:\\n  api:\\n    build: ../../images/simple-api\\n    ports:\\n      - \"${API_PORT:-8000}:8000\"";

    @ParameterizedTest(name = "\"{0}\" keeps the verdicts: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
            // the same file written another way: a comment, blank lines, trailing spaces, a comment indented
            "# my stack\\n" + COMPOSE + "                                                                      | true",
            "services:\\n\\n  api:\\n    build: ../../images/simple-api   \\n    ports:\\n      - \"${API_PORT:-8000}:8000\"\\n\\n | true",
            "services:\\n  api:\\n    # the image of exercise 3\\n    build: ../../images/simple-api\\n    ports:\\n      - \"${API_PORT:-8000}:8000\" | true",
            // changes Docker reads: a port, an indentation (another YAML), a line uncommented, a parser directive
            "services:\\n  api:\\n    build: ../../images/simple-api\\n    ports:\\n      - \"${API_PORT:-8000}:8080\" | false",
            "services:\\n  api:\\n    build: ../../images/simple-api\\n  ports:\\n      - \"${API_PORT:-8000}:8000\" | false",
            COMPOSE + "\\n    restart: always                                                                    | false",
            "# syntax=docker/dockerfile:1\\n" + COMPOSE + "                                                   | false",
    })
    void sameForDocker(String saved, boolean same) {
        assertThat(Lab.meaningful(saved.replace("\\n", "\n")).equals(Lab.meaningful(COMPOSE.replace("\\n", "\n"))))
                .as("saved:%n%s", saved.replace("\\n", "\n")).isEqualTo(same);
    }

    @Test
    @DisplayName("a save is seen from its file event; the lab's build folders (app, target) are not watched")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void saveSeen(@TempDir Path folder) throws Exception {
        Path app = Files.createDirectories(folder.resolve("simple-api/app"));
        Path dockerfile = folder.resolve("simple-api/Dockerfile");
        Files.writeString(dockerfile, "FROM scratch\n");
        try (Saves saves = new Saves(List.of(folder))) {
            Files.writeString(app.resolve("simple-api.jar"), "built by the lab");
            Files.writeString(dockerfile, "FROM busybox\n");
            assertThat(saves.next(200)).as("the files the save touched").containsExactly(dockerfile);
        }
    }
}
