package dockerlab.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dockerlab.config.ImageCatalog;
import dockerlab.config.LabPaths;
import dockerlab.docker.ContainerLimits;
import dockerlab.docker.Docker;
import dockerlab.docker.LabLabels;
import dockerlab.docker.RunPlan;
import dockerlab.submission.ApiImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;

/**
 * The API's libraries in a volume of the run's, copied once, which every 3.a container mounts read-only beside the
 * student's jar. In {@code ./lab watch} ({@value RunPlan#WATCH_PROPERTY}) the volume also holds a class data archive of
 * the libraries, written once by {@link ApiWarmup}: each API then starts in about two thirds of the time (0.72 s
 * against 1.1 s from {@code docker run} to its first answer, measured). The archive only covers the libraries, on a
 * classpath the student's jar comes last in: a jar that changes at every save cannot spoil it.
 */
public record RuntimeLibraries(String volume, String classpath, boolean archived) {

    static final String FOLDER = "/lab";
    private static final String ARCHIVE = FOLDER + "/libraries.jsa";
    private static final String WARMUP_JAR = "warmup.jar";

    /**
     * The JVM's volume (made by its first 3.a, swept as the JVM ends; watch's saves, each a run of its own in a fresh
     * class loader, find it by its name).
     */
    static synchronized RuntimeLibraries ofThisRun() {
        Path lib = ApiImage.buildContext().resolve("app/lib");
        List<String> jars = new ArrayList<>();
        try (Stream<Path> listed = Files.list(lib)) {
            listed.filter(p -> p.toString().endsWith(".jar")).map(p -> p.getFileName().toString()).sorted().forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean archive = Boolean.getBoolean(RunPlan.WATCH_PROPERTY);
        String volume = LabLabels.COMPOSE_PREFIX + LabLabels.thisRun() + "-libraries-"
                + Integer.toHexString(jars.hashCode()) + (archive ? "-archived" : "");
        List<String> entries = new ArrayList<>(jars.stream().map(jar -> FOLDER + "/lib/" + jar).toList());
        entries.add(FOLDER + "/" + WARMUP_JAR);
        String classpath = String.join(":", entries);
        if (!exists(volume)) {
            Docker.client().createVolumeCmd().withName(volume).withLabels(LabLabels.forTheJvmsLife()).exec();
            copyInto(volume, FOLDER, lib);
            copyInto(volume, FOLDER, warmupJar());
            if (archive) {
                writeArchive(volume, classpath);
            }
        }
        return new RuntimeLibraries(volume, classpath, archive);
    }

    /**
     * The JVM's volume holding the API's jar, {@code jar} copied in now through a container of the JVM's that never
     * starts (the volume and the writer made at the first call): one copy a save.
     */
    String holdingTheJar(Path jar) {
        synchronized (RuntimeLibraries.class) {
            return holdingTheJarNow(jar);
        }
    }

    private static String holdingTheJarNow(Path jar) {
        String prefix = LabLabels.COMPOSE_PREFIX + LabLabels.thisRun();
        String volume = prefix + "-app";
        String writer = prefix + "-app-writer";
        if (!exists(volume)) {
            Docker.client().createVolumeCmd().withName(volume).withLabels(LabLabels.forTheJvmsLife()).exec();
        }
        try {
            Docker.client().inspectContainerCmd(writer).exec();
        } catch (NotFoundException absent) {
            Docker.client().createContainerCmd(ImageCatalog.JAVA_RUNTIME.imageName()).withName(writer)
                    .withLabels(LabLabels.forTheJvmsLife())
                    .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withBinds(
                            new com.github.dockerjava.api.model.Bind(volume, new com.github.dockerjava.api.model.Volume("/app"))))
                    .exec();
        }
        Docker.client().copyArchiveToContainerCmd(writer).withHostResource(jar.toString()).withRemotePath("/app").exec();
        return volume;
    }

    /** The JVM options that map the archive, quietly: a JVM that cannot use it loads its classes as usual. */
    List<String> archiveOptions() {
        return archived ? List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:cds=off", "-Xlog:cds+dynamic=off") : List.of();
    }

    private static boolean exists(String volume) {
        try {
            Docker.client().inspectVolumeCmd(volume).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    /** {@link ApiWarmup} run once with {@code -XX:ArchiveClassesAtExit}, the volume mounted writable. */
    private static void writeArchive(String volume, String classpath) {
        try (GenericContainer<?> warmup = ContainerLimits.applyTo(new GenericContainer<>(ImageCatalog.JAVA_RUNTIME.dockerImageName())
                .withLabels(LabLabels.ownedByThisRun())
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(new com.github.dockerjava.api.model.Bind(
                        volume, new com.github.dockerjava.api.model.Volume(FOLDER))))
                .withCommand("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + ARCHIVE,
                        "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", classpath, ApiWarmup.class.getName())
                .withStartupCheckStrategy(LabContainers.runsToCompletion(Duration.ofSeconds(60))))) {
            warmup.start();
        } catch (RuntimeException noArchive) {
            // the APIs start without it, as in a grading run
        }
    }

    /** A jar of {@link ApiWarmup} alone, from the lab's own classes. */
    private static Path warmupJar() {
        String entry = ApiWarmup.class.getName().replace('.', '/') + ".class";
        Path jar = LabPaths.buildFolder().resolve(WARMUP_JAR);
        try (InputStream bytes = ApiWarmup.class.getClassLoader().getResourceAsStream(entry)) {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                out.putNextEntry(new JarEntry(entry));
                bytes.transferTo(out);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a file or a folder into a volume (at {@code mountedAt}/its name), through a container that never starts. */
    private static void copyInto(String volume, String mountedAt, Path hostResource) {
        DockerClient docker = Docker.client();
        String writer = docker.createContainerCmd(ImageCatalog.JAVA_RUNTIME.imageName())
                .withLabels(LabLabels.ownedByThisRun())
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(mountedAt))))
                .exec().getId();
        try {
            docker.copyArchiveToContainerCmd(writer).withHostResource(hostResource.toString())
                    .withRemotePath(mountedAt).exec();
        } finally {
            docker.removeContainerCmd(writer).withForce(true).exec();
        }
    }
}
