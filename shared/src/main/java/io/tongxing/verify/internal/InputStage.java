package io.tongxing.verify.internal;

import io.tongxing.qr.QrText;
import io.tongxing.verify.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guards the door: refuses input longer than any Tongxing code before reading it, bytes that are not
 * UTF-8, and control characters. One trailing line break ({@code \n}, {@code \r\n} or {@code \r}) is
 * dropped, since hardware scanners that type into the device (keyboard wedges) end each code with
 * Enter. Lengths count Unicode code points, so that any language counts the same.
 */
public final class InputStage {
    /** No text of {@link QrText#MAX_LENGTH} code points and a line break takes more UTF-8 bytes. */
    private static final int MAX_BYTES = QrText.MAX_LENGTH * 4 + 2;

    private InputStage() {
    }

    public static String text(byte[] scanned) {
        if (scanned.length > MAX_BYTES) {
            throw Rejection.of(Reason.INPUT_TOO_LARGE);
        }
        try {
            return text(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(scanned)));
        } catch (CharacterCodingException e) {
            throw Rejection.of(Reason.INPUT_NOT_UTF8);
        }
    }

    public static String text(CharSequence scanned) {
        int end = scanned.length();
        if (end > 0 && scanned.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && scanned.charAt(end - 1) == '\r') {
            end--;
        }
        // UTF-16 length ≥ code points, and at most twice as many: count only where it can matter.
        if (end > QrText.MAX_LENGTH
                && (end > 2 * QrText.MAX_LENGTH || Character.codePointCount(scanned, 0, end) > QrText.MAX_LENGTH)) {
            throw Rejection.of(Reason.INPUT_TOO_LARGE);
        }
        for (int i = 0; i < end; i++) {
            char c = scanned.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                throw Rejection.of(Reason.INPUT_CONTROL_CHARACTERS);
            }
            if (Character.isSurrogate(c)) {
                checkPaired(scanned, i, end);
                i++;
            }
        }
        return scanned.subSequence(0, end).toString();
    }

    /** Text with half a surrogate pair has no UTF-8 form: it cannot have been scanned. */
    private static void checkPaired(CharSequence text, int at, int end) {
        if (!Character.isHighSurrogate(text.charAt(at)) || at + 1 >= end
                || !Character.isLowSurrogate(text.charAt(at + 1))) {
            throw Rejection.of(Reason.INPUT_NOT_UTF8);
        }
    }
}
