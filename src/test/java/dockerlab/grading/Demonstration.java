package dockerlab.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/** Shows Docker behaving as the exercise says; it runs and teaches, but nothing a student wrote decides it: no points. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Tag("demonstration")
public @interface Demonstration {

    /** The question's number in the exercise README ("4.a"): its one identity, in every language. */
    String question();
}
