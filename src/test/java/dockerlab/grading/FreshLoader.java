package dockerlab.grading;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Loads every class of the lab again ({@code dockerlab.*}, from the class path's folders), and only those: a run in it
 * starts from nothing (no shared stack, no cached verdict, system properties read anew) while the JVM, Docker's client
 * and the libraries stay warm. {@code ./lab watch} runs each save this way, the grader's self-check each case.
 */
public final class FreshLoader extends URLClassLoader {

    private final String keptPrefix;

    /** {@code caller}'s classes (a front door that lives across runs) stay those of the parent. */
    public FreshLoader(Class<?> caller) {
        super(labFolders(), caller.getClassLoader());
        this.keptPrefix = caller.getName();
    }

    /** Calls the public static method {@code method} of {@code className}, loaded by a fresh loader, as its thread's. */
    public static Object call(Class<?> caller, String className, String method, Object... args) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (FreshLoader loader = new FreshLoader(caller)) {
            thread.setContextClassLoader(loader);
            for (var m : loader.loadClass(className).getMethods()) {
                if (m.getName().equals(method)) {
                    return m.invoke(null, args);
                }
            }
            throw new IllegalStateException("no method " + method + " in " + className);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static URL[] labFolders() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> Files.isDirectory(Path.of(entry)))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("dockerlab.") || name.startsWith(keptPrefix) || name.equals(FreshLoader.class.getName())) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
