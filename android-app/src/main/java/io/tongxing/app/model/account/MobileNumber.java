package io.tongxing.app.model.account;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland China mobile number as the home server takes it: eleven digits starting 13–19, typed with
 * or without +86, spaces or hyphens.
 */
public final class MobileNumber {
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("1[3-9][0-9]{9}");

    private MobileNumber() {
    }

    /** The bare eleven digits, if {@code typed} is a mobile number. */
    public static Optional<String> parse(String typed) {
        String digits = typed.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return ELEVEN_DIGITS.matcher(digits).matches() ? Optional.of(digits) : Optional.<String>empty();
    }
}
