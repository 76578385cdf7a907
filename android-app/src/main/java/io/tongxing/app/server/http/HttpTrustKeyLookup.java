package io.tongxing.app.server.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.server.TrustKeyLookup;
import java.io.IOException;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;

/** Reads {@code /.well-known/tongxing-trust-key.json}; the thumbprint is computed from the key, not believed. */
public final class HttpTrustKeyLookup implements TrustKeyLookup {

    @Override
    public String trustKeyThumbprint(String serverUrl) throws IOException {
        ApiClient api = new ApiClient(UrlConnectionTransport.to(serverUrl), () -> Locale.ENGLISH);
        Map<String, Object> published;
        try {
            published = api.call("GET", "/.well-known/tongxing-trust-key.json", null);
        } catch (ServerRefusedException e) {
            throw new IOException("the server has no trust key to show: " + e.code(), e);
        }
        Object jwk = published.get("jwk");
        if (!(jwk instanceof Map)) {
            throw new IOException("the server's answer holds no trust key");
        }
        try {
            @SuppressWarnings("unchecked")
            ECKey key = ECKey.parse((Map<String, Object>) jwk);
            if (key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
                throw new IOException("the server's trust key is not a public P-256 key");
            }
            return key.computeThumbprint().toString();
        } catch (ParseException | JOSEException e) {
            throw new IOException("the server's trust key does not parse", e);
        }
    }
}
