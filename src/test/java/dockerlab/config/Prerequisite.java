package dockerlab.config;

import java.util.function.Supplier;

/**
 * A step several questions need (the API compiles, the image builds, the compose file is accepted), done once
 * per run. When it fails, the first question that needs it shows the whole explanation; every other one fails
 * with one short line naming the prerequisite's question and that explanation's first line.
 */
public final class Prerequisite<T> {

    private final String question;
    private final String what;
    private final Supplier<T> work;
    private boolean done;
    private T value;
    private Throwable failure; // an AssertionError (the student's) or a RuntimeException (the lab's)
    private boolean explained;

    public Prerequisite(String question, String what, Supplier<T> work) {
        this.question = question;
        this.what = what;
        this.work = work;
    }

    public synchronized T get() {
        prepare();
        if (failure == null) {
            return value;
        }
        // it failed because an earlier prerequisite did: name that one
        if (failure instanceof PrerequisiteFailed alreadyShort) {
            throw alreadyShort;
        }
        if (failure instanceof LabError.Again alreadyShort) {
            throw alreadyShort;
        }
        if (!explained) {
            explained = true;
            if (failure instanceof AssertionError assertion) {
                throw assertion;
            }
            throw (RuntimeException) failure;
        }
        String line = Lang.text("message.needs", what, question, firstLine(failure.getMessage()));
        if (failure instanceof AssertionError) {
            throw new PrerequisiteFailed(line);
        }
        throw new LabError.Again(line);
    }

    /**
     * Does the work now if it was not done, and keeps its failure for the first question that asks, which then
     * shows the whole explanation (a class starts its shared stacks this way, side by side, before its questions).
     */
    public synchronized void prepare() {
        if (!done) {
            try {
                value = work.get();
            } catch (AssertionError e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = e; // not the student's doing: a lab or infrastructure error
            }
            done = true;
        }
    }

    /** Fails with the short line when this prerequisite already failed; never runs it. */
    public synchronized void failIfFailed() {
        if (done && failure != null) {
            get();
        }
    }

    public static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }

    /** The short failure of a question whose prerequisite failed earlier in the run. */
    public static final class PrerequisiteFailed extends AssertionError {
        public PrerequisiteFailed(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // one line, no stack trace: the cause was shown with the first failure
        }
    }
}
