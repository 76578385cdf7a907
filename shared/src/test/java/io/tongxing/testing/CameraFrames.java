package io.tongxing.testing;

import io.tongxing.qr.QrCode;
import java.util.Random;

/**
 * Camera-like luminance frames: a QR code drawn slightly off-centre on a uneven grey background,
 * with sensor noise, as a phone held at arm's length would capture a code on another phone.
 */
public final class CameraFrames {
    private CameraFrames() {
    }

    /**
     * A {@code width × height} luminance plane holding {@code code} at {@code pixelsPerModule},
     * with Gaussian noise of standard deviation 18 and a brightness gradient.
     */
    public static byte[] noisyFrame(QrCode code, int width, int height, int pixelsPerModule, long seed) {
        Random random = new Random(seed);
        byte[] frame = new byte[width * height];
        int side = (code.size() + 8) * pixelsPerModule;
        int left = (width - side) / 2 + 37;
        int top = (height - side) / 2 - 21;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int base = 150 + (x * 40 / width) - (y * 30 / height);
                int mx = (x - left) / pixelsPerModule - 4;
                int my = (y - top) / pixelsPerModule - 4;
                boolean inside = x >= left && y >= top && x < left + side && y < top + side;
                if (inside) {
                    base = mx >= 0 && my >= 0 && mx < code.size() && my < code.size() && code.isDark(mx, my) ? 40 : 215;
                }
                int value = base + (int) (random.nextGaussian() * 18);
                frame[y * width + x] = (byte) Math.max(0, Math.min(255, value));
            }
        }
        return frame;
    }

    /** A frame of noise only. */
    public static byte[] noise(int width, int height, long seed) {
        byte[] frame = new byte[width * height];
        new Random(seed).nextBytes(frame);
        return frame;
    }
}
