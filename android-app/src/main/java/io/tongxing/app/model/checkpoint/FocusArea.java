package io.tongxing.app.model.checkpoint;

/**
 * The sensor region to focus on when the officer taps the preview: a square a tenth of the sensor's
 * short side around the tapped point, kept inside the sensor. A portrait preview shows the sensor turned
 * a quarter clockwise (the usual back camera, sensor orientation 90°), so the tap's vertical position is
 * the sensor's horizontal one.
 *
 * @param left {@code top}, {@code width}, {@code height}: in the sensor's active-array pixels
 */
public record FocusArea(int left, int top, int width, int height) {

    /**
     * @param x the tap's position across the preview, 0 (left) to 1 (right)
     * @param y the tap's position down the preview, 0 (top) to 1 (bottom)
     * @param portrait whether the preview is taller than wide (the sensor is then turned)
     */
    public static FocusArea around(double x, double y, boolean portrait, int sensorWidth, int sensorHeight) {
        double sensorX = portrait ? clamp(y) : clamp(x);
        double sensorY = portrait ? 1 - clamp(x) : clamp(y);
        int side = Math.max(1, Math.min(sensorWidth, sensorHeight) / 10);
        int left = (int) Math.round(sensorX * sensorWidth) - side / 2;
        int top = (int) Math.round(sensorY * sensorHeight) - side / 2;
        left = Math.max(0, Math.min(sensorWidth - side, left));
        top = Math.max(0, Math.min(sensorHeight - side, top));
        return new FocusArea(left, top, side, side);
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
