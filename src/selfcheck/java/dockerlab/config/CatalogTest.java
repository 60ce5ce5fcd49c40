package dockerlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dockerlab.docker.Docker;
import dockerlab.submission.ApiImage;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** images/catalog.env is the one place for image names: what repeats them must say the same. */
@DisplayName("Image catalog · the Dockerfile, the compose file and the READMEs follow images/catalog.env")
class CatalogTest {

    @Test
    @DisplayName("the Dockerfile's JRE_IMAGE default is the catalog's Java runtime")
    void dockerfileDefaultIsTheCatalogsRuntime() throws Exception {
        assumeFalse(LabPaths.isHandout(), "the hand-out's Dockerfile is the student's to pin");
        String dockerfile = Files.readString(LabPaths.project().resolve("images/simple-api/Dockerfile"));

        assertThat(defaults(dockerfile, "(?m)^ARG JRE_IMAGE=(\\S+)")).as("ARG JRE_IMAGE= in images/simple-api/Dockerfile")
                .isEqualTo(ImageCatalog.JAVA_RUNTIME.official());
    }

    @Test
    @DisplayName("the compose file's image defaults are the catalog's, TODO texts included")
    void composeDefaultsAreTheCatalogs() throws Exception {
        assumeFalse(LabPaths.isHandout(), "the hand-out's compose file is the student's to write");
        String compose = Files.readString(LabPaths.project().resolve("exercises/05-compose-stack/compose.yaml"));

        assertThat(defaults(compose, "\\$\\{POSTGRES_IMAGE:-([^}]+)}")).as("${POSTGRES_IMAGE:-...} in compose.yaml")
                .isEqualTo(ImageCatalog.POSTGRES.official());
        assertThat(defaults(compose, "\\$\\{JRE_IMAGE:-([^}]+)}")).as("${JRE_IMAGE:-...} in compose.yaml")
                .isEqualTo(ImageCatalog.JAVA_RUNTIME.official());
    }

    @Test
    @DisplayName("a run's image suffix (lab.image-suffix) follows each tag; one Docker could not tag with is refused")
    void imageSuffixFollowsTheTag() {
        assertThat(ApiImage.named("simple-api:lab", null)).as("no suffix").isEqualTo("simple-api:lab");
        assertThat(ApiImage.named("simple-api:lab", " ")).as("a blank suffix").isEqualTo("simple-api:lab");
        assertThat(ApiImage.named("simple-api:broken", "-fixture-07")).as("suffix -fixture-07")
                .isEqualTo("simple-api:broken-fixture-07");
        assertThatThrownBy(() -> ApiImage.named("simple-api:lab", "/../other")).as("a suffix with a slash")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiImage.named("simple-api:lab", "x".repeat(41))).as("a suffix of 41 characters")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the READMEs name every image of the catalog")
    void readmesNameEveryImage() throws Exception {
        String readme = Files.readString(LabPaths.project().resolve("README.md"));
        String images = Files.readString(LabPaths.project().resolve("images/README.md"));

        for (ImageCatalog role : ImageCatalog.values()) {
            assertThat(readme).as("README.md's table, role %s", role).contains("`" + role.official() + "`", "`" + role.offline() + "`");
            assertThat(images).as("images/README.md, role %s", role).contains(role.offline());
        }
    }

    /** Every value the pattern finds, which must all be the same: that value. */
    private static String defaults(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        String found = null;
        while (m.find()) {
            assertThat(found == null || found.equals(m.group(1))).as("two different defaults: %s and %s", found, m.group(1))
                    .isTrue();
            found = m.group(1);
        }
        return found;
    }
}
