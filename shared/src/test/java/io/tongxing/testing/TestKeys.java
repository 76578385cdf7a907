package io.tongxing.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.holder.HolderSigner;
import io.tongxing.jose.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The fixed test keys kept with the vectors ({@code vectors/keys/test-private-keys.jwks.json}), by
 * role: {@code beijing-2026a}, {@code beijing-2025-retired}, {@code langfang-2026a},
 * {@code beijing-trust}, {@code holder-phone-1}, {@code holder-phone-2}, {@code rogue}.
 */
public final class TestKeys {
    private static final Map<String, ECKey> KEYS = load();

    private TestKeys() {
    }

    public static ECKey jwk(String name) {
        ECKey key = KEYS.get(name);
        if (key == null) {
            throw new IllegalArgumentException("no test key " + name);
        }
        return key;
    }

    public static ECPublicKey publicKey(String name) {
        try {
            return jwk(name).toECPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECPrivateKey privateKey(String name) {
        try {
            return jwk(name).toECPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs deterministically (RFC 6979), for reproducible vectors. */
    public static SigningKey signing(String name) {
        return SigningKey.external(publicKey(name), deterministic(name));
    }

    /** Signs as production does: JCA, random nonces. */
    public static SigningKey jcaSigning(String name) {
        return SigningKey.of(jwk(name));
    }

    public static HolderSigner holder(String name) {
        return deterministic(name).asHolderSigner();
    }

    public static DeterministicEs256 deterministic(String name) {
        return new DeterministicEs256(privateKey(name).getS());
    }

    private static Map<String, ECKey> load() {
        try (InputStream in = TestKeys.class.getResourceAsStream("/vectors/keys/test-private-keys.jwks.json")) {
            Map<String, Object> set = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, ECKey> keys = new HashMap<>();
            for (Map<String, Object> jwk : JSONObjectUtils.getJSONObjectArray(set, "keys")) {
                keys.put((String) jwk.get("name"), ECKey.parse(jwk));
            }
            return keys;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the test keys", e);
        }
    }
}
