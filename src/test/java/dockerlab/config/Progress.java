package dockerlab.config;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A long wait says what it waits for and how far along it is: a step that lasts more than a few seconds (an image
 * build) prints a line when it starts to be long, then every 10 s the time spent against its bound, and its end; a
 * pull prints the megabytes received and the layers done every few seconds. Quick steps print nothing.
 */
public final class Progress implements AutoCloseable {

    private static final long QUIET_SECONDS = 3;
    private static final long EVERY_SECONDS = 10;
    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "docker-lab-progress");
        t.setDaemon(true);
        return t;
    });

    private final String what;
    private final long started = System.nanoTime();
    private final ScheduledFuture<?> ticks;
    private volatile boolean said;

    private Progress(String what, long boundSeconds) {
        this.what = what;
        this.ticks = CLOCK.scheduleAtFixedRate(() -> {
            said = true;
            System.out.println(Lang.text("progress.long", what, seconds(), boundSeconds));
        }, QUIET_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the clock of a step bounded by {@code boundSeconds}; close it when the step ends. */
    public static Progress of(String what, long boundSeconds) {
        return new Progress(what, boundSeconds);
    }

    private long seconds() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    }

    @Override
    public void close() {
        ticks.cancel(false);
        if (said) {
            System.out.println(Lang.text("progress.done", what, String.format("%.1f", (System.nanoTime() - started) / 1e9)));
        }
    }

    /** A pull's callback that reports the bytes received and the layers done, every few seconds at most. */
    public static PullImageResultCallback pull(String image) {
        return new PullImageResultCallback() {
            private final Map<String, long[]> layers = new ConcurrentHashMap<>();
            private final Map<String, Boolean> done = new ConcurrentHashMap<>();
            private long lastSaid = System.nanoTime();

            @Override
            public void onNext(PullResponseItem item) {
                super.onNext(item);
                String id = item.getId();
                if (id == null) {
                    return;
                }
                if (item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null
                        && "Downloading".equals(item.getStatus())) {
                    layers.put(id, new long[] {item.getProgressDetail().getCurrent(), item.getProgressDetail().getTotal()});
                }
                if (item.getStatus() != null && (item.getStatus().startsWith("Pull complete")
                        || item.getStatus().startsWith("Already exists"))) {
                    done.put(id, true);
                }
                layers.putIfAbsent(id, new long[] {0, 0});
                if (System.nanoTime() - lastSaid > TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
                    lastSaid = System.nanoTime();
                    long current = layers.values().stream().mapToLong(l -> l[0]).sum();
                    long total = layers.values().stream().mapToLong(l -> l[1]).sum();
                    System.out.println(Lang.text("progress.pull", image, current / 1_000_000, total / 1_000_000,
                            done.size(), layers.size()));
                }
            }
        };
    }
}
