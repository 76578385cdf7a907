package io.tongxing.app.android;

import io.tongxing.app.e2e.RegionServerFixture;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.runner.RunWith;

/** Robolectric journeys against one real region server, started for the test class. */
@RunWith(RegionServerRunner.class)
public abstract class RegionServerTest {
    protected static RegionServerFixture region;

    @BeforeClass
    public static void startRegion() {
        region = RegionServerFixture.start();
    }

    @AfterClass
    public static void stopRegion() {
        region.stop();
    }
}
