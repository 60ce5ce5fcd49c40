package dockerlab.docker;

import dockerlab.config.Lang;
import dockerlab.config.Prerequisite;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.lifecycle.Startable;

/**
 * A container or a compose stack the questions of one class share ({@code @RegisterExtension static final}):
 * started in the background when the class begins, beside the class's other shared resources (a question that
 * needs it waits for it), so one that never gets ready fails those questions (the first with the whole
 * explanation, the others with one line), and stopped when the class ends (JUnit closes it through the class's
 * extension store; the stop runs beside the rest of the run, which waits for it at its end), whether the class
 * runs alone (an IDE), in a whole run, or beside others in parallel.
 */
public final class Shared<T extends Startable> implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Shared.class);
    // stops run side by side, while the run goes on; the end of the run waits for them (LabSession)
    private static final List<CompletableFuture<Void>> STOPPING = new CopyOnWriteArrayList<>();
    // what several classes share: stopped when the run ends
    private static final List<Startable> AT_END_OF_RUN = new CopyOnWriteArrayList<>();

    private final Object key; // in the store: one resource for every instance of the same key
    private final boolean forTheRun;
    private final boolean forDemonstrations;
    private final String question;
    private final String what;
    private final Supplier<T> create;
    private final Consumer<T> start;
    private volatile Resource<T> resource;

    private Shared(Object key, boolean forTheRun, boolean forDemonstrations, String question, String what,
            Supplier<T> create, Consumer<T> start) {
        this.key = key == null ? this : key;
        this.forTheRun = forTheRun;
        this.forDemonstrations = forDemonstrations;
        this.question = question;
        this.what = what;
        this.create = create;
        this.start = start;
    }

    /** {@code create} builds it (cheap, not started); {@code start} starts it, or fails with an explanation. */
    public static <T extends Startable> Shared<T> of(String question, String what, Supplier<T> create, Consumer<T> start) {
        return new Shared<>(null, false, false, question, what, create, start);
    }

    /** The same, for demonstrations only: a grading run, which runs none, never starts it. */
    public static <T extends Startable> Shared<T> forDemonstrations(String question, String what, Supplier<T> create,
            Consumer<T> start) {
        return new Shared<>(null, false, true, question, what, create, start);
    }

    /**
     * The same, shared by every class that registers this one instance: started by the first of them, stopped when the
     * run ends (for what no question changes, or changes under a {@code @ResourceLock} every user of it takes).
     */
    public static <T extends Startable> Shared<T> forTheRun(String question, String what, Supplier<T> create,
            Consumer<T> start) {
        return new Shared<>(null, true, false, question, what, create, start);
    }

    /** The same resource, for a class that uses it in demonstrations only: its grading run does not start it. */
    public Shared<T> inDemonstrationsOnly() {
        return new Shared<>(key, forTheRun, true, question, what, create, start);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void beforeAll(ExtensionContext context) {
        ExtensionContext owner = forTheRun ? context.getRoot() : context;
        resource = owner.getStore(NAMESPACE).computeIfAbsent(key, k -> new Resource<>(question, what, create, start),
                Resource.class);
        // else a question that asks for it starts it (get())
        if (RunPlan.mayUseDocker(context.getUniqueId()) && !(forDemonstrations && RunPlan.gradingRun())) {
            resource.startInBackground();
        }
    }

    /**
     * Stops in the background what a test no longer needs, so that its verdict comes first (awaited at the run's end,
     * as the stops of the classes' shared containers).
     */
    public static void stopInBackground(Startable resource) {
        STOPPING.add(CompletableFuture.runAsync(resource::stop));
    }

    /** Stops it when the run ends, beside the other stops: for a container several classes share. */
    public static void stopAtEndOfRun(Startable resource) {
        AT_END_OF_RUN.add(resource);
    }

    /** Stops what the run shares, then waits (bounded) for the stops the classes and tests started. */
    static void awaitStops(Duration atMost) {
        AT_END_OF_RUN.forEach(Shared::stopInBackground);
        AT_END_OF_RUN.clear();
        try {
            CompletableFuture.allOf(STOPPING.toArray(CompletableFuture[]::new)).get(atMost.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println(Lang.text("message.stop-unclean", e));
        }
    }

    /** The started resource; fails (at once, after the first time) when it could not start. */
    public T get() {
        if (resource == null) {
            throw new IllegalStateException("declare it as @RegisterExtension static final");
        }
        return DockerTime.during(resource.started::get);
    }

    /** Held in the class's store: JUnit closes it after the class, which stops what was created. */
    private static final class Resource<T extends Startable> implements AutoCloseable {
        private final Prerequisite<T> started;
        private volatile T created;
        private CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);
        private boolean startRequested;

        Resource(String question, String what, Supplier<T> create, Consumer<T> start) {
            this.started = new Prerequisite<>(question, what, () -> {
                created = create.get(); // kept first: close() stops even what failed to start
                start.accept(created);
                return created;
            });
        }

        synchronized void startInBackground() {
            if (!startRequested) {
                startRequested = true;
                starting = CompletableFuture.runAsync(started::prepare); // prepare() keeps failures, never throws
            }
        }

        @Override
        public synchronized void close() {
            // a start still under way ends first: what it created is then stopped whole
            STOPPING.add(starting.thenRunAsync(() -> {
                T toStop = created;
                if (toStop != null) {
                    toStop.stop();
                }
            }));
        }
    }
}
