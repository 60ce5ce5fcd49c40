package dockerlab.grading;

import dockerlab.config.Part;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A machine-graded question: what the student wrote ({@link #parts()}) decides whether it passes. Its number
 * ({@link #question()}) is its identity; display names in both languages start with it, hints.md files use it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Tag("graded")
public @interface Graded {

    /** The question's number in the exercise README ("4.b"): its one identity, in every language. */
    String question();

    int points() default 1;

    /** The student's files this question grades; a failure points at their TODOs. */
    Part[] parts();
}
