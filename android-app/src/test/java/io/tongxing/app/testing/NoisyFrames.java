package io.tongxing.app.testing;

import io.tongxing.qr.QrCode;
import java.util.Random;

/**
 * Camera-like luminance planes: a QR code drawn off-centre on an unevenly lit grey background, with
 * Gaussian sensor noise, as a phone at arm's length sees a code on another phone's screen.
 */
public final class NoisyFrames {
    private NoisyFrames() {
    }

    /** A {@code width × height} Y plane holding {@code code} at {@code pixelsPerModule}. */
    public static byte[] frame(QrCode code, int width, int height, int pixelsPerModule, long seed) {
        Random random = new Random(seed);
        byte[] frame = new byte[width * height];
        int side = (code.size() + 8) * pixelsPerModule;
        int left = (width - side) / 2 + 31;
        int top = (height - side) / 2 - 17;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int level = 140 + (x * 50 / width) - (y * 35 / height);
                if (x >= left && y >= top && x < left + side && y < top + side) {
                    int mx = (x - left) / pixelsPerModule - 4;
                    int my = (y - top) / pixelsPerModule - 4;
                    boolean dark = mx >= 0 && my >= 0 && mx < code.size() && my < code.size() && code.isDark(mx, my);
                    level = dark ? 45 : 210;
                }
                int value = level + (int) Math.round(random.nextGaussian() * 16);
                frame[y * width + x] = (byte) Math.max(0, Math.min(255, value));
            }
        }
        return frame;
    }

    /** Noise only: what the camera sees when no code is in view. */
    public static byte[] noise(int width, int height, long seed) {
        byte[] frame = new byte[width * height];
        new Random(seed).nextBytes(frame);
        return frame;
    }
}
