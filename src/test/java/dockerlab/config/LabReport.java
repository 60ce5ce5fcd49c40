package dockerlab.config;

import org.junit.jupiter.api.TestReporter;

/** What a question reports besides pass or fail: shown by the IDE (report entry) and in Maven's console. */
public final class LabReport {

    private LabReport() {
    }

    public static void entry(TestReporter reporter, String key, Object value) {
        reporter.publishEntry(key, String.valueOf(value));
        System.out.println("[docker-lab] " + key + (Lang.french() ? " : " : ": ") + value);
    }
}
