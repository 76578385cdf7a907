package io.tongxing.jose;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A compact ES256 JWS whose header has passed Tongxing's profile but whose signature has not been
 * checked yet. Its claims are available only as {@link #unverifiedClaims()}, for finding the
 * issuer; everything else waits for {@link #isSignedBy(JwsVerifier)}. Not thread-safe: one scan, one
 * instance.
 *
 * <p>The header rules refuse every way a token can try to choose its own verification: any
 * {@code alg} but ES256, keys or certificates in the header, {@code crit} and {@code zip}.
 */
public final class CompactJws {
    /** Header parameters by which a token would bring its own key or certificate. */
    private static final List<String> EMBEDDED_KEY_PARAMETERS =
            Arrays.asList("jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256");
    private static final int SIGNATURE_BYTES = 64;

    private final String typ;
    private final String kid;
    private final byte[] payload;
    private final byte[] signingInput;
    private final byte[] signature;
    private Map<String, Object> claims;

    private CompactJws(String typ, String kid, byte[] payload, byte[] signingInput, byte[] signature) {
        this.typ = typ;
        this.kid = kid;
        this.payload = payload;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /**
     * Splits and checks a compact JWS.
     *
     * @throws JwsRejectedException naming the first rule the input breaks
     */
    public static CompactJws parse(String compact) throws JwsRejectedException {
        int firstDot = compact.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : compact.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || compact.indexOf('.', secondDot + 1) >= 0) {
            throw new JwsRejectedException(JwsFault.MALFORMED, "not three dot-separated segments");
        }
        byte[] headerBytes = strictBase64Url(compact.substring(0, firstDot), "header");
        byte[] payload = strictBase64Url(compact.substring(firstDot + 1, secondDot), "payload");
        byte[] signatureBytes = strictBase64Url(compact.substring(secondDot + 1), "signature");

        Map<String, Object> headerJson = jsonObject(headerBytes, "header");
        Object alg = headerJson.get("alg");
        if (!"ES256".equals(alg)) {
            throw new JwsRejectedException(JwsFault.ALGORITHM_NOT_ALLOWED, "alg must be ES256, was " + alg);
        }
        for (String parameter : EMBEDDED_KEY_PARAMETERS) {
            if (headerJson.containsKey(parameter)) {
                throw new JwsRejectedException(JwsFault.EMBEDDED_KEY_NOT_ALLOWED,
                        "header parameter " + parameter + " is not allowed");
            }
        }
        if (headerJson.containsKey("crit")) {
            throw new JwsRejectedException(JwsFault.CRITICAL_HEADER_NOT_SUPPORTED, "crit is not supported");
        }
        if (headerJson.containsKey("zip")) {
            throw new JwsRejectedException(JwsFault.COMPRESSION_NOT_ALLOWED, "zip is not allowed");
        }
        Object kid = headerJson.get("kid");
        if (!(kid instanceof String) || ((String) kid).isEmpty()) {
            throw new JwsRejectedException(JwsFault.KEY_ID_MISSING, "kid is missing");
        }
        Object typ = headerJson.get("typ");
        if (typ != null && !(typ instanceof String)) {
            throw new JwsRejectedException(JwsFault.MALFORMED, "typ is not a string");
        }
        if (signatureBytes.length != SIGNATURE_BYTES) {
            throw new JwsRejectedException(JwsFault.SIGNATURE_MALFORMED,
                    "an ES256 signature is 64 bytes, this one has " + signatureBytes.length);
        }
        byte[] signingInput = compact.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
        return new CompactJws((String) typ, (String) kid, payload, signingInput, signatureBytes);
    }

    /** The {@code typ} header, or {@code null} if there is none. */
    public String typ() {
        return typ;
    }

    public String kid() {
        return kid;
    }

    /**
     * The payload as a JSON object. Before {@link #isSignedBy} has said yes, use it only to find
     * which issuer's keys to try. Parsed once, then kept.
     */
    public Map<String, Object> unverifiedClaims() throws JwsRejectedException {
        if (claims == null) {
            claims = jsonObject(payload, "payload");
        }
        return claims;
    }

    /** True if the signature is in the only form the profile allows, low-S ({@link LowS}). */
    public boolean signatureIsLowS() {
        return LowS.holds(signature);
    }

    /** True if {@code verifier}'s key made this signature (in its low-S form). */
    public boolean isSignedBy(JwsVerifier verifier) {
        return verifier.verifies(signingInput, signature);
    }

    private static byte[] strictBase64Url(String segment, String what) throws JwsRejectedException {
        try {
            return Base64Url.decode(segment);
        } catch (IllegalArgumentException e) {
            throw new JwsRejectedException(JwsFault.MALFORMED, what + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> jsonObject(byte[] utf8, String what) throws JwsRejectedException {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JwsRejectedException(JwsFault.MALFORMED, what + " is not UTF-8");
        }
        try {
            return Collections.unmodifiableMap(JSONObjectUtils.parse(json));
        } catch (ParseException e) {
            throw new JwsRejectedException(JwsFault.MALFORMED, what + " is not a JSON object");
        }
    }
}
