package io.tongxing.qr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.holder.HolderProof;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.TestKeys;
import io.tongxing.token.Colour;
import io.tongxing.token.HolderKey;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The QR size budget of performance.md, for the largest realistic tokens: a status reference far
 * into a large list, a three-character masked name, a four-region freight route with a plate.
 */
class QrSizeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final StatusReference FAR = new StatusReference(9_999, 1_048_575);
    private final TokenSigner beijing = TokenSigner.create(TestKeys.signing("beijing-2026a"));
    private final TokenSigner langfang = TokenSigner.create(TestKeys.signing("langfang-2026a"));
    private final HolderKey holder = HolderKey.of(TestKeys.publicKey("holder-phone-1"));

    @Test
    void healthCodeFitsVersion11() {
        String token = beijing.sign(Credentials.healthCode(Colour.GREEN, NOW, FAR));
        assertVersionAtMost(11, QrText.encode(Presentation.of(token)), token);
    }

    @Test
    void freightPassFitsVersion13() {
        String token = langfang.sign(Credentials.freightPass(NOW, FAR, Optional.empty()));
        assertVersionAtMost(13, QrText.encode(Presentation.of(token)), token);
    }

    @Test
    void holderBoundCommuterPassWithProofFitsVersion15() throws Exception {
        String token = langfang.sign(Credentials.boundCommuterPass(NOW, FAR, holder));
        HolderProof proof = HolderProof.create(token, NOW, TestKeys.holder("holder-phone-1"));
        assertVersionAtMost(15, QrText.encode(Presentation.of(token, proof)), token);
    }

    /**
     * The one case over the budget: a freight pass across all four delta provinces, with a plate,
     * bound to a phone and shown with a live proof needs version 16 (33 bytes of holder key and 68
     * of proof on top of the largest pass). Recorded in docs/token-format.md; guarded here so it
     * cannot quietly grow.
     */
    @Test
    void holderBoundFourRegionFreightPassWithProofFitsVersion16() throws Exception {
        String token = langfang.sign(Credentials.freightPass(NOW, FAR, Optional.of(holder)));
        HolderProof proof = HolderProof.create(token, NOW, TestKeys.holder("holder-phone-1"));
        assertVersionAtMost(16, QrText.encode(Presentation.of(token, proof)), token);
    }

    @Test
    void holderBoundHealthCodeWithProofFitsVersion15() throws Exception {
        String token = beijing.sign(Credentials.boundHealthCode(NOW, FAR, holder));
        HolderProof proof = HolderProof.create(token, NOW, TestKeys.holder("holder-phone-1"));
        assertVersionAtMost(15, QrText.encode(Presentation.of(token, proof)), token);
    }

    private static void assertVersionAtMost(int limit, String text, String token) {
        int version = QrCode.encode(text).version();
        System.out.printf("QR version %d at M for %d JWS characters, %d QR characters%n",
                version, token.length(), text.length());
        assertTrue(version <= limit, "version " + version + " exceeds " + limit + " for " + text.length() + " characters");
    }
}
