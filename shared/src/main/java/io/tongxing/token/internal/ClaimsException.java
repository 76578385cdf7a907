package io.tongxing.token.internal;

/** A signed payload whose claims do not form a credential of its kind. */
public final class ClaimsException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClaimsException(String message) {
        super(message);
    }
}
