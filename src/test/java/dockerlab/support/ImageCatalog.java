package dockerlab.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.testcontainers.utility.DockerImageName;

/**
 * Every image the lab runs, by role, from {@code images/catalog.env}: online the pinned official images; offline
 * (system property {@code lab.offline=true} or environment variable {@code LAB_OFFLINE=true}) the stand-ins that
 * {@code scripts/build-offline-images.sh} builds from Debian packages.
 */
public enum ImageCatalog {

    SHELL, JAVA_RUNTIME, POSTGRES;

    private static final Properties CATALOG = load(catalogFile());

    public static Path catalogFile() {
        return LabPaths.project().resolve("images/catalog.env");
    }

    public static boolean offlineMode() {
        return Boolean.parseBoolean(System.getProperty("lab.offline", System.getenv("LAB_OFFLINE")));
    }

    public String official() {
        return entry("OFFICIAL");
    }

    public String offline() {
        return entry("OFFLINE");
    }

    /** The image name to use in this run, for a container, a build argument or a compose variable. */
    public String imageName() {
        return offlineMode() ? offline() : official();
    }

    public DockerImageName dockerImageName() {
        DockerImageName name = DockerImageName.parse(imageName());
        // Testcontainers' PostgreSQLContainer accepts another image only when told it is compatible
        return this == POSTGRES ? name.asCompatibleSubstituteFor("postgres") : name;
    }

    public static String mode() {
        return offlineMode() ? "offline image set" : "official images";
    }

    private String entry(String kind) {
        String value = CATALOG.getProperty(name() + "_" + kind);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name() + "_" + kind + " is missing from " + catalogFile());
        }
        return value.strip();
    }

    private static Properties load(Path file) {
        Properties catalog = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            catalog.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the image catalog " + file + " cannot be read", e);
        }
        return catalog;
    }
}
