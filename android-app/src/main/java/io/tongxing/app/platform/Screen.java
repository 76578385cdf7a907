package io.tongxing.app.platform;

/**
 * What a screen showing a code asks of the display: full brightness, so a scanner reads the QR through
 * glare, and secure mode (Android's FLAG_SECURE), so the code cannot be screenshotted or recorded.
 */
public interface Screen {

    void raiseBrightness(boolean raised);

    void blockCapture(boolean blocked);
}
