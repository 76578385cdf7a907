package io.tongxing.token;

import java.util.Optional;

/** The colour of a health code, with its one-letter form in the token ({@code c} claim). */
public enum Colour {
    GREEN("g"),
    YELLOW("y"),
    RED("r");

    private final String code;

    Colour(String code) {
        this.code = code;
    }

    /** The value of the {@code c} claim. */
    public String code() {
        return code;
    }

    public static Optional<Colour> ofCode(String code) {
        for (Colour colour : values()) {
            if (colour.code.equals(code)) {
                return Optional.of(colour);
            }
        }
        return Optional.empty();
    }
}
