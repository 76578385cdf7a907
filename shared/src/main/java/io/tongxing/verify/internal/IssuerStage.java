package io.tongxing.verify.internal;

import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.Reason;
import java.util.Optional;

/**
 * Finds the issuer the token names and checks that it is recognized for this kind of token on this
 * checkpoint's corridor. The {@code iss} claim is read before the signature is checked, only to
 * choose whose keys to try; the signature then vouches for it.
 */
public final class IssuerStage {
    private IssuerStage() {
    }

    public static Issuer recognize(CompactJws jws, TokenKind kind, TrustStore trust, CheckpointPolicy policy) {
        Object iss;
        try {
            iss = jws.unverifiedClaims().get("iss");
        } catch (JwsRejectedException e) {
            throw Rejection.of(Reason.TOKEN_MALFORMED);
        }
        Optional<RegionCode> region = iss instanceof String ? RegionCode.parse((String) iss) : Optional.empty();
        if (!region.isPresent()) {
            throw Rejection.of(Reason.CLAIMS_INVALID);
        }
        Issuer issuer = trust.issuer(region.get()).orElseThrow(() -> Rejection.of(Reason.ISSUER_UNKNOWN));
        if (!issuer.recognition().accepts(kind)) {
            throw Rejection.of(Reason.ISSUER_NOT_RECOGNIZED_FOR_KIND);
        }
        if (!issuer.recognition().coversCorridor(policy.corridor().orElse(null))) {
            throw Rejection.of(Reason.ISSUER_NOT_RECOGNIZED_FOR_CORRIDOR);
        }
        return issuer;
    }
}
