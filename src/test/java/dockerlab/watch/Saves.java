package dockerlab.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.helpers.NOPLogger;

/**
 * The saves of a student's files, as the operating system reports them: on macOS the JDK's own watch service polls every
 * few seconds, so directory-watcher's native one (FSEvents) is used there; elsewhere it is the JDK's, registered
 * recursively. The lab's build folders ({@code app}, {@code target}) are not watched.
 */
final class Saves implements AutoCloseable {

    private static final Set<String> NOT_WATCHED = Set.of("app", "target");

    private final BlockingQueue<Path> changed = new LinkedBlockingQueue<>();
    private final DirectoryWatcher watcher;

    Saves(List<Path> folders) throws IOException {
        watcher = DirectoryWatcher.builder()
                .paths(folders.stream().filter(Files::isDirectory).toList())
                .fileHashing(false) // hashing would read every file at start; a save that changes nothing is told apart later
                .fileTreeVisitor(Saves::visitStudentFolders)
                .logger(NOPLogger.NOP_LOGGER)
                .listener(event -> {
                    if (event.eventType() == DirectoryChangeEvent.EventType.CREATE
                            || event.eventType() == DirectoryChangeEvent.EventType.MODIFY) {
                        changed.add(event.path());
                    }
                })
                .build();
        watcher.watchAsync(); // the folders are registered before this returns: no save after it is missed
    }

    /** Waits for a save, then for the burst of events an editor's save makes to end; the files it touched. */
    Set<Path> next(long quietMillis) throws InterruptedException {
        Set<Path> paths = new LinkedHashSet<>();
        Path path = changed.take();
        while (path != null) {
            paths.add(path);
            path = changed.poll(quietMillis, TimeUnit.MILLISECONDS);
        }
        return paths;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }

    private static void visitStudentFolders(Path root, FileTreeVisitor.Callback onDirectory, FileTreeVisitor.Callback onFile)
            throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && NOT_WATCHED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                onDirectory.call(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                onFile.call(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a file gone while walking: its save, if any, comes as an event
            }
        });
    }
}
