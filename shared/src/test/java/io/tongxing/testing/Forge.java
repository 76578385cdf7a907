package io.tongxing.testing;

import io.tongxing.jose.Base64Url;
import io.tongxing.jose.LowS;
import io.tongxing.token.Credential;
import io.tongxing.token.internal.CredentialClaims;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Makes the tokens an attacker would: any header, any payload, any signature. */
public final class Forge {
    private Forge() {
    }

    /** The profile's header for {@code kid} and {@code typ}, exactly as the library writes it. */
    public static String header(String kid, String typ) {
        return "{\"kid\":\"" + kid + "\",\"typ\":\"" + typ + "\",\"alg\":\"ES256\"}";
    }

    public static String payload(Credential credential) {
        return CredentialClaims.toJson(credential);
    }

    /** A compact JWS with this exact header and payload, signed deterministically by test key {@code key}. */
    public static String sign(String key, String header, String payload) {
        String input = b64(header) + "." + b64(payload);
        return input + "." + Base64Url.encode(TestKeys.deterministic(key).signRaw(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A compact JWS whose payload is raw bytes (a deflated payload, say). */
    public static String sign(String key, String header, byte[] payload) {
        String input = b64(header) + "." + Base64Url.encode(payload);
        return input + "." + Base64Url.encode(TestKeys.deterministic(key).signRaw(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An HMAC-SHA256 "signature" keyed with {@code secret}: the classic algorithm-confusion forgery. */
    public static String hs256(String header, String payload, byte[] secret) {
        String input = b64(header) + "." + b64(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code header.payload.} with an empty signature, as {@code alg: none} tokens come. */
    public static String unsigned(String header, String payload) {
        return b64(header) + "." + b64(payload) + ".";
    }

    /** The same token with one bit of one byte of one part flipped (part 0 header, 1 payload, 2 signature). */
    public static String flipBit(String token, int part, int byteIndex, int bit) {
        String[] parts = token.split("\\.", -1);
        byte[] bytes = Base64Url.decode(parts[part]);
        bytes[byteIndex] ^= (byte) (1 << bit);
        parts[part] = Base64Url.encode(bytes);
        return String.join(".", parts);
    }

    /** The same token with its raw {@code r‖s} signature re-encoded as ASN.1 DER, as the JCA makes it. */
    public static String derSignature(String token) {
        String[] parts = token.split("\\.", -1);
        byte[] raw = Base64Url.decode(parts[2]);
        byte[] r = derInteger(Arrays.copyOfRange(raw, 0, 32));
        byte[] s = derInteger(Arrays.copyOfRange(raw, 32, 64));
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.write(0x30);
        der.write(r.length + s.length);
        der.write(r, 0, r.length);
        der.write(s, 0, s.length);
        parts[2] = Base64Url.encode(der.toByteArray());
        return String.join(".", parts);
    }

    /** The same token with a different signature. */
    public static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(signature);
    }

    /**
     * The same token with its signature's malleable twin {@code (r, n − s)}: valid ECDSA for the same
     * text and key, but high-S, which the profile refuses.
     */
    public static String highS(String token) {
        return withSignature(token, LowS.twin(Base64Url.decode(token.substring(token.lastIndexOf('.') + 1))));
    }

    public static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[4096];
        int length = deflater.deflate(buffer);
        deflater.end();
        return Arrays.copyOf(buffer, length);
    }

    private static byte[] derInteger(byte[] unsigned) {
        int start = 0;
        while (start < unsigned.length - 1 && unsigned[start] == 0 && (unsigned[start + 1] & 0x80) == 0) {
            start++;
        }
        boolean pad = (unsigned[start] & 0x80) != 0;
        int length = unsigned.length - start + (pad ? 1 : 0);
        byte[] der = new byte[length + 2];
        der[0] = 0x02;
        der[1] = (byte) length;
        System.arraycopy(unsigned, start, der, 2 + (pad ? 1 : 0), unsigned.length - start);
        return der;
    }

    private static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }
}
