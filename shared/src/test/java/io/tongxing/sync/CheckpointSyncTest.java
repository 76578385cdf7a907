package io.tongxing.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.jose.Base64Url;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedDataException.Problem;
import io.tongxing.testing.TestKeys;
import io.tongxing.testing.Trust;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.TrustBundle;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.HolderProofPolicy;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointSyncTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final RegionCode BEIJING = RegionCode.of("110000");
    private static final String DEVICE = "6f0c8a52-3c1e-4d8e-9a57-2b1f0e9d4c11";
    private static final String NONCE = "k3J9dQ2xVb7rT0yLmN4pZw";
    private static final List<ECPublicKey> PINNED = Collections.singletonList(TestKeys.publicKey("beijing-trust"));

    private static CheckpointSync sync(String bundle) {
        CheckpointPolicy policy = CheckpointPolicy.builder(RegionCode.of("110112")).corridor(Trust.CORRIDOR)
                .passRequired().holderProof(HolderProofPolicy.REQUIRED).build();
        return new CheckpointSync(BEIJING, DEVICE, "bj-tz-01", NONCE, NOW, 3, policy,
                new CheckpointSync.SignedVersion(7, CheckpointSync.digest(bundle)),
                Arrays.asList(new CheckpointSync.StatusListVersion(BEIJING, 1, 1795330000123456L, CheckpointSync.digest("a.b.c")),
                        new CheckpointSync.StatusListVersion(RegionCode.of("131000"), 4, 0, CheckpointSync.digest("d.e.f"))));
    }

    @Test
    void aSyncSignedByThePinnedTrustKeyCarriesPolicyTimeAndVersions() throws Exception {
        String bundle = TrustBundle.sign(TestKeys.signing("beijing-trust"), Trust.beijingStore(NOW));
        CheckpointSync made = sync(bundle);

        CheckpointSync verified = CheckpointSync.verify(CheckpointSync.sign(TestKeys.jcaSigning("beijing-trust"), made),
                PINNED, DEVICE, NONCE, null);

        assertEquals(made, verified);
        assertEquals(NOW, verified.serverTime());
        assertEquals(HolderProofPolicy.REQUIRED, verified.policy().holderProof());
        assertEquals(CheckpointSync.digest(bundle), verified.trustBundle().digest());
        assertEquals(1795330000123456L, verified.statusList(BEIJING, 1).orElseThrow().version());
        assertFalse(verified.statusList(BEIJING, 2).isPresent());
    }

    @Test
    void aRelaxedPolicyFromAnyoneButTheTrustKeyIsRefused() {
        String forged = CheckpointSync.sign(TestKeys.signing("rogue"), sync("x.y.z"));
        assertEquals(Problem.KEY_UNKNOWN, assertThrows(SignedDataException.class,
                () -> CheckpointSync.verify(forged, PINNED, DEVICE, NONCE, null)).problem());

        String signed = CheckpointSync.sign(TestKeys.signing("beijing-trust"), sync("x.y.z"));
        String[] parts = signed.split("\\.");
        String relaxed = new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"holder_proof\":\"required\"", "\"holder_proof\":\"optional\"");
        String altered = parts[0] + "." + Base64Url.encode(relaxed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(Problem.SIGNATURE_INVALID, assertThrows(SignedDataException.class,
                () -> CheckpointSync.verify(altered, PINNED, DEVICE, NONCE, null)).problem());
    }

    @Test
    void aSyncForAnotherDeviceOrAnotherRequestIsRefused() {
        String signed = CheckpointSync.sign(TestKeys.signing("beijing-trust"), sync("x.y.z"));
        assertEquals(Problem.MALFORMED, assertThrows(SignedDataException.class,
                () -> CheckpointSync.verify(signed, PINNED, "another-device", NONCE, null)).problem());
        SignedDataException replayed = assertThrows(SignedDataException.class,
                () -> CheckpointSync.verify(signed, PINNED, DEVICE, "an-earlier-request-jti", null));
        assertEquals(Problem.MALFORMED, replayed.problem());
        assertTrue(replayed.getMessage().contains("another request"));
    }

    @Test
    void aTrustBundleIsNotASync() {
        String bundle = TrustBundle.sign(TestKeys.signing("beijing-trust"), Trust.beijingStore(NOW));
        assertEquals(Problem.WRONG_TYPE, assertThrows(SignedDataException.class,
                () -> CheckpointSync.verify(bundle, PINNED, DEVICE, NONCE, null)).problem());
    }

    @Test
    void aSyncWithAMalformedPolicyOrDigestIsRefused() {
        String badPolicy = JwsWriter.sign(TestKeys.signing("beijing-trust"), CheckpointSync.TYP,
                "{\"iss\":\"110000\",\"sub\":\"" + DEVICE + "\",\"iat\":1,\"nonce\":\"" + NONCE + "\",\"checkpoint\":\"c\","
                        + "\"policy_version\":1,\"policy\":{\"region\":\"110112\",\"accepted_colours\":[\"r\"]},"
                        + "\"trust_bundle\":{\"ver\":1,\"digest\":\"" + CheckpointSync.digest("x") + "\"},\"status_lists\":[]}");
        String badDigest = JwsWriter.sign(TestKeys.signing("beijing-trust"), CheckpointSync.TYP,
                "{\"iss\":\"110000\",\"sub\":\"" + DEVICE + "\",\"iat\":1,\"nonce\":\"" + NONCE + "\",\"checkpoint\":\"c\","
                        + "\"policy_version\":1,\"policy\":{\"region\":\"110112\"},"
                        + "\"trust_bundle\":{\"ver\":1,\"digest\":\"short\"},\"status_lists\":[]}");
        for (String sync : new String[] {badPolicy, badDigest}) {
            assertEquals(Problem.MALFORMED, assertThrows(SignedDataException.class,
                    () -> CheckpointSync.verify(sync, PINNED, DEVICE, NONCE, null)).problem());
        }
    }

    @Test
    void aNextTrustKeyLearnedFromABundleVerifiesSyncsAfterTheRotation() throws Exception {
        String signed = CheckpointSync.sign(TestKeys.signing("langfang-2026a"), sync("x.y.z"));
        List<ECPublicKey> pinnedAndLearned = Arrays.asList(TestKeys.publicKey("beijing-trust"),
                TestKeys.publicKey("langfang-2026a"));
        assertEquals(DEVICE, CheckpointSync.verify(signed, pinnedAndLearned, DEVICE, NONCE, null).deviceId());
    }

    @Test
    void theDigestIsTheBase64urlSha256OfTheText() {
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", CheckpointSync.digest("abc"));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointSync.SignedVersion(1, "not-a-digest"));
    }
}
