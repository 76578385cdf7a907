package io.tongxing.app.model.checkpoint;

/**
 * Where, on the camera preview, lies the square the scanner decodes: the centre square of each frame
 * ({@code QrScanner.scanLuminance}), as large as the frame's short side. The preview shows the whole frame
 * stretched over the view, the frame's long side along the view's long side (a portrait phone shows its
 * landscape sensor turned), so the square spans the view's short side and the middle part of its long side.
 *
 * @param left {@code top}, {@code right}, {@code bottom}: the square in view pixels
 */
public record Viewfinder(int left, int top, int right, int bottom) {

    public static Viewfinder of(int viewWidth, int viewHeight, int frameWidth, int frameHeight) {
        double share = (double) Math.min(frameWidth, frameHeight) / Math.max(frameWidth, frameHeight);
        if (viewHeight >= viewWidth) {
            int height = (int) Math.round(viewHeight * share);
            int top = (viewHeight - height) / 2;
            return new Viewfinder(0, top, viewWidth, top + height);
        }
        int width = (int) Math.round(viewWidth * share);
        int left = (viewWidth - width) / 2;
        return new Viewfinder(left, 0, left + width, viewHeight);
    }
}
