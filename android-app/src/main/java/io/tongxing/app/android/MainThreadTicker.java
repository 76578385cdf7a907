package io.tongxing.app.android;

import android.os.Handler;
import android.os.Looper;
import io.tongxing.app.platform.Ticker;
import java.time.Duration;

/** Ticks on the main thread, where the screens render. */
final class MainThreadTicker implements Ticker {
    private final Handler handler = new Handler(Looper.getMainLooper());

    @Override
    public Cancellable every(Duration period, Runnable task) {
        long millis = period.toMillis();
        Runnable repeating = new Runnable() {
            @Override
            public void run() {
                task.run();
                handler.postDelayed(this, millis);
            }
        };
        handler.postDelayed(repeating, millis);
        return () -> handler.removeCallbacks(repeating);
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        Runnable once = task::run;
        handler.postDelayed(once, delay.toMillis());
        return () -> handler.removeCallbacks(once);
    }
}
