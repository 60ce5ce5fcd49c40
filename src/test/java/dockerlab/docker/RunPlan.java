package dockerlab.docker;

import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * What this run will run (registered as a listener): a class's shared containers and stacks are started as it begins
 * only when one of its selected tests can use them. A written answer reads no Docker, and neither does a
 * demonstration in a grading run (it is not run): watch re-running 5.e alone, or a grading run of exercise 8, starts
 * no stack.
 */
public final class RunPlan implements TestExecutionListener {

    /** A grading run ({@code -Dlab.grading=true} or {@code LAB_GRADING=true}) pays only for points: no demonstration. */
    public static final String GRADING_PROPERTY = "lab.grading";
    /** Set by {@code ./lab watch}: this JVM runs many runs, one a save, and what they share may last its life. */
    public static final String WATCH_PROPERTY = "lab.watch";
    private static final TestTag WRITTEN = TestTag.create("teacher-graded");
    private static final TestTag DEMONSTRATION = TestTag.create("demonstration");
    private static volatile TestPlan current;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        current = testPlan;
        if (gradingRun()) {
            LabFirewall.ensure(); // as root: the grader's host is no service of a submission's containers
            DiskWatch.start(); // as root: the stacks' volumes stay within their budget
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        current = null;
        DiskWatch.stop();
    }

    public static boolean gradingRun() {
        return Boolean.parseBoolean(System.getProperty(GRADING_PROPERTY, System.getenv().getOrDefault("LAB_GRADING", "false")));
    }

    /** False only when the plan is known and none of the class's selected tests can use Docker. */
    public static boolean mayUseDocker(String classUniqueId) {
        TestPlan plan = current;
        if (plan == null) {
            return true;
        }
        try {
            TestIdentifier testClass = plan.getTestIdentifier(UniqueId.parse(classUniqueId));
            return plan.getDescendants(testClass).stream().filter(TestIdentifier::isTest)
                    .anyMatch(test -> mayUseDocker(test.getTags()));
        } catch (RuntimeException unknown) {
            return true; // not in this plan: as before, start it
        }
    }

    static boolean mayUseDocker(Set<TestTag> tags) {
        return !tags.contains(WRITTEN) && !(gradingRun() && tags.contains(DEMONSTRATION));
    }
}
