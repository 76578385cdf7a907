package io.tongxing.app.model.resident;

import io.tongxing.app.platform.Screen;
import io.tongxing.app.platform.Ticker;
import java.time.Duration;

/**
 * Keeps a code on screen the way a checkpoint needs it: brightness up, capture blocked, and the QR
 * redrawn with a fresh holder proof every 30 seconds, for as long as it is shown.
 */
final class CodeDisplay {
    /** Half the default proof window (60 s), so a QR on screen is always acceptable. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private final Screen screen;
    private final Ticker ticker;
    private Ticker.Cancellable ticking;

    CodeDisplay(Screen screen, Ticker ticker) {
        this.screen = screen;
        this.ticker = ticker;
    }

    synchronized void show(Runnable refresh) {
        if (ticking != null) {
            return;
        }
        screen.raiseBrightness(true);
        screen.blockCapture(true);
        ticking = ticker.every(REFRESH, refresh);
    }

    synchronized void hide() {
        if (ticking == null) {
            return;
        }
        ticking.cancel();
        ticking = null;
        screen.raiseBrightness(false);
        screen.blockCapture(false);
    }

    synchronized boolean showing() {
        return ticking != null;
    }
}
