package io.tongxing.jose;

/**
 * A signed download (trust bundle, status list) that a device or server must not use. The last
 * good copy stays in use; this says why the new one was refused.
 */
public final class SignedDataException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the download. */
    public enum Problem {
        /** Too large to be what it claims to be. */
        TOO_LARGE,
        /** Not a JWS of the profile, or its content is not of the expected shape. */
        MALFORMED,
        /** A JWS of another type (a token where a status list was expected...). */
        WRONG_TYPE,
        /** Signed by an issuer the trust store does not know. */
        ISSUER_UNKNOWN,
        /** Signed with a {@code kid} that neither the pinned trust keys nor the issuer's keys have. */
        KEY_UNKNOWN,
        /** The signature does not verify. */
        SIGNATURE_INVALID
    }

    private final Problem problem;

    public SignedDataException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
