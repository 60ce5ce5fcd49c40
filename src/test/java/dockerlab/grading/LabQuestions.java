package dockerlab.grading;

import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.config.Prerequisite;
import dockerlab.docker.RunPlan;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Registered for every test (extension auto-detection): a failing question's message ends with the TODOs still
 * open in the files it grades and its first hint, so a student knows where to go next.
 */
public final class LabQuestions implements TestExecutionExceptionHandler, InvocationInterceptor, ExecutionCondition {

    /** The reason JUnit is given for a demonstration a grading run ({@link RunPlan#gradingRun()}) leaves out. */
    public static final String DEMONSTRATION_SKIPPED = "a grading run: demonstrations score nothing";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!RunPlan.gradingRun()) {
            return ConditionEvaluationResult.enabled("");
        }
        boolean demonstrationsOnly = context.getTestMethod().map(m -> m.isAnnotationPresent(Demonstration.class))
                .orElseGet(() -> context.getTestClass().map(LabQuestions::demonstrationsOnly).orElse(false));
        return demonstrationsOnly ? ConditionEvaluationResult.disabled(DEMONSTRATION_SKIPPED)
                : ConditionEvaluationResult.enabled("");
    }

    /** A class whose every test is a demonstration: in a grading run its containers are not even started. */
    private static boolean demonstrationsOnly(Class<?> testClass) {
        List<Method> tests = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.junit.jupiter.api.Test.class)).toList();
        return !tests.isEmpty() && tests.stream().allMatch(m -> m.isAnnotationPresent(Demonstration.class));
    }

    /** The lab's self-check of its fail-closed path: {@code -Dlab.inject-fault=1.b} makes the lab throw in that question. */
    static final String FAULT_PROPERTY = "lab.inject-fault";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        String fault = System.getProperty(FAULT_PROPERTY, "");
        if (!fault.isEmpty() && Questions.number(context.getRequiredTestMethod()).orElse("").equals(fault)) {
            invocation.skip();
            throw new IllegalStateException("a fault injected into the lab by -D" + FAULT_PROPERTY + "=" + fault);
        }
        invocation.proceed();
    }

    private static final int MAX_TODOS = 3;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Method test = context.getRequiredTestMethod();
        Optional<String> question = Questions.number(test);
        if (question.isEmpty() || Questions.kind(test) == Questions.Kind.OTHER || !(failure instanceof AssertionError)) {
            throw failure; // an exception that is no assertion is the lab's (or Docker's) trouble: no TODO points at it
        }
        if (Lang.french() && failure.getMessage() != null) {
            String french = Lang.failure(failure.getMessage());
            failure = failure instanceof Prerequisite.PrerequisiteFailed ? new Prerequisite.PrerequisiteFailed(french)
                    : new AssertionError(french, failure);
        }
        List<String> advice = new ArrayList<>();
        for (String todo : openTodos(parts(test), question.get())) {
            advice.add(Lang.text("message.still-todo", todo));
        }
        for (String hint : Hints.shown(question.get())) {
            advice.add(Lang.text("message.hint", hint));
        }
        if (advice.isEmpty()) {
            throw failure;
        }
        String message = String.valueOf(failure.getMessage()).strip() + "\n" + String.join("\n", advice);
        throw failure instanceof Prerequisite.PrerequisiteFailed ? new Prerequisite.PrerequisiteFailed(message)
                : new AssertionError(message, failure);
    }

    private static List<Part> parts(Method test) {
        Graded graded = test.getAnnotation(Graded.class);
        return graded != null ? Arrays.asList(graded.parts())
                : test.isAnnotationPresent(TeacherGraded.class) ? List.of(Part.ANSWERS) : List.of();
    }

    /** The TODO lines left in the student's files, those naming this question first; for the sheet, its own entry. */
    static List<String> openTodos(List<Part> parts, String question) {
        List<String> own = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Part part : parts) {
            List<String> lines = dockerlab.submission.Submission.linesOrEmpty(part);
            String section = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (part == Part.ANSWERS && line.startsWith("## ")) {
                    section = Questions.leadingNumber(line.substring(3)).orElse(null);
                }
                // HANDOUT lines are the teacher's edition's copy of the hand-out's TODOs, not open work
                if (!line.contains("TODO") || line.contains("HANDOUT:") || line.contains("HANDOUT-fr:") || part == Part.ANSWERS && !question.equals(section)) {
                    continue;
                }
                String where = part.path() + ":" + (i + 1) + ": " + line;
                (line.contains(question) || part == Part.ANSWERS ? own : others).add(where);
            }
        }
        own.addAll(others);
        return own.subList(0, Math.min(MAX_TODOS, own.size()));
    }
}
