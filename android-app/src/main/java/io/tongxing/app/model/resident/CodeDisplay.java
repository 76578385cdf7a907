package io.tongxing.app.model.resident;

import io.tongxing.app.platform.Screen;
import io.tongxing.app.platform.Ticker;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Keeps a code on screen the way a checkpoint needs it: brightness up, capture blocked, the QR redrawn
 * with a fresh holder proof every 30 seconds, and a clock running every second beside it (an officer who
 * only glances sees the screen is live, not a screenshot), for as long as it is shown.
 */
final class CodeDisplay {
    /** Half the default proof window (60 s), so a QR on screen is always acceptable. */
    static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration CLOCK = Duration.ofSeconds(1);
    private static final DateTimeFormatter CLOCK_FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Screen screen;
    private final Ticker ticker;
    private Ticker.Cancellable ticking;
    private Ticker.Cancellable clockTicking;

    CodeDisplay(Screen screen, Ticker ticker) {
        this.screen = screen;
        this.ticker = ticker;
    }

    /** Shows the code: {@code refresh} redraws the QR every 30 s, {@code tick} moves the clock every second. */
    synchronized void show(Runnable refresh, Runnable tick) {
        if (ticking != null) {
            return;
        }
        screen.raiseBrightness(true);
        screen.blockCapture(true);
        ticking = ticker.every(REFRESH, refresh);
        clockTicking = ticker.every(CLOCK, tick);
    }

    synchronized void hide() {
        if (ticking == null) {
            return;
        }
        ticking.cancel();
        ticking = null;
        clockTicking.cancel();
        clockTicking = null;
        screen.raiseBrightness(false);
        screen.blockCapture(false);
    }

    /** The running clock's words: "实时 · 10:23:45". */
    static String clockText(Localizer words, Clock clock) {
        return words.text(Text.CODE_CLOCK, CLOCK_FORMAT.withZone(clock.getZone()).format(clock.instant()));
    }

    synchronized boolean showing() {
        return ticking != null;
    }
}
