package io.tongxing.app.android;

import android.content.Context;
import android.graphics.drawable.BitmapDrawable;
import android.view.View;
import android.widget.ImageView;
import io.tongxing.qr.QrCode;

/** A QR on screen, drawn sharp at any size, redrawn only when its text changes; described for screen readers. */
final class CodeImage {
    private final ImageView image;
    private String shownText;

    CodeImage(Context context) {
        image = new ImageView(context);
        image.setAdjustViewBounds(true);
    }

    View view() {
        return image;
    }

    void show(QrCode code, String text, String description) {
        if (!text.equals(shownText)) {
            BitmapDrawable drawable = new BitmapDrawable(image.getResources(), QrBitmaps.of(code));
            drawable.setFilterBitmap(false);
            image.setImageDrawable(drawable);
            shownText = text;
        }
        image.setContentDescription(description);
    }
}
