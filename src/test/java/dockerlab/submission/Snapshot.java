package dockerlab.submission;

import dockerlab.config.Folders;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The student's files, copied once from the submission into a folder of the lab's, and checked as they are copied:
 * only regular files (no link, FIFO, socket or device), each bounded in size, the answer sheet valid UTF-8. Everything
 * the lab reads, builds and runs afterwards comes from this copy, never from the submission again. A part with a
 * refused file is left out whole: its questions fail with the refusal, the others are graded.
 */
final class Snapshot {

    /** Where each part lives in a submission: a folder, or (the answer sheet) one file. */
    private record Area(Part part, String path, long maxFileBytes, List<String> skipped) {
    }

    static final long MAX_ANSWERS_BYTES = 256 * 1024;
    static final long MAX_FILE_BYTES = 2 * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;
    static final int MAX_FILES = 2000;
    private static final int MAX_DEPTH = 16;
    private static final List<Area> AREAS = List.of(
            new Area(Part.ANSWERS, Part.ANSWERS.path(), MAX_ANSWERS_BYTES, List.of()),
            // .env: compose would read its variables; the lab passes its own
            new Area(Part.COMPOSE, "exercises/05-compose-stack", MAX_FILE_BYTES, List.of(".env")),
            // app/ is what the lab builds; target/ what a build writes
            new Area(Part.DOCKERFILE, "images/simple-api", MAX_FILE_BYTES, List.of("app", "target")),
            new Area(Part.API, "src/main/java", MAX_FILE_BYTES, List.of()),
            new Area(Part.API, "src/main/resources", MAX_FILE_BYTES, List.of()));

    private final Path root;
    private final Map<Part, String> refusals = new EnumMap<>(Part.class);
    private long totalBytes;
    private int files;

    private Snapshot(Path root) {
        this.root = root;
    }

    /** Copies the parts of {@code submission} into {@code into} (emptied first), refusing what is not plain files. */
    static Snapshot take(Path submission, Path into) {
        Snapshot snapshot = new Snapshot(into);
        Folders.delete(into);
        for (Area area : AREAS) {
            if (snapshot.refusals.containsKey(area.part())) {
                continue;
            }
            try {
                snapshot.copy(submission, area);
            } catch (Refused refused) {
                snapshot.refusals.put(area.part(), refused.getMessage());
            } catch (IOException e) {
                snapshot.refusals.put(area.part(), area.part().path() + ": " + Lang.say("cannot be read (%s)", e));
            }
        }
        snapshot.refusals.keySet().forEach(part -> AREAS.stream().filter(a -> a.part() == part)
                .forEach(a -> Folders.delete(into.resolve(a.path()))));
        return snapshot;
    }

    Path root() {
        return root;
    }

    /** Why this part was left out, if it was. */
    Optional<String> refusal(Part part) {
        return Optional.ofNullable(refusals.get(part));
    }

    private void copy(Path submission, Area area) throws IOException {
        Path source = submission.resolve(area.path());
        Path relative = Path.of(area.path());
        for (int i = 1; i < relative.getNameCount(); i++) { // each folder on the way: a real folder, not a link
            Path parent = submission.resolve(relative.subpath(0, i).toString());
            if (!Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            requirePlain(submission, parent, true);
        }
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            return; // a missing part: its questions say so
        }
        Path target = root.resolve(area.path());
        if (area.part() == Part.ANSWERS) {
            requirePlain(submission, source, false);
            copyFile(submission, source, target, area.maxFileBytes());
            requireUtf8(target, name(submission, source));
            return;
        }
        requirePlain(submission, source, true);
        Files.walkFileTree(source, java.util.Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && area.skipped().contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isDirectory()) { // deeper than MAX_DEPTH
                    throw new Refused(Lang.say("%s: folders nested more than %d deep", name(submission, file), MAX_DEPTH));
                }
                if (area.skipped().contains(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                requirePlain(submission, file, false);
                copyFile(submission, file, target.resolve(source.relativize(file).toString()), area.maxFileBytes());
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A folder or a regular file, read without following links. */
    private static void requirePlain(Path submission, Path path, boolean folder) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = name(submission, path);
        if (attrs.isSymbolicLink()) {
            throw new Refused(Lang.say("%s is a symbolic link (to %s): a link can lead to any file of the grader's"
                    + " machine; put the file itself in your repository", name, Files.readSymbolicLink(path)));
        }
        if (attrs.isOther()) {
            throw new Refused(Lang.say("%s is a special file (a named pipe, socket or device), not a file: the lab"
                    + " reads plain files only", name));
        }
        if (folder != attrs.isDirectory()) {
            throw new Refused(folder ? Lang.say("%s must be a folder", name) : Lang.say("%s must be a file", name));
        }
    }

    private void copyFile(Path submission, Path file, Path target, long maxBytes) throws IOException {
        if (++files > MAX_FILES) {
            throw new Refused(Lang.say("%s: more than %d files", name(submission, file.getParent()), MAX_FILES));
        }
        Files.createDirectories(target.getParent());
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS); OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                copied += n;
                if (copied > maxBytes) {
                    throw new Refused(Lang.say("%s is larger than %d KB: the lab reads no file that big",
                            name(submission, file), maxBytes / 1024));
                }
                out.write(buffer, 0, n);
            }
        }
        totalBytes += copied;
        if (totalBytes > MAX_TOTAL_BYTES) {
            throw new Refused(Lang.say("%s: your files add up to more than %d MB", name(submission, file),
                    MAX_TOTAL_BYTES / 1024 / 1024));
        }
    }

    private static void requireUtf8(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new Refused(Lang.say("%s is not UTF-8 text: save it as UTF-8 (your editor's encoding setting)", name));
        }
        if (new String(bytes, StandardCharsets.UTF_8).indexOf('\0') >= 0) {
            throw new Refused(Lang.say("%s holds a NUL character: it is not a text file", name));
        }
    }

    private static String name(Path submission, Path path) {
        return submission.relativize(path).toString().replace('\\', '/');
    }

    /** A file the snapshot does not take, and why. */
    static final class Refused extends IOException {
        Refused(String why) {
            super(why);
        }
    }
}
