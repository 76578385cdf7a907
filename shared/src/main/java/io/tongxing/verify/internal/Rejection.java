package io.tongxing.verify.internal;

import io.tongxing.verify.Reason;
import io.tongxing.verify.VerifiedCredential;
import java.time.Duration;

/**
 * A stage's "no": thrown by a stage, caught once by the verifier and turned into a verdict, so the
 * pipeline reads as one straight line. It carries no stack trace: it is an answer, not a fault.
 */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Reason reason;
    private final transient VerifiedCredential credential;
    private final transient Duration statusAge;

    private Rejection(Reason reason, VerifiedCredential credential, Duration statusAge) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.credential = credential;
        this.statusAge = statusAge;
    }

    /** A rejection before the signature was verified: nothing of the token is shown. */
    public static Rejection of(Reason reason) {
        return new Rejection(reason, null, null);
    }

    /** A rejection of a verified credential, which the officer may see. */
    public static Rejection of(Reason reason, VerifiedCredential credential) {
        return new Rejection(reason, credential, null);
    }

    /** A rejection that rests on status data of the given age. */
    public static Rejection of(Reason reason, VerifiedCredential credential, Duration statusAge) {
        return new Rejection(reason, credential, statusAge);
    }

    public Reason reason() {
        return reason;
    }

    /** May be {@code null}. */
    public VerifiedCredential credential() {
        return credential;
    }

    /** May be {@code null}. */
    public Duration statusAge() {
        return statusAge;
    }
}
