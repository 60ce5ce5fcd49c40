package dockerlab.docker;

import dockerlab.config.Folders;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The stacks' named volumes with a size of their own (as root on Linux): each is a file system of {@link #SIZE_BYTES}
 * in a file of the lab's, on a loop device, which Docker's local driver mounts ({@code type=ext4,device=/dev/loopN}).
 * A writer, however fast, gets "No space left on device" there, where {@link DiskWatch}'s look every half second only
 * stops what it catches. Elsewhere (no root, Docker Desktop, an engine on another machine, no loop device) the volumes
 * are Docker's plain ones.
 */
public final class LabVolumes {

    /** Past {@link DiskWatch#BUDGET_BYTES}, so that the watch stops a stack and says why before its file system is full. */
    static final long SIZE_BYTES = 320L << 20;
    /** An image's VOLUME that no mount covers is a tmpfs of this size (in the container's memory). */
    public static final String ANONYMOUS_SIZE = (DiskWatch.BUDGET_BYTES >> 20) + "m";
    private static final Path FOLDER = Path.of(Files.isDirectory(Path.of("/var/tmp")) ? "/var/tmp"
            : System.getProperty("java.io.tmpdir"), "docker-lab-volumes");
    private static final long SECONDS = 30;
    private static volatile Boolean available;

    private LabVolumes() {
    }

    /** A named volume's device, and the file behind it. */
    public record Device(String path, Path file) {
    }

    /**
     * True where volumes get a size of their own: as root on Linux, with util-linux and e2fsprogs, where a loop device
     * could be had once (the first call tries one).
     */
    public static synchronized boolean available() {
        if (available == null) {
            available = "root".equals(System.getProperty("user.name"))
                    && System.getProperty("os.name", "").startsWith("Linux")
                    && Files.exists(Path.of("/dev/loop-control"))
                    && Stream.of("losetup", "mkfs.ext4", "debugfs").allMatch(tool -> tool(tool) != null)
                    && engineOnThisMachine();
            if (available) {
                Device probe = create("probe");
                if (probe != null) {
                    remove(probe);
                }
            }
        }
        return available;
    }

    /** The engine mounts this machine's devices: its data folder is here (not a remote or a virtual machine's engine). */
    private static boolean engineOnThisMachine() {
        try {
            String root = Docker.client().infoCmd().exec().getDockerRootDir();
            return root != null && Files.isDirectory(Path.of(root, "volumes"));
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    /**
     * A new empty file system of {@link #SIZE_BYTES} on a loop device (its folder {@code lost+found} removed: PostgreSQL
     * refuses a data folder that is not empty). Null, and no more tries this run, where no loop device can be had.
     */
    public static Device create(String name) {
        try {
            Path file = FOLDER.resolve(LabLabels.thisRun()).resolve(name + ".img");
            Files.createDirectories(file.getParent());
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(SIZE_BYTES);
            }
            run(tool("mkfs.ext4"), "-q", "-F", "-m", "0", "-O", "^has_journal", file.toString());
            run(tool("debugfs"), "-w", "-R", "rmdir lost+found", file.toString());
            String device = run(tool("losetup"), "--find", "--show", file.toString()).strip();
            return new Device(device, file);
        } catch (IOException | IllegalStateException e) {
            available = false;
            System.err.println("[docker-lab] volumes keep Docker's plain size (no loop device: " + e.getMessage() + ")");
            return null;
        }
    }

    /** Detaches the device and deletes its file, once Docker has removed the volume that mounted it. */
    public static void remove(Device device) {
        try {
            run(tool("losetup"), "--detach", device.path());
        } catch (IllegalStateException alreadyDetached) {
            // the sweep or an earlier removal did it
        }
        try {
            Files.deleteIfExists(device.file());
        } catch (IOException leftForTheSweep) {
            // the end-of-run sweep deletes the folder
        }
    }

    /** The devices and files of the runs {@code owners} names (dead runs, or this one at its end). */
    static int sweep(Predicate<String> owners) {
        // no probe here (available() tries a device of this run's): sweeping needs only the tool and the folder
        if (!"root".equals(System.getProperty("user.name")) || tool("losetup") == null || !Files.isDirectory(FOLDER)) {
            return 0;
        }
        int removed = 0;
        String attached;
        try {
            attached = run(tool("losetup"), "--list", "--noheadings", "--raw", "--output", "NAME,BACK-FILE");
        } catch (IllegalStateException e) {
            return 0;
        }
        for (String line : attached.lines().toList()) {
            String[] device = line.split(" ", 2);
            if (device.length == 2 && owners.test(ownerOf(device[1]))) {
                remove(new Device(device[0], Path.of(device[1].replaceFirst(" \\(deleted\\)$", ""))));
                removed++;
            }
        }
        try (Stream<Path> runs = Files.list(FOLDER)) {
            for (Path run : runs.filter(folder -> owners.test(folder.getFileName().toString())).toList()) {
                Folders.delete(run);
            }
        } catch (IOException | UncheckedIOException e) {
            // another run sweeping at the same time
        }
        return removed;
    }

    private static String ownerOf(String backingFile) {
        Path file = Path.of(backingFile);
        return file.startsWith(FOLDER) && file.getNameCount() == FOLDER.getNameCount() + 2
                ? file.getName(FOLDER.getNameCount()).toString() : "";
    }

    private static String tool(String name) {
        return Stream.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/").map(dir -> Path.of(dir + name))
                .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }

    private static String run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        DockerCli.Result result = DockerCli.run(line, java.util.Map.of(), null, SECONDS);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", line) + ": " + result.stderr().strip());
        }
        return result.stdout();
    }
}
