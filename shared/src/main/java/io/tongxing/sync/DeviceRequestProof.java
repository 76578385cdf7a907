package io.tongxing.sync;

import static io.tongxing.jose.JsonFields.integer;
import static io.tongxing.jose.JsonFields.string;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.holder.HolderSigner;
import io.tongxing.jose.Base64Url;
import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.jose.LowS;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedJson;
import io.tongxing.token.HolderKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A checkpoint device's signature over one HTTP request to its home server: a compact ES256 JWS of
 * type {@value #TYP}, made with the device's own P-256 key (which never leaves the phone's keystore),
 * whose claims name the request — method {@code htm}, path {@code htu}, SHA-256 of the body
 * {@code bh} — and its time {@code iat} and a random {@code jti}.
 *
 * <p>The server accepts a request only if the signature verifies with the key registered at
 * enrollment, the claims match the request, {@code iat} is within its tolerance and the {@code jti}
 * was not used before. It is DPoP (RFC 9449) with the body covered, because scan records travel in
 * the body; a stolen copy of one request is useless for any other and, once spent, for itself.
 *
 * <p>{@link #sign} takes a {@link HolderSigner}, which produces DER signatures as the Android
 * Keystore does; the JWS carries them as raw {@code r‖s}.
 */
public final class DeviceRequestProof {
    public static final String TYP = "tx-device+jwt";
    /** A proof is a few hundred characters; anything much longer is not one. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern JTI = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int SIGNATURE_BYTES = 64;
    private static final int PATH_LIMIT = 512;

    private final String kid;
    private final String method;
    private final String path;
    private final Instant issuedAt;
    private final String jti;
    private final String bodyHash;

    private DeviceRequestProof(String kid, String method, String path, Instant issuedAt, String jti, String bodyHash) {
        this.kid = kid;
        this.method = method;
        this.path = path;
        this.issuedAt = issuedAt;
        this.jti = jti;
        this.bodyHash = bodyHash;
    }

    /**
     * Signs a request.
     *
     * @param kid the device id the server gave at enrollment (before it, the key's own
     *     {@link #enrollmentKid})
     * @param path the request's path, without scheme, host or query (a load balancer may rewrite
     *     the host)
     * @param body the exact bytes of the request body (empty for none)
     * @param jti a fresh random value for every attempt ({@link #randomJti})
     * @throws GeneralSecurityException if the signer fails or does not make P-256 signatures
     */
    public static String sign(HolderSigner signer, String kid, String method, String path, byte[] body, Instant now,
            String jti) throws GeneralSecurityException {
        Objects.requireNonNull(signer, "signer");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("kid", Objects.requireNonNull(kid, "kid"));
        header.put("typ", TYP);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("htm", method);
        claims.put("htu", path);
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", jti);
        claims.put("bh", bodyHash(body));
        String signingInput = Base64Url.encode(JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8))
                + "." + Base64Url.encode(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
        byte[] der = signer.signDer(signingInput.getBytes(StandardCharsets.US_ASCII));
        try {
            return signingInput + "." + Base64Url.encode(LowS.of(ECDSA.transcodeSignatureToConcat(der, SIGNATURE_BYTES)));
        } catch (JOSEException e) {
            throw new GeneralSecurityException("the device key made a signature that is not P-256 ECDSA", e);
        }
    }

    /** 16 random bytes, base64url: a {@code jti}. */
    public static String randomJti(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /** The {@code kid} a device uses before it has a device id: its key in compressed form (44 characters). */
    public static String enrollmentKid(ECPublicKey deviceKey) {
        return HolderKey.of(deviceKey).encoded();
    }

    /** Base64url of the SHA-256 of {@code body}: the {@code bh} claim. */
    public static String bodyHash(byte[] body) {
        return Base64Url.encode(sha256(body == null ? new byte[0] : body));
    }

    /**
     * The {@code kid} of a proof whose signature has not been checked: use it only to find the key
     * to check it with.
     *
     * @throws SignedDataException if the proof is too long or not a JWS of the profile
     */
    public static String unverifiedKid(String proof) throws SignedDataException {
        if (proof.length() > MAX_LENGTH) {
            throw new SignedDataException(SignedDataException.Problem.TOO_LARGE, "a device proof is at most "
                    + MAX_LENGTH + " characters");
        }
        try {
            return CompactJws.parse(proof).kid();
        } catch (JwsRejectedException e) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED, e.getMessage());
        }
    }

    /**
     * The proof's claims, if {@code deviceKey} signed it. Whether they match the request, whether
     * the time is acceptable and whether the {@code jti} is fresh is for the server to judge.
     *
     * @throws SignedDataException if the proof is malformed, of another type, or not signed by the key
     */
    public static DeviceRequestProof verify(String proof, ECPublicKey deviceKey, Provider provider)
            throws SignedDataException {
        String[] kid = new String[1];
        Map<String, Object> claims = SignedJson.verify(proof, MAX_LENGTH, TYP, (k, unverified) -> {
            kid[0] = k;
            return Collections.singletonList(deviceKey);
        }, provider);
        try {
            String method = string(claims, "htm");
            String path = string(claims, "htu");
            String jti = string(claims, "jti");
            String bodyHash = string(claims, "bh");
            long iat = integer(claims, "iat");
            if (!METHOD.matcher(method).matches()) {
                throw new IllegalArgumentException("htm is not an HTTP method");
            }
            if (!path.startsWith("/") || path.length() > PATH_LIMIT) {
                throw new IllegalArgumentException("htu is not a request path");
            }
            if (!JTI.matcher(jti).matches()) {
                throw new IllegalArgumentException("jti must be 16 to 64 base64url characters");
            }
            if (!HASH.matcher(bodyHash).matches()) {
                throw new IllegalArgumentException("bh is not a base64url SHA-256");
            }
            if (iat < 0) {
                throw new IllegalArgumentException("iat is negative");
            }
            return new DeviceRequestProof(kid[0], method, path, Instant.ofEpochSecond(iat), jti, bodyHash);
        } catch (IllegalArgumentException e) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED, "device proof: " + e.getMessage());
        }
    }

    /** True if this proof was made for exactly this request: method, path and body bytes. */
    public boolean covers(String method, String path, byte[] body) {
        return this.method.equals(method) && this.path.equals(path)
                && MessageDigest.isEqual(this.bodyHash.getBytes(StandardCharsets.US_ASCII),
                        bodyHash(body).getBytes(StandardCharsets.US_ASCII));
    }

    public String kid() {
        return kid;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public String jti() {
        return jti;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
