package dockerlab.watch;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dockerlab.config.Part;
import dockerlab.grading.Graded;
import dockerlab.grading.Hints;
import dockerlab.grading.Questions;
import dockerlab.grading.Scorecard;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of the lab's questions, as {@code ./mvnw test} runs them (the same engine, configuration and listeners),
 * in a class loader of its own that {@link Lab} makes fresh for every run: each run starts from nothing (its own
 * snapshot of the student's files, its own prerequisites), while Testcontainers and JUnit stay warm in the JVM.
 * It speaks to {@link Lab} in the JDK's types only: one map per question.
 */
public final class Rerun {

    private Rerun() {
    }

    /** Every question of the lab (nothing runs): class, method, number, kind, exercise, parts, name. */
    public static List<Map<String, String>> questions() {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("dockerlab.exercises"));
        List<Map<String, String>> all = new ArrayList<>();
        try (LauncherSession session = LauncherFactory.openSession()) {
            TestPlan plan = session.getLauncher().discover(request.build());
            plan.getRoots().forEach(root -> plan.getDescendants(root).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> describe(plan, test).ifPresent(all::add)));
        }
        return all;
    }

    /**
     * Runs the given tests ("class" or "class#method"), and hands each question's outcome to {@code finished} as soon
     * as it is known; returns them all.
     */
    public static List<Map<String, String>> run(List<String> tests, Consumer<Map<String, String>> finished) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String test : tests) {
            request.selectors(test.contains("#") ? selectMethod(test) : selectClass(test));
        }
        List<Map<String, String>> outcomes = new ArrayList<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionStarted(TestIdentifier test) {
                started.put(test.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                List<TestIdentifier> skipped = test.isTest() ? List.of(test)
                        : plan.getDescendants(test).stream().filter(TestIdentifier::isTest).toList();
                skipped.forEach(t -> finish(t, "lab-error", "skipped: " + reason));
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
                if (test.isTest()) {
                    boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                    finish(test, passed ? "passed" : Scorecard.status(result), message);
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    // a class that failed before its tests (a @BeforeAll): its tests never started
                    plan.getDescendants(test).stream().filter(TestIdentifier::isTest)
                            .filter(t -> !started.containsKey(t.getUniqueId()))
                            .forEach(t -> finish(t, Scorecard.status(result), message));
                }
            }

            private void finish(TestIdentifier test, String status, String message) {
                describe(plan, test).ifPresent(outcome -> {
                    Long start = started.get(test.getUniqueId());
                    outcome.put("status", status);
                    outcome.put("message", message.strip());
                    outcome.put("millis", String.valueOf(start == null ? 0 : (System.nanoTime() - start) / 1_000_000));
                    synchronized (outcomes) {
                        outcomes.add(outcome);
                    }
                    finished.accept(outcome);
                });
            }
        };
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request.build(), listener);
        }
        return outcomes;
    }

    private static Optional<Map<String, String>> describe(TestPlan plan, TestIdentifier test) {
        Optional<Method> method = test.getSource().filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getJavaMethod());
        Optional<String> number = method.flatMap(Questions::number);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        Method m = method.get();
        Map<String, String> question = new LinkedHashMap<>();
        question.put("test", m.getDeclaringClass().getName() + "#" + m.getName() + "(" + Arrays.stream(m.getParameterTypes())
                .map(Class::getName).collect(Collectors.joining(",")) + ")");
        question.put("id", Questions.id(m));
        question.put("number", number.get());
        question.put("kind", Questions.kind(m).name());
        question.put("points", String.valueOf(Questions.points(m)));
        question.put("exercise", Questions.exercise(m.getDeclaringClass()).orElse("--"));
        question.put("title", plan.getParent(test).map(TestIdentifier::getDisplayName).orElse(""));
        question.put("name", test.getDisplayName());
        Graded graded = m.getAnnotation(Graded.class);
        List<Part> parts = graded != null ? Arrays.asList(graded.parts())
                : Questions.kind(m) == Questions.Kind.TEACHER_GRADED ? List.of(Part.ANSWERS) : List.of();
        question.put("parts", parts.stream().map(Part::path).collect(Collectors.joining(" ")));
        question.put("hint", Hints.of(number.get()).stream().findFirst().orElse(""));
        return Optional.of(question);
    }
}
