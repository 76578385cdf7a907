package io.tongxing.verify.internal;

import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsVerifier;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.IssuerKey;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.Reason;
import java.security.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the signature against the issuer's keys with the token's {@code kid}, trying each if a
 * short {@code kid} happens to be shared. A signature in the high-S form is refused before any curve
 * arithmetic. Verifiers for every key in the trust store are prepared
 * once, when the stage is built, in the caller's JCA provider.
 */
public final class SignatureStage {
    private final TrustStore trust;
    private final Map<IssuerKey, JwsVerifier> verifiers = new HashMap<>();

    public SignatureStage(TrustStore trust, Provider provider) {
        this.trust = trust;
        for (Issuer issuer : trust.issuers()) {
            for (IssuerKey key : issuer.keys()) {
                verifiers.put(key, JwsVerifier.of(key.publicKey(), provider));
            }
        }
    }

    /** The key that made the signature. */
    public IssuerKey verify(CompactJws jws, Issuer issuer) {
        List<IssuerKey> candidates = issuer.keysWithKid(jws.kid());
        if (candidates.isEmpty()) {
            throw Rejection.of(trust.kidBelongsToAnotherIssuer(jws.kid(), issuer.region())
                    ? Reason.KEY_OF_ANOTHER_ISSUER
                    : Reason.KEY_UNKNOWN);
        }
        if (!jws.signatureIsLowS()) {
            // (r, n − s) of a genuine token verifies too; the profile allows only the low-S text.
            throw Rejection.of(Reason.SIGNATURE_HIGH_S);
        }
        for (IssuerKey key : candidates) {
            if (jws.isSignedBy(verifiers.get(key))) {
                return key;
            }
        }
        throw Rejection.of(Reason.SIGNATURE_INVALID);
    }
}
