package io.tongxing.token;

import java.util.Optional;

/**
 * The kinds of signed token Tongxing issues, each with its own JOSE {@code typ} header value, so
 * that a token of one kind can never be taken for another.
 *
 * <p>A new kind (the quarantine-release notice of federation, say) adds a constant here and a
 * claims type; verifiers that do not know its {@code typ} refuse it.
 */
public enum TokenKind {
    /** A health code: green, yellow or red. */
    HEALTH_CODE("hc"),
    /** A commuter or freight pass for a corridor between regions. */
    COMMUTER_PASS("cp"),
    /**
     * A printed health card for a person without a smartphone: long-lived and without a colour; its
     * status-list entry follows the holder's colour.
     */
    PAPER_CARD("pc");

    private final String typ;

    TokenKind(String typ) {
        this.typ = typ;
    }

    /** The JOSE {@code typ} header value of this kind. */
    public String typ() {
        return typ;
    }

    /** The kind whose {@code typ} header value is {@code typ}, if any. */
    public static Optional<TokenKind> ofTyp(String typ) {
        for (TokenKind kind : values()) {
            if (kind.typ.equals(typ)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
