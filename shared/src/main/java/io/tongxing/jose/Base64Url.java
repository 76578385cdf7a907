package io.tongxing.jose;

import com.nimbusds.jose.util.Base64URL;

/**
 * Base64url without padding, decoded strictly: a character outside the alphabet, an impossible
 * length or a non-canonical final character is refused, so that one byte string has exactly one
 * text form (the QR codec relies on that to rebuild a token from its bytes).
 */
public final class Base64Url {
    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64URL.encode(bytes).toString();
    }

    /** @throws IllegalArgumentException if {@code text} is not canonical unpadded base64url */
    public static byte[] decode(String text) {
        int length = text.length();
        if (length % 4 == 1) {
            throw new IllegalArgumentException("not base64url: impossible length");
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!alphabet) {
                throw new IllegalArgumentException("not base64url: character outside the alphabet");
            }
        }
        byte[] decoded = new Base64URL(text).decode();
        if (!encode(decoded).equals(text)) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return decoded;
    }
}
