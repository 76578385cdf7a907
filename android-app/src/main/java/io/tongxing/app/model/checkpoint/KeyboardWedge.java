package io.tongxing.app.model.checkpoint;

import io.tongxing.qr.QrText;
import java.util.Optional;

/**
 * Text from a hardware scanner that acts as a keyboard: it types the QR's text and then Enter. Characters
 * are collected until Enter; anything longer than a QR can hold is cut one character past the limit, so
 * that the verifier answers INPUT_TOO_LARGE rather than the phone buffering without end.
 */
public final class KeyboardWedge {
    private final StringBuilder typed = new StringBuilder();

    /** A typed character; returns the scanned text when it is Enter and something was typed before it. */
    public synchronized Optional<String> typed(char c) {
        if (c == '\n' || c == '\r') {
            if (typed.length() == 0) {
                return Optional.empty();
            }
            String text = typed.toString();
            typed.setLength(0);
            return Optional.of(text);
        }
        if (typed.length() <= QrText.MAX_LENGTH) {
            typed.append(c);
        }
        return Optional.empty();
    }

    /** Forgets a half-typed code (the screen was left). */
    public synchronized void clear() {
        typed.setLength(0);
    }
}
