package io.tongxing.holder;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

/**
 * Signs holder proofs with the key kept on the holder's device. On Android the key lives in the
 * Keystore and never leaves it; this interface is all the proof needs of it.
 */
@FunctionalInterface
public interface HolderSigner {

    /** An ECDSA P-256 / SHA-256 signature of {@code message}, DER-encoded as the JCA makes it. */
    byte[] signDer(byte[] message) throws GeneralSecurityException;

    /** A signer for a P-256 private key through {@code provider} ({@code null}: the default). */
    static HolderSigner of(PrivateKey key, Provider provider) {
        return message -> {
            Signature signature = provider == null
                    ? Signature.getInstance("SHA256withECDSA")
                    : Signature.getInstance("SHA256withECDSA", provider);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        };
    }
}
