package dockerlab.grading;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lab knows of a test, from its one declaration ({@link Graded}, {@link Demonstration}, {@link TeacherGraded}):
 * its question number, its kind, its points, and its check id. Display names are translations: nothing is read
 * from them.
 */
public final class Questions {

    private static final Pattern NUMBER = Pattern.compile("^(\\d+\\.[a-z])\\b");
    private static final Pattern EXERCISE = Pattern.compile("Exercise(\\d\\d)");

    public enum Kind { GRADED, DEMONSTRATION, TEACHER_GRADED, OTHER }

    private Questions() {
    }

    /** "4.b", as the test declares it; empty for a test that is no question of the lab. */
    public static Optional<String> number(Method test) {
        Graded graded = test.getAnnotation(Graded.class);
        if (graded != null) {
            return Optional.of(graded.question());
        }
        TeacherGraded written = test.getAnnotation(TeacherGraded.class);
        if (written != null) {
            return Optional.of(written.question());
        }
        Demonstration demo = test.getAnnotation(Demonstration.class);
        return demo == null ? Optional.empty() : Optional.of(demo.question());
    }

    /**
     * One check of a question, the same in every language: "3.b imageRunsAsNonRootUser" (a question may have
     * several checks). Fixtures and lab-result.json name checks this way.
     */
    public static String id(Method test) {
        return number(test).orElse("-") + " " + test.getName();
    }

    /** "4.b" at the start of a text (an answer sheet's heading, a display name in the lab's own checks). */
    public static Optional<String> leadingNumber(String text) {
        Matcher m = NUMBER.matcher(text.strip());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** "04" from a class named Exercise04RunTheApiTest. */
    public static Optional<String> exercise(Class<?> testClass) {
        Matcher m = EXERCISE.matcher(testClass.getSimpleName());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static Kind kind(Method test) {
        if (test.isAnnotationPresent(Graded.class)) {
            return Kind.GRADED;
        }
        if (test.isAnnotationPresent(TeacherGraded.class)) {
            return Kind.TEACHER_GRADED;
        }
        return test.isAnnotationPresent(Demonstration.class) ? Kind.DEMONSTRATION : Kind.OTHER;
    }

    public static int points(Method test) {
        Graded graded = test.getAnnotation(Graded.class);
        return graded == null ? 0 : graded.points();
    }
}
