package io.tongxing.jose;

import java.util.Base64;

/**
 * Base64url without padding, decoded strictly: a character outside the alphabet, padding, an
 * impossible length or a final character with stray low bits is refused, so that one byte string
 * has exactly one text form (the QR codec relies on that to rebuild a token from its bytes).
 * Uses the JDK's codec, which is several times faster than nimbus's on the verifier's hot path.
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** @throws IllegalArgumentException if {@code text} is not canonical unpadded base64url */
    public static byte[] decode(String text) {
        int length = text.length();
        if (length % 4 == 1) {
            throw new IllegalArgumentException("not base64url: impossible length");
        }
        int last = 0;
        for (int i = 0; i < length; i++) {
            last = value(text.charAt(i));
            if (last < 0) {
                throw new IllegalArgumentException("not base64url: character outside the alphabet");
            }
        }
        // The last character of a 2- or 3-character group carries 4 or 2 bits that encode nothing.
        int unusedBits = length % 4 == 2 ? 0x0F : length % 4 == 3 ? 0x03 : 0;
        if ((last & unusedBits) != 0) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return DECODER.decode(text);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }
}
