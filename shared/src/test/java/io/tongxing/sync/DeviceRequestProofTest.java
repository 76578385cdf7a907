package io.tongxing.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.holder.HolderSigner;
import io.tongxing.jose.Base64Url;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedDataException.Problem;
import io.tongxing.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceRequestProofTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final String DEVICE = "6f0c8a52-3c1e-4d8e-9a57-2b1f0e9d4c11";
    private static final byte[] BODY = "{\"records\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final String JTI = "k3J9dQ2xVb7rT0yLmN4pZw";

    @Test
    void aProofMadeWithTheDeviceKeyVerifiesAndCoversExactlyItsRequest() throws Exception {
        // The Android Keystore signs in DER, as the JCA does: the proof must carry it as raw r||s.
        HolderSigner keystore = HolderSigner.of(TestKeys.privateKey("holder-phone-1"), null);
        String proof = DeviceRequestProof.sign(keystore, DEVICE, "POST", "/api/v1/device/scan-records", BODY, NOW, JTI);

        DeviceRequestProof verified = DeviceRequestProof.verify(proof, TestKeys.publicKey("holder-phone-1"), null);

        assertEquals(DEVICE, verified.kid());
        assertEquals(DEVICE, DeviceRequestProof.unverifiedKid(proof));
        assertEquals(NOW, verified.issuedAt());
        assertEquals(JTI, verified.jti());
        assertTrue(verified.covers("POST", "/api/v1/device/scan-records", BODY));
        assertFalse(verified.covers("POST", "/api/v1/device/sync", BODY), "another path");
        assertFalse(verified.covers("GET", "/api/v1/device/scan-records", BODY), "another method");
        assertFalse(verified.covers("POST", "/api/v1/device/scan-records",
                "{\"records\":[{}]}".getBytes(StandardCharsets.UTF_8)), "another body");
    }

    @Test
    void anEmptyBodyHasTheHashOfNoBytes() throws Exception {
        String proof = DeviceRequestProof.sign(TestKeys.holder("holder-phone-1"), DEVICE, "GET", "/x", null, NOW, JTI);
        DeviceRequestProof verified = DeviceRequestProof.verify(proof, TestKeys.publicKey("holder-phone-1"), null);
        assertTrue(verified.covers("GET", "/x", new byte[0]));
        assertEquals("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", DeviceRequestProof.bodyHash(new byte[0]));
    }

    @Test
    void aProofByAnotherKeyIsRefused() throws Exception {
        String proof = DeviceRequestProof.sign(TestKeys.holder("rogue"), DEVICE, "POST", "/x", BODY, NOW, JTI);
        SignedDataException refused = assertThrows(SignedDataException.class,
                () -> DeviceRequestProof.verify(proof, TestKeys.publicKey("holder-phone-1"), null));
        assertEquals(Problem.SIGNATURE_INVALID, refused.problem());
    }

    @Test
    void anAlteredProofIsRefused() throws Exception {
        String proof = DeviceRequestProof.sign(TestKeys.holder("holder-phone-1"), DEVICE, "POST", "/x", BODY, NOW, JTI);
        String[] parts = proof.split("\\.");
        String later = new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8)
                .replace(Long.toString(NOW.getEpochSecond()), Long.toString(NOW.getEpochSecond() + 3600));
        String altered = parts[0] + "." + Base64Url.encode(later.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertEquals(Problem.SIGNATURE_INVALID, assertThrows(SignedDataException.class,
                () -> DeviceRequestProof.verify(altered, TestKeys.publicKey("holder-phone-1"), null)).problem());
    }

    @Test
    void aSignedDocumentOfAnotherTypeIsNotAProof() {
        String other = JwsWriter.sign(TestKeys.signing("holder-phone-1"), "hc", "{\"htm\":\"POST\"}");
        assertEquals(Problem.WRONG_TYPE, assertThrows(SignedDataException.class,
                () -> DeviceRequestProof.verify(other, TestKeys.publicKey("holder-phone-1"), null)).problem());
    }

    @Test
    void aProofWithMissingOrMalformedClaimsIsRefused() {
        String noJti = JwsWriter.sign(TestKeys.signing("holder-phone-1"), DeviceRequestProof.TYP,
                "{\"htm\":\"POST\",\"htu\":\"/x\",\"iat\":1,\"bh\":\"" + DeviceRequestProof.bodyHash(BODY) + "\"}");
        String shortJti = JwsWriter.sign(TestKeys.signing("holder-phone-1"), DeviceRequestProof.TYP,
                "{\"htm\":\"POST\",\"htu\":\"/x\",\"iat\":1,\"jti\":\"abc\",\"bh\":\"" + DeviceRequestProof.bodyHash(BODY) + "\"}");
        String fullUrl = JwsWriter.sign(TestKeys.signing("holder-phone-1"), DeviceRequestProof.TYP,
                "{\"htm\":\"POST\",\"htu\":\"https://x/y\",\"iat\":1,\"jti\":\"" + JTI + "\",\"bh\":\""
                        + DeviceRequestProof.bodyHash(BODY) + "\"}");
        for (String proof : new String[] {noJti, shortJti, fullUrl}) {
            assertEquals(Problem.MALFORMED, assertThrows(SignedDataException.class,
                    () -> DeviceRequestProof.verify(proof, TestKeys.publicKey("holder-phone-1"), null)).problem());
        }
    }

    @Test
    void anOverlongProofIsRefusedUnparsed() {
        String huge = "eyJ" + "A".repeat(DeviceRequestProof.MAX_LENGTH);
        assertEquals(Problem.TOO_LARGE,
                assertThrows(SignedDataException.class, () -> DeviceRequestProof.unverifiedKid(huge)).problem());
        assertEquals(Problem.MALFORMED,
                assertThrows(SignedDataException.class, () -> DeviceRequestProof.unverifiedKid("not.a.jws")).problem());
    }

    @Test
    void beforeEnrollmentTheKidIsTheCompressedKeyAndJtisAreFresh() {
        assertEquals(44, DeviceRequestProof.enrollmentKid(TestKeys.publicKey("holder-phone-1")).length());
        SecureRandom random = new SecureRandom();
        String a = DeviceRequestProof.randomJti(random);
        assertEquals(22, a.length());
        assertFalse(a.equals(DeviceRequestProof.randomJti(random)));
    }
}
