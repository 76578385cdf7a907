package io.tongxing.jose;

import java.nio.charset.StandardCharsets;

/**
 * Signs a JSON payload as a compact ES256 JWS with the profile's minimal header: alg, kid, typ.
 *
 * <p>The compact form is put together here with the JDK's base64url codec: nimbus's codec is built
 * for constant time and cost a fifth of the server's time on a busy issuing path. The header is
 * still written by nimbus, once per key and {@code typ} ({@link SigningKey#header(String)}).
 */
public final class JwsWriter {
    private JwsWriter() {
    }

    public static String sign(SigningKey key, String typ, String payloadJson) {
        String signingInput = key.header(typ) + '.' + Base64Url.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] signature = key.sign(typ, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + '.' + Base64Url.encode(signature);
    }
}
