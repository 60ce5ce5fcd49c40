package dockerlab.support;

import org.testcontainers.utility.DockerImageName;

/**
 * Every image the lab runs, by role. Online the pinned official images; offline (system property
 * {@code lab.offline=true} or environment variable {@code LAB_OFFLINE=true}) the stand-ins that
 * {@code scripts/build-offline-images.sh} builds from Debian packages.
 */
public enum ImageCatalog {

    SHELL("alpine:3.24.1", "docker-lab/busybox:1.35-debian12"),
    JAVA_RUNTIME("eclipse-temurin:17.0.20_8-jre", "docker-lab/openjdk-jre:17-debian12"),
    POSTGRES("postgres:16.15", "docker-lab/postgresql:15-debian12");

    private final String official;
    private final String offline;

    ImageCatalog(String official, String offline) {
        this.official = official;
        this.offline = offline;
    }

    public static boolean offlineMode() {
        return Boolean.parseBoolean(System.getProperty("lab.offline", System.getenv("LAB_OFFLINE")));
    }

    /** The image name to use in this run, for a container, a build argument or a compose variable. */
    public String imageName() {
        return offlineMode() ? offline : official;
    }

    public DockerImageName dockerImageName() {
        DockerImageName name = DockerImageName.parse(imageName());
        // Testcontainers' PostgreSQLContainer accepts another image only when told it is compatible
        return this == POSTGRES ? name.asCompatibleSubstituteFor("postgres") : name;
    }

    public static String mode() {
        return offlineMode() ? "offline image set" : "official images";
    }
}
