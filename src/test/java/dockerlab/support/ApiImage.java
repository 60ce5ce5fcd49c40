package dockerlab.support;

import java.util.Map;
import java.util.concurrent.Future;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * {@code docker build -t simple-api:lab --build-arg JRE_IMAGE=<catalog> images/simple-api}, once per run;
 * Docker's layer cache makes a rebuild of an unchanged context fast.
 */
public final class ApiImage {

    public static final String NAME = "simple-api:lab";
    private static Future<String> built;

    private ApiImage() {
    }

    /** Builds the image if this run has not yet, and returns its name. */
    public static synchronized String build() {
        if (built == null) {
            LabPaths.requireApiBuildContext();
            built = new ImageFromDockerfile(NAME, false)
                    .withDockerfile(LabPaths.apiDockerfile())
                    .withBuildArg("JRE_IMAGE", ImageCatalog.JAVA_RUNTIME.imageName())
                    .withBuildImageCmdModifier(cmd -> cmd.withLabels(Map.of(LabLabels.LAB, "true")));
        }
        try {
            return built.get();
        } catch (Exception e) {
            built = null;
            throw new IllegalStateException("`docker build -t " + NAME + " images/simple-api` failed: "
                    + e.getMessage() + "\nSee the build output above, or run the command yourself.", e);
        }
    }
}
