package io.tongxing.app.platform;

import java.time.Duration;

/**
 * Runs work later on the screen's thread: a repeating tick (the holder proof refresh) or a single
 * delayed step (back to scanning after a verdict). Android posts to the main looper; tests advance a
 * manual ticker together with their clock, so no test waits for real time.
 */
public interface Ticker {

    /** Runs {@code task} every {@code period}, first after one period, until cancelled. */
    Cancellable every(Duration period, Runnable task);

    /** Runs {@code task} once after {@code delay}, unless cancelled first. */
    Cancellable after(Duration delay, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
