package dockerlab.support;

import org.testcontainers.containers.ComposeContainer;

/**
 * The compose stack a class's questions share: brought up by the first question that needs it (so a stack that
 * does not come up fails those questions, each with one line after the first), brought down by the class.
 */
public final class SharedStack {

    private final Prerequisite<ComposeContainer> up;
    private ComposeContainer stack;

    public SharedStack(String question) {
        up = new Prerequisite<>(question, "the stack of compose.yaml (`docker compose up -d`)", () -> {
            stack = LabStack.stack(); // assigned first: down() brings down even a stack that failed to come up
            return LabStack.up(stack);
        });
    }

    public ComposeContainer get() {
        return up.get();
    }

    /** {@code docker compose down -v}, if anything was started. */
    public void down() {
        if (stack != null) {
            stack.stop();
        }
    }
}
