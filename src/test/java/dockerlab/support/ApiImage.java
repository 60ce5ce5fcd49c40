package dockerlab.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The API as the student wrote it: its jar (exercise 3.a) and {@code docker build -t simple-api:lab} of its
 * Dockerfile (3.b), each once per run. In this project Maven builds the jar into images/simple-api/app; for a
 * submission the lab compiles the student's sources itself, under target/, with the lab's own libraries.
 */
public final class ApiImage {

    public static final String SUFFIX_PROPERTY = "lab.image-suffix";
    public static final String SUFFIX_ENV = "LAB_IMAGE_SUFFIX";
    /** {@code simple-api:lab}; with an image suffix, {@code simple-api:lab<suffix>}. */
    private static final String LAB_NAME = "simple-api:lab";
    public static final String NAME = named(LAB_NAME);
    public static final String MAIN_CLASS = "dockerlab.api.SimpleApi";
    private static final long BUILD_BOUND_SECONDS = 180;
    private static final long REPRODUCIBLE_TIME = 1_767_225_600_000L; // 2026-01-01, as the pom's outputTimestamp

    private static final Prerequisite<Path> CONTEXT =
            new Prerequisite<>("3.a", Lang.text("prerequisite.jar"), ApiImage::prepareContext);
    private static final Prerequisite<String> IMAGE =
            new Prerequisite<>("3.b", Lang.text("prerequisite.image"), ApiImage::buildImage);

    private ApiImage() {
    }

    /**
     * An image name of the lab's, with this run's suffix ({@code -Dlab.image-suffix} or {@code LAB_IMAGE_SUFFIX},
     * empty by default) after its tag: runs given different suffixes (submissions graded side by side) never build
     * over each other's images.
     */
    public static String named(String image) {
        return named(image, System.getProperty(SUFFIX_PROPERTY, System.getenv(SUFFIX_ENV)));
    }

    static String named(String image, String suffix) {
        if (suffix == null || suffix.isBlank()) {
            return image;
        }
        if (!suffix.matches("[a-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException(SUFFIX_PROPERTY + " must be 1 to 40 of a-z 0-9 . _ - (seen: " + suffix + ")");
        }
        return image + suffix;
    }

    /** True when this run's images carry a suffix, so the lab's names differ from the ones a compose file says. */
    public static boolean suffixed() {
        return !NAME.equals(LAB_NAME);
    }

    /** The image's build context: the student's Dockerfile with app/simple-api.jar and app/lib beside it. */
    public static Path buildContext() {
        return CONTEXT.get();
    }

    /** Builds the image if this run has not yet, and returns its name. */
    public static String build() {
        return IMAGE.get();
    }

    private static String buildImage() {
        Path context = buildContext();
        SubmissionGuard.checkDockerfile(context.resolve("Dockerfile"));
        try {
            return new ImageFromDockerfile(NAME, false)
                    .withDockerfile(context.resolve("Dockerfile"))
                    .withBuildArg("JRE_IMAGE", ImageCatalog.JAVA_RUNTIME.imageName())
                    .withBuildImageCmdModifier(cmd -> cmd.withLabels(Map.of(LabLabels.LAB, "true"))
                            .withMemory(ContainerLimits.MEMORY_BYTES))
                    .get(BUILD_BOUND_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            Docker.requireStillAnswering("`docker build`");
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new AssertionError(Lang.text("message.image-does-not-build", NAME, Prerequisite.firstLine(cause.getMessage()))
                    + "\n(`docker build` output above)", e);
        }
    }

    private static Path prepareContext() {
        if (LabPaths.submission().isEmpty()) {
            LabPaths.requireMavenBuiltApp();
            return LabPaths.apiImageFolder();
        }
        return compileSubmission(LabPaths.studentRoot());
    }

    /** Compiles a submission's API with the lab's libraries into target/lab-build/context/app, beside its Dockerfile. */
    private static Path compileSubmission(Path submission) {
        Path libs = LabPaths.requireMavenBuiltApp().resolve("lib");
        Path build = LabPaths.buildFolder();
        Path classes = build.resolve("classes");
        Path context = build.resolve("context");
        deleteTree(build);
        try {
            Files.createDirectories(classes);
            SubmissionGuard.copyTree(LabPaths.apiImageFolder(), context, "app");
            Files.createDirectories(context.resolve("app/lib"));
            List<Path> libJars;
            try (Stream<Path> listed = Files.list(libs)) {
                libJars = listed.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
            for (Path jar : libJars) {
                Files.copy(jar, context.resolve("app/lib").resolve(jar.getFileName()));
            }
            Path jar = context.resolve("app/simple-api.jar");
            Path compiled = LabPaths.project().resolve("target/lab-build/compiled")
                    .resolve(sourceHash(submission, libJars) + ".jar");
            if (Files.isRegularFile(compiled)) {
                Files.copy(compiled, jar); // these very sources were compiled before, for another submission or run
                return context;
            }
            compile(submission.resolve("src/main/java"), classes, libJars);
            SubmissionGuard.copyTree(submission.resolve("src/main/resources"), classes, null);
            writeJar(classes, jar, libJars);
            Files.createDirectories(compiled.getParent());
            Path partial = Files.createTempFile(compiled.getParent(), "jar", ".partial");
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, compiled, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the submission's sources and resources (paths and bytes) and of the libraries' names. */
    private static String sourceHash(Path submission, List<Path> libJars) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String folder : List.of("src/main/java", "src/main/resources")) {
                Path root = submission.resolve(folder);
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update((folder + "/" + root.relativize(file) + "\n").getBytes(StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(file));
                    }
                }
            }
            libJars.forEach(lib -> digest.update(lib.getFileName().toString().getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(Path sources, Path classes, List<Path> libJars) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.exists(sources) ? Files.walk(sources) : Stream.empty()) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new AssertionError(Lang.say("Your API has no source: no .java file under %s", sources));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, null)) {
            String classpath = String.join(java.io.File.pathSeparator, libJars.stream().map(Path::toString).toList());
            List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-nowarn",
                    "-d", classes.toString(), "-cp", classpath);
            boolean compiled = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!compiled) {
                List<String> errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> sources.relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": "
                                + d.getMessage(null).lines().findFirst().orElse(""))
                        .limit(5).toList();
                throw new AssertionError(Lang.text("message.api-does-not-compile", String.join("\n  ", errors))
                        + "\nSee it with: `./mvnw compile` in your project.");
            }
        }
        if (!Files.isRegularFile(classes.resolve(MAIN_CLASS.replace('.', '/') + ".class"))) {
            throw new AssertionError(Lang.say("Your API has no class %s: the image starts that class.", MAIN_CLASS));
        }
    }

    private static void writeJar(Path classes, Path jar, List<Path> libJars) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN_CLASS);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                String.join(" ", libJars.stream().map(p -> "lib/" + p.getFileName()).toList()));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(REPRODUCIBLE_TIME);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            out.closeEntry();
            for (Path entry : walk.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry jarEntry = new JarEntry(classes.relativize(entry).toString().replace('\\', '/'));
                jarEntry.setTime(REPRODUCIBLE_TIME); // the same sources give the same bytes: Docker's layer cache holds
                out.putNextEntry(jarEntry);
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
