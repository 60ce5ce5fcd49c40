package dockerlab.submission;

import dockerlab.config.Folders;
import dockerlab.config.ImageCatalog;
import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import dockerlab.config.Prerequisite;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.Docker;
import dockerlab.docker.LabLabels;
import dockerlab.docker.RunPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * submission, or when that jar is older than the source (an IDE's run button after an edit, watch mode), the lab
 * compiles the sources itself, under target/, with the lab's own libraries.
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
        String suffix = System.getProperty(SUFFIX_PROPERTY, System.getenv(SUFFIX_ENV));
        if ((suffix == null || suffix.isBlank()) && LabPaths.submission().isPresent()) {
            suffix = "-run-" + LabLabels.thisRun(); // a submission never builds under a name the machine uses
        }
        return named(image, suffix);
    }


    public static String named(String image, String suffix) {
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
        return dockerlab.docker.DockerTime.during(IMAGE::get);
    }

    private static String buildImage() {
        Path context = buildContext();
        Submission.checkedDockerfile();
        Map<String, String> args = Map.of("JRE_IMAGE", ImageCatalog.JAVA_RUNTIME.imageName());
        if (!Boolean.getBoolean(RunPlan.WATCH_PROPERTY)) {
            return build(NAME, context.resolve("Dockerfile"), args, false);
        }
        // watch: a save of compose.yaml or answers.md changes nothing of the image this JVM built at an earlier save
        String hash = contextHash(context, args);
        Map<String, String> built = dockerlab.docker.DockerTime.during(() -> labelsOf(NAME));
        if (hash.equals(built.get(CONTEXT_LABEL)) && LabLabels.thisRun().equals(built.get(BUILT_BY_LABEL))) {
            return NAME;
        }
        return dockerlab.docker.DockerTime.during(() -> buildNow(NAME, context.resolve("Dockerfile"), args, false,
                Map.of(CONTEXT_LABEL, hash, BUILT_BY_LABEL, LabLabels.thisRun(), LabLabels.JVMS_LIFE, "true")));
    }

    private static final String CONTEXT_LABEL = "org.dockerlab.context";
    private static final String BUILT_BY_LABEL = "org.dockerlab.built-by";

    private static Map<String, String> labelsOf(String image) {
        if (!Docker.imageIsHere(image)) {
            return Map.of();
        }
        Map<String, String> labels = Docker.client().inspectImageCmd(image).exec().getConfig().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** SHA-256 of every file of the build context (path and bytes) and of the build's arguments. */
    private static String contextHash(Path context, Map<String, String> args) {
        try (Stream<Path> walk = Files.walk(context)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                digest.update((context.relativize(file) + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            digest.update(new java.util.TreeMap<>(args).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code docker build} as the lab runs every build of a student's image (or on top of one): capped memory and
     * CPU, no network, a time bound, the lab's labels; with a name of this run's when the image is its own. The
     * builder is the engine's classic one: its API applies memory and CPU limits to the build's steps, BuildKit's
     * docker driver does not; the Dockerfile's allowlist leaves nothing that builds differently with either.
     */
    public static String build(String name, Path dockerfile, Map<String, String> args, boolean noCache) {
        return dockerlab.docker.DockerTime.during(() -> buildNow(name, dockerfile, args, noCache, Map.of()));
    }

    private static String buildNow(String name, Path dockerfile, Map<String, String> args, boolean noCache,
                                   Map<String, String> extraLabels) {
        try {
            return buildOnce(name, dockerfile, args, noCache, extraLabels);
        } catch (AssertionError e) {
            // the classic builder's cache shares intermediate images between runs side by side (a class graded with
            // -j 2): one run's end removing its image can take a layer another's build was standing on. Once again.
            if (!String.valueOf(e.getMessage()).contains("unable to find image")) {
                throw e;
            }
            return buildOnce(name, dockerfile, args, noCache, extraLabels);
        }
    }

    private static String buildOnce(String name, Path dockerfile, Map<String, String> args, boolean noCache,
                                    Map<String, String> extraLabels) {
        Map<String, String> labels = new java.util.HashMap<>(Map.of(LabLabels.LAB, "true"));
        labels.putAll(extraLabels);
        if (suffixed()) { // this run's own names: removed at its end
            labels.put(LabLabels.OWNER, LabLabels.thisRun());
        }
        String replaced = Docker.imageId(name);
        try (dockerlab.config.Progress progress = dockerlab.config.Progress.of(Lang.text("progress.build", name),
                BUILD_BOUND_SECONDS)) {
            ImageFromDockerfile image = new ImageFromDockerfile(name, false).withDockerfile(dockerfile);
            args.forEach(image::withBuildArg);
            String built = image.withBuildImageCmdModifier(cmd -> cmd.withLabels(labels).withNoCache(noCache)
                            .withMemory(ContainerLimits.MEMORY_BYTES).withMemswap(ContainerLimits.MEMORY_BYTES)
                            .withCpusetcpus("0").withNetworkMode("none").withPull(false).withForcerm(true))
                    .get(BUILD_BOUND_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            removeIfLeftNameless(replaced);
            return built;
        } catch (Exception e) {
            Docker.requireStillAnswering("`docker build`");
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String why = e instanceof java.util.concurrent.TimeoutException
                    ? Lang.say("the build did not end within %d s", BUILD_BOUND_SECONDS) : cause.getMessage();
            throw new AssertionError(Lang.text("message.image-does-not-build", name, Prerequisite.firstLine(why))
                    + "\n(`docker build` output above)", e);
        }
    }

    /**
     * The image a build took the name of, once it has no name left and it is the lab's own (a build of the lab's, by
     * its label): each edit of the API or the Dockerfile would otherwise leave a {@code <none>} line in
     * {@code docker image ls}. One a student built, or still named or in use by a container, stays.
     */
    private static void removeIfLeftNameless(String replaced) {
        if (replaced == null) {
            return;
        }
        try {
            var image = Docker.client().inspectImageCmd(replaced).exec();
            boolean nameless = image.getRepoTags() == null || image.getRepoTags().stream().allMatch("<none>:<none>"::equals);
            Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
            if (nameless && labels != null && "true".equals(labels.get(LabLabels.LAB))) {
                Docker.client().removeImageCmd(replaced).exec();
            }
        } catch (RuntimeException stillNeededOrGone) {
            // the same image again (still named), a container of it, or another run removed it first
        }
    }

    private static Path prepareContext() {
        Path context = Submission.apiImageFolder();
        Path app = context.resolve("app");
        try {
            if (LabPaths.submission().isEmpty() && LabPaths.mavenBuiltJarIsCurrent()) { // Maven built this very source
                Path built = LabPaths.requireMavenBuiltApp();
                Folders.delete(app);
                Folders.copy(built, app);
                return context;
            }
            compileSubmission(Submission.apiSources(), app);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the checked copy of a submission's API with the lab's libraries into app/, beside its Dockerfile. */
    private static void compileSubmission(Path sources, Path app) throws IOException {
        Path libs = LabPaths.requireMavenBuiltApp().resolve("lib");
        Path classes = LabPaths.buildFolder().resolve("classes");
        Folders.delete(classes);
        Folders.delete(app);
        Files.createDirectories(classes);
        Files.createDirectories(app.resolve("lib"));
        List<Path> libJars;
        try (Stream<Path> listed = Files.list(libs)) {
            libJars = listed.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : libJars) {
            Files.copy(jar, app.resolve("lib").resolve(jar.getFileName()));
        }
        Path jar = app.resolve("simple-api.jar");
        Path compiled = LabPaths.project().resolve("target/lab-build/compiled").resolve(sourceHash(sources, libJars) + ".jar");
        if (Files.isRegularFile(compiled)) {
            Files.copy(compiled, jar); // these very sources were compiled before, for another submission or run
            return;
        }
        compile(sources.resolve("java"), classes, libJars);
        if (Files.isDirectory(sources.resolve("resources"))) {
            Folders.copy(sources.resolve("resources"), classes);
        }
        writeJar(classes, jar, libJars);
        Files.createDirectories(compiled.getParent());
        Path partial = Files.createTempFile(compiled.getParent(), "jar", ".partial");
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, compiled, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** SHA-256 of the submission's sources and resources (paths and bytes) and of the libraries' names. */
    private static String sourceHash(Path sources, List<Path> libJars) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String folder : List.of("java", "resources")) {
                Path root = sources.resolve(folder);
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
}
