package io.tongxing.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.Scenario;
import io.tongxing.testing.TestKeys;
import io.tongxing.token.Colour;
import io.tongxing.token.Credential;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of everything a checkpoint does with what it scans: the QR text and its
 * decimal blocks, the JWS, the claims, the holder proof and the verifier's stages. Two properties:
 * nothing a camera can deliver makes the verifier throw, and nothing but a genuine credential —
 * identical in every claim to one an issuer signed — is ever PASSed.
 *
 * <p>{@code mvn verify} runs these in regression mode: the seeds under
 * {@code src/test/resources/io/tongxing/verify/VerifierFuzzTestInputs/} and the genuine codes below.
 * Every build also fuzzes each for 20 s (executions in shared/pom.xml); with {@code JAZZER_FUZZ=1}
 * alone Jazzer mutates for the {@code maxDuration} below; see docs/security.md.
 */
class VerifierFuzzTest {

    private static final OfflineVerifier TONGZHOU = Scenario.verifier();
    private static final Credential CODE = Credentials.healthCode(Colour.GREEN, Scenario.NOW.minusSeconds(1800),
            new StatusReference(Scenario.BEIJING_LIST, 42));
    private static final Credential PASS = Credentials.commuterPass(Scenario.NOW.minusSeconds(3600),
            new StatusReference(Scenario.LANGFANG_LIST, 42));
    private static final List<Credential> GENUINE = List.of(CODE, PASS);
    private static final List<String> GENUINE_QR = List.of(
            QrText.encode(Presentation.of(TokenSigner.create(TestKeys.signing("beijing-2026a")).sign(CODE))),
            QrText.encode(Presentation.of(TokenSigner.create(TestKeys.signing("langfang-2026a")).sign(PASS))));

    /** Without this the property below could hold by never passing anything. */
    @Test
    void genuineCodesPass() {
        for (String qr : GENUINE_QR) {
            assertEquals(Outcome.PASS, TONGZHOU.verify(qr).outcome(), qr);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anythingScanned(byte[] scanned) {
        judge(TONGZHOU.verify(scanned));
    }

    /**
     * A genuine QR with a few characters replaced, inserted or deleted where the fuzzer chooses: the
     * place where a forger starts. Every mutation that changes a claim must fail.
     */
    @FuzzTest(maxDuration = "10m")
    void genuineQrMutated(FuzzedDataProvider data) {
        String genuine = GENUINE_QR.get(data.consumeInt(0, GENUINE_QR.size() - 1));
        StringBuilder text = new StringBuilder(genuine);
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = data.consumeInt(0, text.length() - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> text.setCharAt(at, data.consumeChar());
                case 1 -> text.insert(at, data.consumeChar());
                default -> text.deleteCharAt(at);
            }
        }
        judge(TONGZHOU.verify(text.toString()));
        judge(TONGZHOU.verify(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void judge(Verdict verdict) {
        assertNotNull(verdict.reason(), "every verdict names its reason");
        if (verdict.outcome() == Outcome.PASS) {
            assertTrue(verdict.credential().isPresent(), "a PASS shows the officer what was verified");
            Credential passed = verdict.credential().get().credential();
            assertTrue(GENUINE.contains(passed), () -> "PASS for a credential no issuer signed: " + passed);
        }
    }
}
