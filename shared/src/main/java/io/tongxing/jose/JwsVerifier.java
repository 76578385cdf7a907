package io.tongxing.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;

/**
 * Checks ES256 signatures with one public key, through the JCA provider the caller chose. Build one
 * per key and keep it: the key is converted to the provider's own form once, not per signature.
 */
public final class JwsVerifier {
    private final ECDSAVerifier verifier;

    private JwsVerifier(ECDSAVerifier verifier) {
        this.verifier = verifier;
    }

    /** A verifier for {@code key} using {@code provider}, or the default provider if {@code null}. */
    public static JwsVerifier of(ECPublicKey key, Provider provider) {
        try {
            ECDSAVerifier verifier;
            if (provider == null) {
                verifier = new ECDSAVerifier(key);
            } else {
                java.security.Key translated = KeyFactory.getInstance("EC", provider).translateKey(key);
                verifier = translated instanceof ECPublicKey
                        ? new ECDSAVerifier((ECPublicKey) translated)
                        : new ECDSAVerifier(key);
                verifier.getJCAContext().setProvider(provider);
            }
            return new JwsVerifier(verifier);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable P-256 public key", e);
        }
    }

    boolean verifies(JWSHeader header, byte[] signingInput, Base64URL signature) {
        try {
            return verifier.verify(header, signingInput, signature);
        } catch (JOSEException e) {
            // Nimbus reports a signature it cannot even decode as an exception; for us it is just wrong.
            return false;
        }
    }
}
