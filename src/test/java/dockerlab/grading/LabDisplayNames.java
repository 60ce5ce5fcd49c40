package dockerlab.grading;

import dockerlab.config.Lang;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Display names in the lab's language, from dockerlab/text_<lang>.properties: the key of a class is its simple
 * name, of a test {@code Class.method}. What has no text (the lab's own checks) keeps its @DisplayName or name.
 */
public final class LabDisplayNames extends DisplayNameGenerator.Standard {

    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        String text = Lang.textOrNull(testClass.getSimpleName());
        return text != null ? text : super.generateDisplayNameForClass(testClass);
    }

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        String text = Lang.textOrNull(testClass.getSimpleName() + "." + testMethod.getName());
        return text != null ? text : super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
    }
}
