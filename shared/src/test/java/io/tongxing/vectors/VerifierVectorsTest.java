package io.tongxing.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.jose.JsonFields;
import io.tongxing.jose.SignedDataException;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.testing.Json;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Reason;
import io.tongxing.verify.StatusLists;
import io.tongxing.verify.Verdict;
import io.tongxing.verify.VerifiedCredential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the committed verifier vectors the way an independent implementation would: from the JSON
 * alone (pinned key, signed bundle, signed status lists, policy, inputs, expected verdicts).
 */
class VerifierVectorsTest {
    private static final Map<String, Object> SUITE = Json.resource(VerifierVectors.RESOURCE);

    @Test
    void theCommittedVectorsAreExactlyWhatTheGeneratorMakes() throws IOException {
        String committed;
        try (InputStream in = VerifierVectorsTest.class.getResourceAsStream(VerifierVectors.RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(VerifierVectors.generate(), committed, "the vectors drifted from the generator: regenerate with"
                + " mvn -q -pl shared exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.tongxing.vectors.VerifierVectors");
    }

    @Test
    void everyReasonHasAVector() {
        Set<Reason> covered = EnumSet.noneOf(Reason.class);
        for (Map<String, Object> c : cases()) {
            covered.add(Reason.valueOf((String) expectation(c).get("reason")));
        }
        assertEquals(EnumSet.allOf(Reason.class), covered);
    }

    static Stream<Arguments> vectors() {
        return cases().stream().map(c -> Arguments.of(c.get("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theVerifierReachesTheExpectedVerdict(String name, Map<String, Object> vector) throws Exception {
        OfflineVerifier verifier = verifierFor(vector);
        Verdict verdict = verdict(verifier, vector);

        Map<String, Object> expect = expectation(vector);
        assertEquals(expect.get("reason"), verdict.reason().name());
        assertEquals(expect.get("outcome"), verdict.outcome().name());
        if (expect.containsKey("credential")) {
            assertShows(JsonFields.object(expect.get("credential"), "credential"), verdict.credential().orElseThrow());
        } else {
            assertFalse(verdict.credential().isPresent(), "nothing unverified may be shown");
        }
        assertEquals(expect.get("officer_hint"), verdict.hint().map(Enum::name).orElse(null));
        if (expect.containsKey("status_age_seconds")) {
            assertEquals(expect.get("status_age_seconds"), verdict.statusAge().orElseThrow().getSeconds());
        } else {
            assertFalse(verdict.statusAge().isPresent());
        }
    }

    /** A scan of the case's input, or the ID-number check it describes (docs/token-format.md §11). */
    private static Verdict verdict(OfflineVerifier verifier, Map<String, Object> vector) throws Exception {
        if (!vector.containsKey("id_check")) {
            Object input = input(vector);
            return input instanceof byte[] ? verifier.verify((byte[]) input) : verifier.verify((String) input);
        }
        Map<String, Object> check = JsonFields.object(vector.get("id_check"), "id_check");
        if (check.containsKey("unanswered")) {
            return verifier.idCheckUnanswered("no_network".equals(check.get("unanswered"))
                    ? Reason.ID_CHECK_NEEDS_NETWORK : Reason.ID_CHECK_REFUSED);
        }
        return verifier.verifyIdCheck(JsonFields.string(check, "answer"), pinnedKeys(),
                JsonFields.string(check, "device_id"), JsonFields.string(check, "nonce"));
    }

    private static List<ECPublicKey> pinnedKeys() throws Exception {
        List<ECPublicKey> pinned = new ArrayList<>();
        for (Object jwk : JsonFields.list(JsonFields.object(SUITE.get("pinned_trust_keys"), "pinned"), "keys")) {
            pinned.add(ECKey.parse(JsonFields.object(jwk, "jwk")).toECPublicKey());
        }
        return pinned;
    }

    private static OfflineVerifier verifierFor(Map<String, Object> vector) throws Exception {
        TrustStore trust = TrustBundle.verify(JsonFields.string(SUITE, "trust_bundle"), pinnedKeys(), null);
        List<VerifiedStatusList> lists = new ArrayList<>();
        if (vector.containsKey("status_lists")) {
            for (String token : JsonFields.strings(vector, "status_lists")) {
                try {
                    lists.add(StatusListToken.verify(token, trust, null));
                } catch (SignedDataException refused) {
                    // A case's list that does not verify is not held: the verdict shows what follows.
                }
            }
        } else {
            for (String token : JsonFields.strings(SUITE, "status_lists")) {
                lists.add(StatusListToken.verify(token, trust, null));
            }
        }
        Map<String, Object> policy = new LinkedHashMap<>(JsonFields.object(SUITE.get("policy"), "policy"));
        if (vector.containsKey("policy")) {
            policy.putAll(JsonFields.object(vector.get("policy"), "policy"));
        }
        long now = vector.containsKey("now") ? JsonFields.integer(vector, "now") : JsonFields.integer(SUITE, "now");
        return OfflineVerifier.builder(trust, CheckpointPolicy.fromJson(policy))
                .statusLists(StatusLists.of(lists))
                .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC))
                .build();
    }

    private static void assertShows(Map<String, Object> expected, VerifiedCredential shown) {
        Credential credential = shown.credential();
        assertEquals(expected.get("kind"), credential.kind().typ());
        assertEquals(expected.get("issuer"), credential.issuer().value());
        assertEquals(expected.get("issuer_name"), shown.issuer().name());
        assertEquals(expected.get("masked_name"), credential.maskedName());
        assertEquals(expected.get("id_last_four"), credential.idLastFour());
        assertEquals(expected.get("expires_at"), credential.expiresAt().toString());
        assertEquals(expected.get("holder_proof_checked"), shown.holderProofChecked());
        if (credential instanceof HealthCode) {
            assertEquals(expected.get("colour"), ((HealthCode) credential).colour().code());
        } else if (credential instanceof CommuterPass) {
            CommuterPass pass = (CommuterPass) credential;
            assertEquals(expected.get("model"), pass.model().code());
            List<String> route = new ArrayList<>();
            for (RegionCode region : pass.route()) {
                route.add(region.value());
            }
            assertEquals(expected.get("route"), route);
            assertEquals(expected.get("employer"), pass.enterprise());
            assertEquals(expected.get("valid_from"), pass.validityStart().toString());
            assertEquals(expected.get("vehicle_plate"), pass.vehiclePlate().orElse(null));
        }
    }

    private static Object input(Map<String, Object> vector) {
        if (vector.containsKey("input_hex")) {
            String hex = JsonFields.string(vector, "input_hex");
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
        return JsonFields.string(vector, "input");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases() {
        return (List<Map<String, Object>>) SUITE.get("cases");
    }

    private static Map<String, Object> expectation(Map<String, Object> vector) {
        return JsonFields.object(vector.get("expect"), "expect");
    }

    @Test
    void theVectorsCoverPassesAndEveryOutcome() {
        Set<String> outcomes = new java.util.HashSet<>();
        for (Map<String, Object> c : cases()) {
            outcomes.add((String) expectation(c).get("outcome"));
        }
        assertTrue(outcomes.containsAll(java.util.Arrays.asList("PASS", "STOP", "REVIEW")));
    }

    static Stream<Arguments> bundleVectors() {
        return JsonFields.list(SUITE, "trust_bundle_cases").stream()
                .map(c -> JsonFields.object(c, "trust_bundle_cases[]"))
                .map(c -> Arguments.of(c.get("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundleVectors")
    void theDeviceAcceptsOrRefusesTheTrustBundle(String name, Map<String, Object> vector) throws Exception {
        boolean accepted;
        try {
            TrustBundle.verify(JsonFields.string(vector, "trust_bundle"), pinnedKeys(), null);
            accepted = true;
        } catch (SignedDataException refused) {
            accepted = false;
        }
        assertEquals(expectation(vector).get("accepted"), accepted);
    }
}
