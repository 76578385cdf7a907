package io.tongxing.verify.internal;

import io.tongxing.holder.HolderProof;
import io.tongxing.qr.Presentation;
import io.tongxing.token.HolderKey;
import io.tongxing.verify.HolderProofPolicy;
import io.tongxing.verify.Reason;
import io.tongxing.verify.VerifiedCredential;
import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks the live holder proof: made by the key the token names, for exactly this token, within
 * the window around now. A proof that comes with a token bound to no key is refused rather than
 * ignored: it means the code was put together by someone other than the app.
 */
public final class HolderStage {
    private final HolderProofPolicy policy;
    private final Duration window;
    private final Provider provider;

    public HolderStage(HolderProofPolicy policy, Duration window, Provider provider) {
        this.policy = policy;
        this.window = window;
        this.provider = provider;
    }

    /** True if a proof was verified. */
    public boolean check(VerifiedCredential verified, Presentation presentation, Instant now, Duration statusAge) {
        Optional<HolderKey> key = verified.credential().holderKey();
        Optional<HolderProof> proof = presentation.holderProof();
        if (!key.isPresent()) {
            if (proof.isPresent()) {
                throw Rejection.of(Reason.HOLDER_PROOF_UNEXPECTED, verified, statusAge);
            }
            if (policy == HolderProofPolicy.REQUIRED) {
                throw Rejection.of(Reason.HOLDER_KEY_MISSING, verified, statusAge);
            }
            return false;
        }
        if (!proof.isPresent()) {
            if (policy == HolderProofPolicy.REQUIRED) {
                throw Rejection.of(Reason.HOLDER_PROOF_MISSING, verified, statusAge);
            }
            return false;
        }
        if (!proof.get().isMadeBy(key.get(), presentation.token(), provider)) {
            throw Rejection.of(Reason.HOLDER_PROOF_INVALID, verified, statusAge);
        }
        Duration offset = Duration.between(proof.get().time(), now).abs();
        if (offset.compareTo(window) > 0) {
            throw Rejection.of(Reason.HOLDER_PROOF_OUT_OF_WINDOW, verified, statusAge);
        }
        return true;
    }
}
