package dockerlab.grading;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the lab knows of a test: its question number, its kind and its points. */
public final class Questions {

    private static final Pattern NUMBER = Pattern.compile("^(\\d+\\.[a-z])\\b");
    private static final Pattern EXERCISE = Pattern.compile("Exercise(\\d\\d)");

    public enum Kind { GRADED, DEMONSTRATION, TEACHER_GRADED, OTHER }

    private Questions() {
    }

    /** "4.b" from "4.b GET /health answers ...". */
    public static Optional<String> number(String displayName) {
        Matcher m = NUMBER.matcher(displayName.strip());
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
