package io.tongxing.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.interfaces.ECPublicKey;

/**
 * Key identifiers: the first {@value #LENGTH} characters of the key's RFC 7638 JWK thumbprint
 * (SHA-256, base64url).
 *
 * <p>Six characters (36 bits) keep the {@code kid} header short in the QR. A collision is harmless:
 * verifiers look keys up within one issuer and try every key with that {@code kid}, so at worst a
 * collision costs one more signature check; issuers avoid even that by not activating a new key
 * whose {@code kid} they already use.
 */
public final class KeyIds {
    /** Characters of the thumbprint kept in a {@code kid}. */
    public static final int LENGTH = 6;

    private KeyIds() {
    }

    /** The {@code kid} of a P-256 public key. */
    public static String of(ECPublicKey key) {
        try {
            return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString()
                    .substring(0, LENGTH);
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
