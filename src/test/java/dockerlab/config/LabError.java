package dockerlab.config;

import dockerlab.docker.Docker;

/**
 * Something went wrong that is not the student's doing: Docker unreachable, an image missing, a daemon error, a
 * bug of the lab. A question that ends with one (or with any exception that is not an assertion) is marked as a lab
 * or infrastructure error: it gives no points, the run is not a grade, and the scorecard says why.
 */
public class LabError extends RuntimeException {

    public LabError(String message) {
        super(message);
    }

    public LabError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The short failure of a question whose prerequisite already hit a lab error: one line, no stack trace. */
    public static final class Again extends LabError {
        public Again(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
