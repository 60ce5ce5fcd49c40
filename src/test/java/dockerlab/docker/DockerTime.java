package dockerlab.docker;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The time a question spends waiting on Docker: builds, container starts and their readiness, compose and docker
 * commands, waits for a stack or a container to be healthy, and for a shared stack started in the background. The
 * lab's own time (its checks, HTTP calls, parsing, the JVM) is the rest of the question's time. Counted per thread:
 * {@link PerTest} opens a count around a test method, on the thread that runs it (its time limit's own thread), and
 * keeps it for the scorecard; a test run inside another's wait (as JUnit's pool may do) gets its own; a call inside a
 * counted call is not counted twice.
 */
public final class DockerTime {

    private static final Map<String, Long> BY_TEST = new ConcurrentHashMap<>();

    /** Counts the Docker time of each test method (registered for every test class, as the lab's other extensions). */
    public static final class PerTest implements InvocationInterceptor {
        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                        ExtensionContext context) throws Throwable {
            begin();
            try {
                invocation.proceed();
            } finally {
                BY_TEST.put(context.getUniqueId(), end());
            }
        }
    }

    /** The Docker time of a test that ended, in nanoseconds (0 if it never ran), once. */
    public static long taken(String testUniqueId) {
        Long nanos = BY_TEST.remove(testUniqueId);
        return nanos == null ? 0 : nanos;
    }

    private static final ThreadLocal<Deque<long[]>> COUNTS = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private DockerTime() {
    }

    /** A test starts on this thread. */
    public static void begin() {
        COUNTS.get().push(new long[1]);
    }

    /** The test that started last on this thread ends: its Docker time, in nanoseconds. */
    public static long end() {
        Deque<long[]> counts = COUNTS.get();
        return counts.isEmpty() ? 0 : counts.pop()[0];
    }

    /** Runs a call on Docker, counting its time for the test running on this thread. */
    public static <T> T during(Supplier<T> call) {
        int[] depth = DEPTH.get();
        long start = System.nanoTime();
        depth[0]++;
        try {
            return call.get();
        } finally {
            depth[0]--;
            long[] count = COUNTS.get().peek();
            if (depth[0] == 0 && count != null) {
                count[0] += System.nanoTime() - start;
            }
        }
    }

    public static void during(Runnable call) {
        during(() -> {
            call.run();
            return null;
        });
    }
}
