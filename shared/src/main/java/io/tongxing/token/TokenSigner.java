package io.tongxing.token;

import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SigningKey;
import io.tongxing.token.internal.CredentialClaims;

/** Issues credentials as compact ES256 JWS in token profile v1. */
public final class TokenSigner {
    private final SigningKey key;

    private TokenSigner(SigningKey key) {
        this.key = key;
    }

    public static TokenSigner create(SigningKey key) {
        return new TokenSigner(key);
    }

    /** The compact JWS of {@code credential}, signed with this signer's key. */
    public String sign(Credential credential) {
        return JwsWriter.sign(key, credential.kind().typ(), CredentialClaims.toJson(credential));
    }

    public String kid() {
        return key.kid();
    }
}
