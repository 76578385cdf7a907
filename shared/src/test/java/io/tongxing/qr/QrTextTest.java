package io.tongxing.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.holder.HolderProof;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.TestKeys;
import io.tongxing.token.Colour;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QrTextTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final String token = TokenSigner.create(TestKeys.signing("beijing-2026a"))
            .sign(Credentials.healthCode(Colour.GREEN, NOW, new StatusReference(1, 2)));

    @Test
    void aTokenBecomesThePrefixAndDigitsAndComesBackExactly() throws Exception {
        String text = QrText.encode(Presentation.of(token));

        assertTrue(text.startsWith("TX1:"));
        assertTrue(text.substring(4).chars().allMatch(Character::isDigit));
        assertEquals(Presentation.of(token), QrText.decode(text));
    }

    @Test
    void aHolderProofTravelsAfterTheToken() throws Exception {
        HolderProof proof = HolderProof.create(token, NOW, TestKeys.holder("holder-phone-1"));
        Presentation decoded = QrText.decode(QrText.encode(Presentation.of(token, proof)));

        assertEquals(token, decoded.token());
        assertEquals(proof, decoded.holderProof().orElseThrow());
    }

    @Test
    void aTruncatedFrameIsMalformed() {
        String text = QrText.encode(Presentation.of(token));
        assertThrows(QrTextException.class, () -> QrText.decode(text.substring(0, text.length() - 17)));
        assertThrows(QrTextException.class, () -> QrText.decode(text.substring(0, 10)));
        assertThrows(QrTextException.class, () -> QrText.decode("TX1:"));
    }

    @Test
    void extraBytesThatAreNotAProofAreMalformed() {
        String text = QrText.encode(Presentation.of(token));
        assertThrows(QrTextException.class, () -> QrText.decode(text + "00000000000000000"));
    }

    @Test
    void otherTextIsNotTongxing() {
        assertFalse(QrText.isTongxing("HC1:NCFOXN%TS3DH"));
        assertFalse(QrText.isTongxing("tx1:123"));
        assertThrows(QrTextException.class, () -> QrText.decode("shc:/5676290952432060346029243740"));
    }
}
