package io.tongxing.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/**
 * Checks ES256 signatures with one public key, through the JCA provider the caller chose. Build one
 * per key and keep it: the key is converted to the provider's own form once, not per signature.
 *
 * <p>The signature is checked with the JCA directly, using nimbus's own ES256 transcoding and its
 * refusal of out-of-range {@code r} and {@code s} (the "psychic signature" defence). nimbus's
 * {@code ECDSAVerifier} would need a parsed {@code JWSHeader} object per token, which cost as much
 * as everything else the verifier does besides the curve arithmetic.
 */
public final class JwsVerifier {
    private final PublicKey key;
    private final Provider provider;

    private JwsVerifier(PublicKey key, Provider provider) {
        this.key = key;
        this.provider = provider;
    }

    /** A verifier for {@code key} using {@code provider}, or the default provider if {@code null}. */
    public static JwsVerifier of(ECPublicKey key, Provider provider) {
        if (provider == null) {
            return new JwsVerifier(key, null);
        }
        try {
            Key translated = KeyFactory.getInstance("EC", provider).translateKey(key);
            return new JwsVerifier(translated instanceof PublicKey ? (PublicKey) translated : key, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable P-256 public key", e);
        }
    }

    /**
     * True if {@code signature} (raw {@code r‖s}, low-S) is this key's ES256 signature of
     * {@code signingInput}. The high-S twin of a good signature is refused: see {@link LowS}.
     */
    boolean verifies(byte[] signingInput, byte[] signature) {
        if (!LowS.holds(signature)) {
            return false;
        }
        try {
            ECDSA.ensureLegalSignature(signature, JWSAlgorithm.ES256);
            Signature verifier = provider == null
                    ? Signature.getInstance("SHA256withECDSA")
                    : Signature.getInstance("SHA256withECDSA", provider);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(ECDSA.transcodeSignatureToDER(signature));
        } catch (JOSEException | GeneralSecurityException e) {
            // A signature that cannot even be decoded is simply not a valid signature.
            return false;
        }
    }
}
