package dockerlab.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the student-editable parts live: the API's image folder, the compose file. */
public final class LabPaths {

    private LabPaths() {
    }

    /** The project folder: Maven's basedir, or the working directory (IDE runs). */
    public static Path project() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    }

    /** {@code images/simple-api}: the API's Dockerfile and, once Maven has run, its build context. */
    public static Path apiImageFolder() {
        return project().resolve("images/simple-api");
    }

    public static Path apiDockerfile() {
        return apiImageFolder().resolve("Dockerfile");
    }

    /** Fails with the fix when Maven has not put the API's jar into the image's build context. */
    public static Path requireApiBuildContext() {
        Path jar = apiImageFolder().resolve("app/simple-api.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The API's build context is not ready: " + jar + " is missing.\n"
                    + "Fix: run `./mvnw process-classes` (or `./mvnw test`), which builds the API into images/simple-api/app.");
        }
        return apiImageFolder();
    }
}
