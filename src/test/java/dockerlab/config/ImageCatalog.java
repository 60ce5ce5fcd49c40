package dockerlab.config;

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
 * the stand-ins that {@code scripts/build-offline-images.sh} builds from Debian packages. The offline switch is set
 * once for the project: a file {@code lab.properties} at its root saying {@code offline=true} ({@code ./lab offline}
 * writes it), read by every run (Maven, the IDE's button, watch mode); {@code LAB_OFFLINE} or {@code -Dlab.offline}
 * override it for one run.
 */
public enum ImageCatalog {

    SHELL, JAVA_RUNTIME, POSTGRES;

    private static final Properties CATALOG = load(catalogFile());

    public static Path catalogFile() {
        return LabPaths.project().resolve("images/catalog.env");
    }

    public static final String SWITCH_FILE = "lab.properties";

    public static boolean offlineMode() {
        String once = System.getProperty("lab.offline", System.getenv("LAB_OFFLINE"));
        if (once != null && !once.isBlank()) {
            return Boolean.parseBoolean(once.strip());
        }
        Path file = LabPaths.project().resolve(SWITCH_FILE);
        return Files.isRegularFile(file) && Boolean.parseBoolean(load(file).getProperty("offline", "false").strip());
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
