package dockerlab.grading;

import dockerlab.support.Part;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A machine-graded question: what the student wrote ({@link #parts()}) decides whether it passes. Its number is
 * the start of the display name ("4.b ..."); its hints are in the exercise's hints.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Tag("graded")
public @interface Graded {

    int points() default 1;

    /** The student's files this question grades; a failure points at their TODOs. */
    Part[] parts();
}
