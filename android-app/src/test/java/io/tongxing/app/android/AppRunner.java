package io.tongxing.app.android;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.InitializationError;
import org.robolectric.RobolectricTestRunner;

/**
 * Robolectric for the app's Activity tests. On a machine without aapt the build could not compile the app's
 * resources (it says so); the tests are then reported skipped rather than failing on the first string.
 */
public class AppRunner extends RobolectricTestRunner {
    private static final boolean RESOURCES = resourcesCompiled();

    public AppRunner(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    protected boolean isIgnored(FrameworkMethod method) {
        return !RESOURCES || super.isIgnored(method);
    }

    private static boolean resourcesCompiled() {
        Properties config = new Properties();
        try (InputStream in = AppRunner.class.getResourceAsStream("/com/android/tools/test_config.properties")) {
            if (in == null) {
                return false;
            }
            config.load(in);
        } catch (IOException e) {
            return false;
        }
        String apk = config.getProperty("android_resource_apk", "");
        boolean compiled = !apk.isEmpty() && Files.isRegularFile(Paths.get(apk));
        if (!compiled) {
            System.err.println("[robolectric] SKIPPED: the app's resources were not compiled (no aapt on this machine)");
        }
        return compiled;
    }
}
