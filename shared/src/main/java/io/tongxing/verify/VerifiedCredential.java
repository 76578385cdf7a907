package io.tongxing.verify;

import io.tongxing.token.Credential;
import io.tongxing.trust.Issuer;
import java.util.Objects;

/**
 * A credential whose signature verified against a recognized issuer's key, with that issuer for
 * display. A verdict carries one only once the signature is good, so nothing shown to an officer
 * was read from an unverified token.
 *
 * @param holderProofChecked true if a live holder proof was verified for it
 */
public record VerifiedCredential(Credential credential, Issuer issuer, boolean holderProofChecked) {
    public VerifiedCredential {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(issuer, "issuer");
    }
}
