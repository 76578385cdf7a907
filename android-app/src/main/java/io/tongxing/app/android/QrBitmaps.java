package io.tongxing.app.android;

import android.graphics.Bitmap;
import android.graphics.Color;
import io.tongxing.qr.QrCode;

/** Draws a {@link QrCode} into a bitmap, with the four-module quiet zone, for an ImageView to scale. */
final class QrBitmaps {
    private static final int QUIET_ZONE = 4;
    private static final int PIXELS_PER_MODULE = 8;

    private QrBitmaps() {
    }

    static Bitmap of(QrCode code) {
        int modules = code.size() + 2 * QUIET_ZONE;
        int side = modules * PIXELS_PER_MODULE;
        int[] pixels = new int[side * side];
        for (int y = 0; y < side; y++) {
            int my = y / PIXELS_PER_MODULE - QUIET_ZONE;
            for (int x = 0; x < side; x++) {
                int mx = x / PIXELS_PER_MODULE - QUIET_ZONE;
                boolean dark = mx >= 0 && my >= 0 && mx < code.size() && my < code.size() && code.isDark(mx, my);
                pixels[y * side + x] = dark ? Color.BLACK : Color.WHITE;
            }
        }
        return Bitmap.createBitmap(pixels, side, side, Bitmap.Config.ARGB_8888);
    }
}
