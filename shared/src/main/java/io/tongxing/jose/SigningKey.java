package io.tongxing.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ES256 private key with its {@code kid}, ready to sign tokens, status lists or trust bundles.
 *
 * <p>The JCA provider is the caller's choice: the server passes a native one (Conscrypt signs
 * 15–20 times faster than the JDK's SunEC), Android brings its own, tests use the default.
 */
public final class SigningKey {
    private static final int SIGNATURE_BYTES = 64;

    private final String kid;
    private final ECPublicKey publicKey;
    private final PrivateKey privateKey;
    private final Provider provider;
    private final JWSSigner external;
    private final Map<String, String> headers = new ConcurrentHashMap<>();

    private SigningKey(String kid, ECPublicKey publicKey, PrivateKey privateKey, Provider provider, JWSSigner external) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.provider = provider;
        this.external = external;
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
            return new SigningKey(KeyIds.of(publicKey), publicKey, providerKey, provider, null);
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
        return new SigningKey(KeyIds.of(Objects.requireNonNull(publicKey, "publicKey")), publicKey, null, null,
                Objects.requireNonNull(signer, "signer"));
    }

    public String kid() {
        return kid;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The base64url of the profile's header for {@code typ}, as nimbus writes it; made once. */
    String header(String typ) {
        return headers.computeIfAbsent(typ, t -> headerObject(t).toBase64URL().toString());
    }

    /** The raw {@code r‖s} ES256 signature of {@code signingInput}, in its low-S form ({@link LowS}). */
    byte[] sign(String typ, byte[] signingInput) {
        try {
            if (external != null) {
                return LowS.of(external.sign(headerObject(typ), signingInput).decode());
            }
            Signature signature = provider == null
                    ? Signature.getInstance("SHA256withECDSA")
                    : Signature.getInstance("SHA256withECDSA", provider);
            signature.initSign(privateKey);
            signature.update(signingInput);
            return LowS.of(ECDSA.transcodeSignatureToConcat(signature.sign(), SIGNATURE_BYTES));
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    private JWSHeader headerObject(String typ) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(new JOSEObjectType(typ)).build();
    }
}
