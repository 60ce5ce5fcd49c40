package dockerlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dockerlab.config.LabPaths;
import dockerlab.submission.ApiImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lab's packages, bottom to top, each using only those below it:
 * <pre>
 *   config      languages, paths, the student's files (Part), the image catalog, errors: no Docker
 *   docker      Docker access: the client and CLI, labels, sweeper, preflight, limits, firewall, volumes, disk watch
 *   submission  the only reader of a student's files: snapshot, rules for Dockerfile and compose, the API's image
 *   stack       containers and Compose stacks the questions start (and the API's libraries, its answers)
 *   answers     the answer sheet and the listing commands it compares with
 *   grading     questions, hints, the result model, scorecard, the run of every exercise
 *   exercises   the lab's test classes, one per exercise
 *   watch       ./lab: watch, check, status, hint
 *   teacher     the teacher's tool (maintainers' code)
 * </pre>
 * The maintainers' tests (src/selfcheck) live beside what they test and may reach anything; the rules hold for what
 * ships to students.
 */
@DisplayName("Architecture · packages in layers, none importing upward; only submission asks for a student's folder")
class ArchitectureTest {

    private static final String[] ORDER = {"config", "docker", "submission", "stack", "answers", "grading", "exercises", "watch",
            "teacher"};
    private static JavaClasses lab;
    private static DescribedPredicate<JavaClass> maintainers;

    @BeforeAll
    static void importTheLab() throws IOException {
        // the lab's compiled tests and maintainers' code (one folder: a scan of the whole classpath takes seconds more)
        lab = new ClassFileImporter().importPath(
                Path.of(ArchitectureTest.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        Set<String> names;
        try (Stream<Path> sources = Files.walk(LabPaths.project().resolve("src/selfcheck/java"))) {
            names = sources.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> LabPaths.project().resolve("src/selfcheck/java").relativize(p).toString()
                            .replace(".java", "").replace('/', '.'))
                    .collect(Collectors.toSet());
        }
        maintainers = DescribedPredicate.describe("maintainers' code (src/selfcheck)",
                c -> names.contains(c.getName().replaceFirst("\\$.*", "")));
    }

    /** Each layer used only by those above it; with {@code exceptMaintainers}, the maintainers' tests are left out. */
    private static ArchRule layers(boolean exceptMaintainers) {
        var rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : ORDER) {
            rule = rule.layer(layer).definedBy("dockerlab." + layer + "..");
        }
        for (int i = 0; i < ORDER.length - 1; i++) {
            rule = rule.whereLayer(ORDER[i]).mayOnlyBeAccessedByLayers(Stream.of(ORDER).skip(i + 1).toArray(String[]::new));
        }
        return exceptMaintainers ? rule.ignoreDependency(maintainers, DescribedPredicate.alwaysTrue()) : rule;
    }

    private static ArchRule onlySubmissionAsksForTheStudentsFolder(boolean exceptMaintainers) {
        var classes = noClasses().that().resideOutsideOfPackage("dockerlab.submission..")
                .and().doNotHaveFullyQualifiedName(LabPaths.class.getName());
        if (exceptMaintainers) {
            classes = classes.and(DescribedPredicate.not(maintainers));
        }
        return classes.should().callMethod(LabPaths.class, "submission").orShould().callMethod(LabPaths.class, "studentRoot")
                .because("dockerlab.submission is the only reader of a student's files");
    }

    @Test
    @DisplayName("no package imports one above it (config < docker < submission < stack < answers < grading < exercises < watch < teacher)")
    void layers() {
        layers(true).check(lab);
    }

    @Test
    @DisplayName("only dockerlab.submission asks for the student's folder (LabPaths.submission, LabPaths.studentRoot)")
    void onlySubmissionReadsTheStudentsFiles() {
        onlySubmissionAsksForTheStudentsFolder(true).check(lab);
    }

    /** A class outside submission that asks for the student's folder: the rule must see it. */
    static final class ReadsTheStudentsFolder {
        Path folder() {
            return LabPaths.studentRoot();
        }
    }

    @Test
    @DisplayName("the rules can fail: an upward import (a test in config using submission) and a reader outside submission are reported")
    void theRulesCanFail() {
        JavaClasses configTestAndSubmission = lab.that(DescribedPredicate.describe("CatalogTest and ApiImage",
                c -> c.getName().equals("dockerlab.config.CatalogTest") || c.getName().equals(ApiImage.class.getName())));
        EvaluationResult upward = layers(false).evaluate(configTestAndSubmission);
        assertThat(upward.hasViolation()).as("CatalogTest (config) uses ApiImage (submission)").isTrue();
        assertThat(upward.getFailureReport().getDetails()).anyMatch(d -> d.contains("CatalogTest") && d.contains("ApiImage"));
        EvaluationResult reader = onlySubmissionAsksForTheStudentsFolder(false)
                .evaluate(new ClassFileImporter().importClasses(ReadsTheStudentsFolder.class, LabPaths.class));
        assertThat(reader.getFailureReport().getDetails()).anyMatch(d -> d.contains("ReadsTheStudentsFolder")
                && d.contains("studentRoot"));
    }
}
