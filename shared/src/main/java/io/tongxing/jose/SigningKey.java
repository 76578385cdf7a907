package io.tongxing.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * An ES256 private key with its {@code kid}, ready to sign tokens, status lists or trust bundles.
 *
 * <p>The JCA provider is the caller's choice: the server passes a native one (Conscrypt signs
 * 15–20 times faster than the JDK's SunEC), Android brings its own, tests use the default.
 */
public final class SigningKey {
    private final String kid;
    private final ECPublicKey publicKey;
    private final JWSSigner signer;

    private SigningKey(String kid, ECPublicKey publicKey, JWSSigner signer) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.signer = signer;
    }

    /** A signing key from a P-256 private JWK, using the default JCA provider. */
    public static SigningKey of(ECKey privateJwk) {
        return of(privateJwk, null);
    }

    /**
     * A signing key from a P-256 private JWK whose signatures are made by {@code provider}
     * ({@code null} for the default). The private key is translated into the provider's own key
     * class once, here, rather than on every signature.
     */
    public static SigningKey of(ECKey privateJwk, Provider provider) {
        Objects.requireNonNull(privateJwk, "privateJwk");
        if (!Curve.P_256.equals(privateJwk.getCurve()) || !privateJwk.isPrivate()) {
            throw new IllegalArgumentException("an ES256 signing key is a private P-256 JWK");
        }
        try {
            ECPublicKey publicKey = privateJwk.toECPublicKey();
            ECPrivateKey privateKey = privateJwk.toECPrivateKey();
            PrivateKey providerKey = provider == null
                    ? privateKey
                    : (PrivateKey) KeyFactory.getInstance("EC", provider).translateKey(privateKey);
            ECDSASigner signer = new ECDSASigner(providerKey, Curve.P_256);
            if (provider != null) {
                signer.getJCAContext().setProvider(provider);
            }
            return new SigningKey(KeyIds.of(publicKey), publicKey, signer);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable P-256 private key", e);
        }
    }

    /**
     * A signing key whose ES256 signatures some other signer makes: a hardware security module, a
     * platform keystore, or a deterministic signer for test vectors. It must sign as ES256 with the
     * private key of {@code publicKey}.
     */
    public static SigningKey external(ECPublicKey publicKey, JWSSigner signer) {
        return new SigningKey(KeyIds.of(publicKey), Objects.requireNonNull(publicKey, "publicKey"),
                Objects.requireNonNull(signer, "signer"));
    }

    public String kid() {
        return kid;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    JWSSigner signer() {
        return signer;
    }
}
