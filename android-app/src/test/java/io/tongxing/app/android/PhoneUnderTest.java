package io.tongxing.app.android;

import android.app.Activity;
import android.app.Application;
import android.content.Intent;
import android.os.Bundle;
import org.robolectric.RuntimeEnvironment;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MutableClock;
import java.time.Instant;
import org.robolectric.Robolectric;
import org.robolectric.android.controller.ActivityController;

/**
 * The app on a Robolectric phone, wired for a test: the test's clock, a ticker the test advances, work done at
 * once instead of on a background thread, a stand-in Android Keystore, and the server the test names (as if the
 * person had confirmed it on the server screen). {@link #processDeath} starts the app's process anew over the
 * same files and keys, as Android does when it kills an app in the background.
 */
final class PhoneUnderTest {
    final MutableClock clock;
    final ManualTicker ticker;
    final Application app;
    final TestKeyStore keys;
    AppGraph graph;

    private PhoneUnderTest(MutableClock clock, String serverUrl) {
        this.clock = clock;
        this.ticker = new ManualTicker(clock);
        this.app = RuntimeEnvironment.getApplication();
        this.keys = TestKeyStore.install();
        new PhoneSettings(app).confirmServer(serverUrl);
        newProcess();
    }

    /** A phone talking to {@code serverUrl}, its clock at {@code now}. */
    static PhoneUnderTest at(Instant now, String serverUrl) {
        return new PhoneUnderTest(new MutableClock(now), serverUrl);
    }

    /** A phone whose server is never reached (nothing listens on port 9 of this machine). */
    static PhoneUnderTest offline(Instant now) {
        return at(now, "http://127.0.0.1:9");
    }

    /** A phone sharing {@code clock} with a test's region server. */
    static PhoneUnderTest sharing(MutableClock clock, String serverUrl) {
        return new PhoneUnderTest(clock, serverUrl);
    }

    /** The app's process starts again: a new graph over the same files, settings and Keystore. */
    void newProcess() {
        graph = new AppGraph(app, clock, ticker, Runnable::run);
        TongxingApplication.useGraph(app, graph);
    }

    /** Opens a screen as the person would (created, started, resumed, visible). */
    <A extends Activity> ActivityController<A> open(Class<A> screen) {
        return Robolectric.buildActivity(screen).setup();
    }

    /** Opens a screen with the intent another screen started it with (a family member's code, say). */
    <A extends Activity> ActivityController<A> open(Class<A> screen, Intent intent) {
        return Robolectric.buildActivity(screen, intent).setup();
    }

    /**
     * The screen is killed with the process while in the background and opened again: its saved state is all
     * that is left of it, and the app's objects are made anew.
     */
    <A extends Activity> ActivityController<A> afterProcessDeath(ActivityController<A> running, Class<A> screen) {
        Bundle saved = new Bundle();
        Intent intent = running.get().getIntent();
        running.pause().saveInstanceState(saved).stop().destroy();
        newProcess();
        // Android keeps the intent that started the screen with its saved state.
        return Robolectric.buildActivity(screen, intent).setup(saved);
    }
}
