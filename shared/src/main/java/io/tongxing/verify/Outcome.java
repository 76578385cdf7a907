package io.tongxing.verify;

/** What the officer does: let the person pass, stop them, or check by hand. */
public enum Outcome {
    /** Verified and acceptable under this checkpoint's policy. */
    PASS,
    /** Forged, altered, revoked, suspended, expired, the wrong kind, the wrong colour or route. */
    STOP,
    /** The device cannot confirm: stale data, doubtful clock, an issuer it does not know. */
    REVIEW
}
