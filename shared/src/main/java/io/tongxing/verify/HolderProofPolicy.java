package io.tongxing.verify;

/** Whether a checkpoint insists on a live holder proof. */
public enum HolderProofPolicy {
    /** A proof is checked when the token is bound and a proof comes with it; tokens without pass. */
    OPTIONAL,
    /** Only holder-bound tokens with a fresh, valid proof pass: screenshots stop. */
    REQUIRED
}
