package io.tongxing.jose;

/** A compact JWS refused for a {@link JwsFault}: rejected input, not an internal failure. */
public final class JwsRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final JwsFault fault;

    public JwsRejectedException(JwsFault fault, String message) {
        super(message);
        this.fault = fault;
    }

    public JwsFault fault() {
        return fault;
    }
}
