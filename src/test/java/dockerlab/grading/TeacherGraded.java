package dockerlab.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A written answer the teacher reads and grades: the lab only checks that it is there (not empty, not the TODO)
 * and collects it in target/lab-results/teacher-graded.md. No machine points.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Tag("teacher-graded")
public @interface TeacherGraded {

    /** The question's number in the exercise README and the answer sheet ("2.a"). */
    String question();
}
