package io.tongxing.vectors;

import com.nimbusds.jose.JOSEException;
import io.tongxing.jose.Base64Url;
import io.tongxing.testing.Forge;
import io.tongxing.testing.Scenario;
import io.tongxing.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors for the trust bundle itself (docs/token-format.md §7): bundles a device accepts with its
 * pinned key, and bundles it refuses whole — keeping what it held — because one member breaks the
 * profile. They are the suite's bundle with one thing changed and signed again.
 */
final class TrustBundleVectors {
    private static final String TRUST_HEADER = Forge.header("Qx9t0F", "tx-trust+jwt");

    private final String bundle = Scenario.trustBundle();
    private final String claims = new String(Base64Url.decode(bundle.split("\\.")[1]), StandardCharsets.UTF_8);
    private final List<Object> cases = new ArrayList<>();

    List<Object> cases() {
        add("the-suite-bundle", "The suite's own bundle, signed by the pinned trust key.", bundle, true);
        add("key-kid-not-its-thumbprint", "Beijing's current key listed with kid GGjGRR, one character off its"
                + " thumbprint-derived kid GGjGRQ.", resigned("\"kid\":\"GGjGRQ\"", "\"kid\":\"GGjGRR\""), false);
        add("key-kid-whole-thumbprint", "Beijing's current key listed with its whole 43-character thumbprint as kid:"
                + " a kid is exactly the first six characters.",
                resigned("\"kid\":\"GGjGRQ\"", "\"kid\":\"" + thumbprint("beijing-2026a") + "\""), false);
        add("issuer-name-with-bidi-override", "Langfang's name given as U+202E + \"市坊廊\", which shows as \"廊坊市\".",
                resigned("\"name\":\"廊坊市\"", "\"name\":\"\\u202e市坊廊\""), false);
        add("signed-high-s", "The suite's bundle with its signature's high-S twin.", Forge.highS(bundle), false);
        add("signed-by-an-unpinned-key", "The suite's claims signed by a key the device did not pin.",
                Forge.sign("rogue", Forge.header("XqAROX", "tx-trust+jwt"), claims), false);
        return cases;
    }

    private String resigned(String member, String replacement) {
        if (!claims.contains(member)) {
            throw new IllegalStateException("the suite bundle has no " + member);
        }
        return Forge.sign("beijing-trust", TRUST_HEADER, claims.replace(member, replacement));
    }

    private static String thumbprint(String key) {
        try {
            return TestKeys.jwk(key).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(String name, String description, String trustBundle, boolean accepted) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("description", description);
        json.put("trust_bundle", trustBundle);
        Map<String, Object> expect = new LinkedHashMap<>();
        expect.put("accepted", accepted);
        json.put("expect", expect);
        cases.add(json);
    }
}
