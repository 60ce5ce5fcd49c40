package dockerlab.support;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.lifecycle.Startable;

/**
 * A container or a compose stack the questions of one class share ({@code @RegisterExtension static final}):
 * started by the first question that needs it, so one that never gets ready fails those questions (each with one
 * line after the first), and stopped by JUnit when the class ends, through the class's extension store, whether
 * the class runs alone (an IDE), in a whole run, or beside others in parallel.
 */
public final class Shared<T extends Startable> implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Shared.class);

    private final String question;
    private final String what;
    private final Supplier<T> create;
    private final Consumer<T> start;
    private volatile Resource<T> resource;

    private Shared(String question, String what, Supplier<T> create, Consumer<T> start) {
        this.question = question;
        this.what = what;
        this.create = create;
        this.start = start;
    }

    /** {@code create} builds it (cheap, not started); {@code start} starts it, or fails with an explanation. */
    public static <T extends Startable> Shared<T> of(String question, String what, Supplier<T> create, Consumer<T> start) {
        return new Shared<>(question, what, create, start);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void beforeAll(ExtensionContext context) {
        resource = context.getStore(NAMESPACE).computeIfAbsent(this, key -> new Resource<>(question, what, create, start),
                Resource.class);
    }

    /** The started resource; fails (at once, after the first time) when it could not start. */
    public T get() {
        if (resource == null) {
            throw new IllegalStateException("declare it as @RegisterExtension static final");
        }
        return resource.started.get();
    }

    /** Held in the class's store: JUnit closes it after the class, which stops what was created. */
    private static final class Resource<T extends Startable> implements AutoCloseable {
        private final Prerequisite<T> started;
        private volatile T created;

        Resource(String question, String what, Supplier<T> create, Consumer<T> start) {
            this.started = new Prerequisite<>(question, what, () -> {
                created = create.get(); // kept first: close() stops even what failed to start
                start.accept(created);
                return created;
            });
        }

        @Override
        public void close() {
            if (created != null) {
                created.stop();
            }
        }
    }
}
