package io.tongxing.app.testing;

import io.tongxing.app.platform.Screen;

/** Remembers what the screen was asked for. */
public final class RecordingScreen implements Screen {
    public volatile boolean bright;
    public volatile boolean secure;
    public volatile int requests;

    @Override
    public void raiseBrightness(boolean raised) {
        bright = raised;
        requests++;
    }

    @Override
    public void blockCapture(boolean blocked) {
        secure = blocked;
        requests++;
    }
}
