package io.tongxing.app.android;

import android.content.Context;
import android.graphics.Canvas;
import android.graphics.Color;
import android.graphics.Paint;
import android.view.View;
import io.tongxing.app.model.checkpoint.Viewfinder;

/**
 * Drawn over the camera preview: the square the scanner decodes, bright corners around it and the rest
 * dimmed, so the officer knows where to hold the code. It takes no touches (taps reach the preview).
 */
final class ViewfinderView extends View {
    private static final int FRAME_WIDTH = 1280;
    private static final int FRAME_HEIGHT = 720;
    private final Paint dim = new Paint();
    private final Paint corner = new Paint(Paint.ANTI_ALIAS_FLAG);

    ViewfinderView(Context context) {
        super(context);
        dim.setColor(Color.argb(0x88, 0, 0, 0));
        corner.setColor(Color.WHITE);
        corner.setStrokeWidth(Views.dp(context, 4));
        corner.setStyle(Paint.Style.STROKE);
        // A dark edge keeps the white corners visible over a bright scene.
        corner.setShadowLayer(Views.dp(context, 2), 0, 0, Color.BLACK);
        setLayerType(LAYER_TYPE_SOFTWARE, corner);
        setImportantForAccessibility(IMPORTANT_FOR_ACCESSIBILITY_NO);
    }

    /** The square in this view's pixels. */
    Viewfinder square() {
        return Viewfinder.of(getWidth(), getHeight(), FRAME_WIDTH, FRAME_HEIGHT);
    }

    @Override
    protected void onDraw(Canvas canvas) {
        Viewfinder square = square();
        int w = getWidth();
        int h = getHeight();
        canvas.drawRect(0, 0, w, square.top(), dim);
        canvas.drawRect(0, square.bottom(), w, h, dim);
        canvas.drawRect(0, square.top(), square.left(), square.bottom(), dim);
        canvas.drawRect(square.right(), square.top(), w, square.bottom(), dim);
        // The corners sit a little inside the decoded square: a code held within them is surely read.
        float inset = corner.getStrokeWidth() / 2 + Math.min(square.right() - square.left(), square.bottom() - square.top()) * 0.06f;
        float l = square.left() + inset;
        float t = square.top() + inset;
        float r = square.right() - inset;
        float b = square.bottom() - inset;
        float arm = Math.min(r - l, b - t) / 6;
        canvas.drawLine(l, t, l + arm, t, corner);
        canvas.drawLine(l, t, l, t + arm, corner);
        canvas.drawLine(r, t, r - arm, t, corner);
        canvas.drawLine(r, t, r, t + arm, corner);
        canvas.drawLine(l, b, l + arm, b, corner);
        canvas.drawLine(l, b, l, b - arm, corner);
        canvas.drawLine(r, b, r - arm, b, corner);
        canvas.drawLine(r, b, r, b - arm, corner);
    }
}
