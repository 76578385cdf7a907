package io.tongxing.verify.internal;

import io.tongxing.qr.QrText;
import io.tongxing.verify.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guards the door: refuses input longer than any Tongxing code before reading it, bytes that are not
 * UTF-8, and control characters. One trailing line break is dropped, since hardware scanners that
 * type into the device (keyboard wedges) end each code with Enter.
 */
public final class InputStage {
    private InputStage() {
    }

    public static String text(byte[] scanned) {
        if (scanned.length > QrText.MAX_LENGTH * 4) {
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
        if (end > QrText.MAX_LENGTH) {
            throw Rejection.of(Reason.INPUT_TOO_LARGE);
        }
        for (int i = 0; i < end; i++) {
            char c = scanned.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                throw Rejection.of(Reason.INPUT_CONTROL_CHARACTERS);
            }
        }
        return scanned.subSequence(0, end).toString();
    }
}
