package io.tongxing.verify.internal;

import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.token.Credential;
import io.tongxing.token.TokenKind;
import io.tongxing.token.internal.ClaimsException;
import io.tongxing.token.internal.CredentialClaims;
import io.tongxing.verify.Reason;

/** Reads the signed claims into a credential of the token's kind. */
public final class ClaimsStage {
    private ClaimsStage() {
    }

    public static Credential read(CompactJws jws, TokenKind kind) {
        try {
            // The signature stage has run: these claims are now the issuer's word.
            return CredentialClaims.fromClaims(kind, jws.unverifiedClaims());
        } catch (JwsRejectedException | ClaimsException e) {
            throw Rejection.of(Reason.CLAIMS_INVALID);
        }
    }
}
