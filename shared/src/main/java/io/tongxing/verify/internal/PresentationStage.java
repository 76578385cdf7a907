package io.tongxing.verify.internal;

import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.qr.QrTextException;
import io.tongxing.verify.Reason;

/** Turns scanned text into a presentation: Tongxing QR text, or a bare compact JWS typed or pasted in. */
public final class PresentationStage {
    private PresentationStage() {
    }

    public static Presentation decode(String text) {
        if (QrText.isTongxing(text)) {
            try {
                return QrText.decode(text);
            } catch (QrTextException e) {
                throw Rejection.of(Reason.QR_FRAME_MALFORMED);
            }
        }
        if (text.startsWith("eyJ") && text.indexOf('.') > 0) {
            return Presentation.of(text);
        }
        throw Rejection.of(Reason.INPUT_NOT_RECOGNIZED);
    }
}
