package io.tongxing.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;

/** Signs a JSON payload as a compact ES256 JWS with the profile's minimal header: alg, kid, typ. */
public final class JwsWriter {
    private JwsWriter() {
    }

    public static String sign(SigningKey key, String typ, String payloadJson) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.kid())
                .type(new JOSEObjectType(typ))
                .build();
        JWSObject jws = new JWSObject(header, new Payload(payloadJson));
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return jws.serialize();
    }
}
