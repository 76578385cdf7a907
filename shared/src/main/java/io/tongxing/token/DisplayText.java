package io.tongxing.token;

/**
 * Text an officer reads off a verdict (a masked name, a plate, an issuer's name) must look like
 * what it is. A signer — a partner region, say — could otherwise put in characters that are
 * invisible or reorder what is shown: a right-to-left override turns "张*三" into something else
 * on screen while the bytes stay signed. Such text is refused wherever it is read
 * ({@code CLAIMS_INVALID} in a token). docs/token-format.md lists the characters:
 *
 * <ul>
 *   <li>controls: U+0000–U+001F, U+007F–U+009F;
 *   <li>bidirectional marks, embeddings, overrides and isolates: U+061C, U+200E, U+200F,
 *       U+202A–U+202E, U+2066–U+2069;
 *   <li>invisible characters and separators: U+200B–U+200D, U+2028, U+2029, U+2060–U+2065, U+FEFF,
 *       tags U+E0000–U+E007F;
 *   <li>a surrogate that is not half of a pair.
 * </ul>
 */
public final class DisplayText {
    private DisplayText() {
    }

    /** True if every character of {@code text} shows as itself. */
    public static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!isPlain(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** True if the code point {@code c} shows as itself (an unpaired surrogate does not). */
    public static boolean isPlain(int c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return false;
        }
        if (c == 0x061C || c == 0xFEFF || (c >= 0xE0000 && c <= 0xE007F)) {
            return false;
        }
        if ((c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069)) {
            return false;
        }
        return c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE;
    }
}
