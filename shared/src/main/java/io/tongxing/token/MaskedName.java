package io.tongxing.token;

/**
 * Masks a person's name for display on a code: the first and last characters stay, everything
 * between becomes a single {@code *} ("张*三", "欧*娜", "J*n"). Two-character names keep the
 * first ("张*"). The mask is the same whoever issues it, so officers learn one rule.
 */
public final class MaskedName {
    private MaskedName() {
    }

    public static String of(String fullName) {
        if (fullName == null) {
            throw new IllegalArgumentException("name is required");
        }
        // Controls, bidi overrides and invisible characters never reach a code: they would not show as themselves.
        StringBuilder plain = new StringBuilder();
        fullName.codePoints().filter(DisplayText::isPlain).forEach(plain::appendCodePoint);
        int[] chars = plain.toString().trim().codePoints().toArray();
        if (chars.length == 0) {
            throw new IllegalArgumentException("name is required");
        }
        if (chars.length == 1) {
            return "*";
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(chars[0]).append('*');
        if (chars.length > 2) {
            masked.appendCodePoint(chars[chars.length - 1]);
        }
        return masked.toString();
    }
}
