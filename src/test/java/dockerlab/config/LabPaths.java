package dockerlab.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the student-written parts live. By default in this project (the IDE, {@code ./mvnw test}); with the
 * submission switch ({@code -Dlab.submission=DIR} or {@code LAB_SUBMISSION=DIR}) in a folder laid out like the
 * hand-out, a clone of a student's repository: nothing of it is copied into this working tree.
 */
public final class LabPaths {

    public static final String SUBMISSION_PROPERTY = "lab.submission";
    public static final String SUBMISSION_ENV = "LAB_SUBMISSION";

    private LabPaths() {
    }

    /** The project folder: Maven's basedir, or the working directory (IDE runs). */
    public static Path project() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    }

    /** True in a generated hand-out (it keeps its starting state in .lab/start), false in the teacher's edition. */
    public static boolean isHandout() {
        return Files.isDirectory(project().resolve(".lab/start"));
    }

    /** The submission folder given by the switch, if any. */
    public static Optional<Path> submission() {
        String dir = System.getProperty(SUBMISSION_PROPERTY, System.getenv(SUBMISSION_ENV));
        return dir == null || dir.isBlank() ? Optional.empty()
                : Optional.of(Path.of(dir).toAbsolutePath().normalize());
    }

    /** The folder the student's parts are read from: the submission, or this project. */
    public static Path studentRoot() {
        return submission().orElseGet(LabPaths::project);
    }

    /**
     * Where this run writes what it builds (never into the student's folders): one folder per submission, so that
     * submissions graded side by side never share one.
     */
    public static Path buildFolder() {
        Path lab = project().resolve("target/lab-build");
        return submission().map(dir -> lab.resolve(dir.getFileName() + "-"
                + Integer.toHexString(dir.toString().hashCode()))).orElse(lab);
    }

    /** The API's jar and libraries built by Maven from this project: {@code images/simple-api/app}. */
    public static Path mavenBuiltApp() {
        return project().resolve("images/simple-api/app");
    }

    /**
     * Fails with the fix when Maven has not put the API's libraries into the image's build context: the lab compiles
     * the API itself when its jar is missing or older than its source (an IDE's run button, watch mode), but the
     * libraries come from Maven, once.
     */
    public static Path requireMavenBuiltApp() {
        Path lib = mavenBuiltApp().resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(Lang.say("The API's build context is not ready: %s is missing.", lib) + "\n"
                    + Lang.say("Fix: run `./mvnw process-classes` once (or `./mvnw test`): it puts the API's libraries into images/simple-api/app."));
        }
        return mavenBuiltApp();
    }

    /** True when Maven's jar of the API is there and no source under src/main changed after it was built. */
    public static boolean mavenBuiltJarIsCurrent() {
        Path jar = mavenBuiltApp().resolve("simple-api.jar");
        return Files.isRegularFile(jar) && newerThan(jar, project().resolve("src/main")).isEmpty();
    }

    private static Optional<Path> newerThan(Path jar, Path sources) {
        try (var files = Files.walk(sources)) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis() > built;
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
