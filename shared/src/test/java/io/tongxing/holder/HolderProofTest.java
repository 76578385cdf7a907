package io.tongxing.holder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.testing.TestKeys;
import io.tongxing.token.HolderKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HolderProofTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final HolderKey phone1 = HolderKey.of(TestKeys.publicKey("holder-phone-1"));
    private final HolderKey phone2 = HolderKey.of(TestKeys.publicKey("holder-phone-2"));

    @Test
    void aProofMadeByTheDeviceKeyVerifiesForItsTokenOnly() throws Exception {
        HolderProof proof = HolderProof.create("token-a", NOW,
                HolderSigner.of(TestKeys.privateKey("holder-phone-1"), null));

        assertTrue(proof.isMadeBy(phone1, "token-a", null));
        assertFalse(proof.isMadeBy(phone1, "token-b", null), "replayed for another token");
        assertFalse(proof.isMadeBy(phone2, "token-a", null), "another device's key");
        assertEquals(NOW, proof.time());
    }

    @Test
    void aProofWithAnotherTimeDoesNotVerify() throws Exception {
        HolderProof proof = HolderProof.create("token-a", NOW, TestKeys.holder("holder-phone-1"));
        HolderProof moved = HolderProof.of(proof.epochSecond() + 30, proof.signature());

        assertFalse(moved.isMadeBy(phone1, "token-a", null));
    }

    @Test
    void zeroOrOutOfRangeSignaturesAreRefused() {
        assertFalse(HolderProof.of(NOW.getEpochSecond(), new byte[64]).isMadeBy(phone1, "token-a", null));
        assertThrows(IllegalArgumentException.class, () -> HolderProof.of(NOW.getEpochSecond(), new byte[70]));
        assertThrows(IllegalArgumentException.class, () -> HolderProof.of(-1, new byte[64]));
    }
}
