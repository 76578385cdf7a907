package io.tongxing.app.android;

import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.InitializationError;
import org.robolectric.internal.bytecode.InstrumentationConfiguration;

/**
 * Robolectric for tests that also run a real region server in the same JVM. The embedded PostgreSQL library
 * is loaded outside Robolectric's sandbox: inside, its class loader answers a resource lookup twice and the
 * library refuses to choose between "duplicate" PostgreSQL binaries.
 */
public final class RegionServerRunner extends AppRunner {

    public RegionServerRunner(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    protected InstrumentationConfiguration createClassLoaderConfig(FrameworkMethod method) {
        // The class is named too: Robolectric tells sandboxes apart by the classes, not the packages, they leave
        // out, and would otherwise reuse a sandbox that acquired the library.
        return new InstrumentationConfiguration.Builder(super.createClassLoaderConfig(method))
                .doNotAcquirePackage("io.zonky.")
                // PDFBox renders a printed paper card for the camera; it needs no Android and is left alone.
                .doNotAcquirePackage("org.apache.pdfbox.")
                .doNotAcquirePackage("org.apache.fontbox.")
                .doNotAcquireClass("io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver")
                .build();
    }
}
