package io.tongxing.jose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.holder.HolderProof;
import io.tongxing.jose.LowS;
import io.tongxing.holder.HolderSigner;
import io.tongxing.sync.DeviceRequestProof;
import io.tongxing.testing.TestKeys;
import io.tongxing.token.HolderKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * ECDSA malleability: every signature the library makes is the low-S one, and its high-S twin —
 * which is just as valid ECDSA — is refused wherever a signature is checked.
 */
class LowSTest {
    private static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    /** With random nonces half of all raw signatures are high-S: 64 low-S ones by chance is 2^-64. */
    private static final int SIGNATURES = 64;

    @Test
    void theBoundaryIsHalfTheGroupOrder() {
        BigInteger half = N.shiftRight(1);
        assertTrue(LowS.holds(signatureWithS(BigInteger.ONE)));
        assertTrue(LowS.holds(signatureWithS(half)), "s = (n - 1) / 2 is the largest low s");
        assertFalse(LowS.holds(signatureWithS(half.add(BigInteger.ONE))));
        assertFalse(LowS.holds(signatureWithS(N.subtract(BigInteger.ONE))));
        assertFalse(LowS.holds(new byte[63]), "not a raw ES256 signature");
    }

    @Test
    void theLowTwinOfAHighSignatureIsNMinusS() {
        byte[] high = signatureWithS(N.subtract(BigInteger.TWO));
        byte[] low = LowS.of(high);
        assertArrayEquals(Arrays.copyOf(high, 32), Arrays.copyOf(low, 32), "r is kept");
        assertArrayEquals(signatureWithS(BigInteger.TWO), low);
        assertArrayEquals(low, LowS.of(low), "a low-S signature is left as it is");
        assertArrayEquals(high, LowS.twin(low), "and its twin is the high one again");
    }

    @Test
    void tokensStatusListsAndBundlesAreSignedLowSByTheJca() {
        SigningKey key = TestKeys.jcaSigning("beijing-2026a");
        JwsVerifier verifier = JwsVerifier.of(TestKeys.publicKey("beijing-2026a"), null);
        for (int i = 0; i < SIGNATURES; i++) {
            String token = JwsWriter.sign(key, "hc", "{\"n\":" + i + "}");
            byte[] signature = signatureOf(token);
            assertTrue(LowS.holds(signature), token);
            byte[] input = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
            assertTrue(verifier.verifies(input, signature));
            assertFalse(verifier.verifies(input, LowS.twin(signature)), "the high-S twin is valid ECDSA, yet refused");
        }
    }

    @Test
    void holderProofsAreMadeLowSAndTheirTwinsRefused() throws Exception {
        HolderSigner phone = HolderSigner.of(TestKeys.privateKey("holder-phone-1"), null);
        HolderKey key = HolderKey.of(TestKeys.publicKey("holder-phone-1"));
        String token = "eyJ0.eyJ0.c2ln";
        for (int i = 0; i < SIGNATURES; i++) {
            HolderProof proof = HolderProof.create(token, Instant.ofEpochSecond(1_795_330_000L + i), phone);
            assertTrue(LowS.holds(proof.signature()));
            assertTrue(proof.isMadeBy(key, token, null));
            assertFalse(HolderProof.of(proof.epochSecond(), LowS.twin(proof.signature())).isMadeBy(key, token, null));
        }
    }

    @Test
    void deviceRequestProofsAreMadeLowS() throws Exception {
        HolderSigner device = HolderSigner.of(TestKeys.privateKey("holder-phone-2"), null);
        for (int i = 0; i < SIGNATURES; i++) {
            String proof = DeviceRequestProof.sign(device, "device-1", "POST", "/api/v1/device/sync", new byte[] {(byte) i},
                    Instant.ofEpochSecond(1_795_330_000L), "k3J9dQ2xVb7rT0yLmN4pZw");
            assertTrue(LowS.holds(signatureOf(proof)), proof);
        }
    }

    private static byte[] signatureOf(String compact) {
        return Base64Url.decode(compact.substring(compact.lastIndexOf('.') + 1));
    }

    private static byte[] signatureWithS(BigInteger s) {
        byte[] raw = new byte[64];
        raw[31] = 7;
        byte[] bytes = s.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, raw, 64 - length, length);
        return raw;
    }
}
