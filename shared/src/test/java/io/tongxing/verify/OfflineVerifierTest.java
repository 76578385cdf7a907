package io.tongxing.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.holder.HolderProof;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.status.StatusListToken;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.Forge;
import io.tongxing.testing.Scenario;
import io.tongxing.testing.TestKeys;
import io.tongxing.testing.Trust;
import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.Recognition;
import io.tongxing.trust.TrustStore;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verifier's behaviour as an officer at the Tongzhou checkpoint sees it. */
class OfflineVerifierTest {
    private static final Instant NOW = Scenario.NOW;
    private static final StatusReference GOOD_BEIJING = new StatusReference(Scenario.BEIJING_LIST, 42);
    private static final StatusReference GOOD_LANGFANG = new StatusReference(Scenario.LANGFANG_LIST, 42);

    private final TokenSigner beijing = TokenSigner.create(TestKeys.jcaSigning("beijing-2026a"));
    private final TokenSigner langfang = TokenSigner.create(TestKeys.jcaSigning("langfang-2026a"));
    private final OfflineVerifier tongzhou = Scenario.verifier();

    @Test
    void aGreenCodeFromHomePassesAndShowsWhatToCompareWithTheIdCard() {
        String qr = qr(beijing.sign(Credentials.healthCode(Colour.GREEN, NOW.minusSeconds(1800), GOOD_BEIJING)));

        Verdict verdict = tongzhou.verify(qr);

        assertEquals(Outcome.PASS, verdict.outcome());
        assertEquals(Reason.ACCEPTED, verdict.reason());
        VerifiedCredential shown = verdict.credential().orElseThrow();
        assertEquals("张*三", shown.credential().maskedName());
        assertEquals("123X", shown.credential().idLastFour());
        assertEquals(Colour.GREEN, ((HealthCode) shown.credential()).colour());
        assertEquals("北京市", shown.issuer().name());
        assertEquals(Optional.of(Duration.ofMinutes(10)), verdict.statusAge());
    }

    @Test
    void aLangfangCommuterPassPassesOnTheCorridor() {
        CommuterPass pass = Credentials.commuterPass(NOW.minus(Duration.ofDays(3)), GOOD_LANGFANG);

        Verdict verdict = tongzhou.verify(qr(langfang.sign(pass)));

        assertEquals(Reason.ACCEPTED, verdict.reason());
        CommuterPass shown = (CommuterPass) verdict.credential().orElseThrow().credential();
        assertEquals(pass.route(), shown.route());
        assertEquals(pass.expiresAt(), shown.expiresAt());
        assertEquals("廊坊市", verdict.credential().orElseThrow().issuer().name());
    }

    @Test
    void aRedCodeStopsAndTheOfficerSeesWhose() {
        Verdict verdict = tongzhou.verify(qr(beijing.sign(Credentials.healthCode(Colour.RED, NOW, GOOD_BEIJING))));

        assertEquals(Outcome.STOP, verdict.outcome());
        assertEquals(Reason.CODE_RED, verdict.reason());
        assertEquals("张*三", verdict.credential().orElseThrow().credential().maskedName());
    }

    @Test
    void aForgedCodeStopsAndShowsNothingOfItself() {
        String forged = TokenSigner.create(TestKeys.jcaSigning("rogue"))
                .sign(Credentials.healthCode(Colour.GREEN, NOW, GOOD_BEIJING));

        Verdict verdict = tongzhou.verify(qr(forged));

        assertEquals(Reason.KEY_UNKNOWN, verdict.reason());
        assertFalse(verdict.credential().isPresent());
    }

    @Test
    void aCodeExpiresWhenExpPlusTheSkewIsReachedAndNotASecondBefore() {
        Duration skew = Scenario.policy().clockSkew();
        HealthCode code = Credentials.healthCode(Colour.GREEN, NOW.minus(Duration.ofHours(23)), GOOD_BEIJING);
        String qr = qr(beijing.sign(code));
        Instant expiry = code.expiresAt().plus(skew);

        assertEquals(Reason.EXPIRED, Scenario.verifier(expiry, Scenario.policy()).verify(qr).reason());
        assertEquals(Reason.ACCEPTED, Scenario.verifier(expiry.minusSeconds(1), Scenario.policy()).verify(qr).reason());
    }

    @Test
    void aDeviceClockBehindTheLastSignedTimeAsksForReview() {
        String qr = qr(beijing.sign(Credentials.healthCode(Colour.GREEN, NOW.minus(Duration.ofHours(3)), GOOD_BEIJING)));
        Instant behind = Scenario.STATUS_SIGNED.minus(Scenario.policy().clockSkew()).minusSeconds(1);

        Verdict verdict = Scenario.verifier(behind, Scenario.policy()).verify(qr);

        assertEquals(Outcome.REVIEW, verdict.outcome());
        assertEquals(Reason.CLOCK_BEHIND, verdict.reason());
    }

    @Test
    void aLiveCodeIsAcceptedForAMinuteAndThenNoMore() throws Exception {
        CheckpointPolicy strict = Scenario.policy().toBuilder().holderProof(HolderProofPolicy.REQUIRED).build();
        String token = beijing.sign(Credentials.boundHealthCode(NOW.minusSeconds(600), GOOD_BEIJING,
                HolderKey.of(TestKeys.publicKey("holder-phone-1"))));
        HolderProof proof = HolderProof.create(token, NOW, TestKeys.holder("holder-phone-1"));
        String live = QrText.encode(Presentation.of(token, proof));

        Verdict fresh = Scenario.verifier(NOW.plusSeconds(60), strict).verify(live);
        Verdict stale = Scenario.verifier(NOW.plusSeconds(61), strict).verify(live);
        Verdict screenshotOfTokenOnly = Scenario.verifier(NOW, strict).verify(qr(token));

        assertEquals(Reason.ACCEPTED, fresh.reason());
        assertTrue(fresh.credential().orElseThrow().holderProofChecked());
        assertEquals(Reason.HOLDER_PROOF_OUT_OF_WINDOW, stale.reason());
        assertEquals(Reason.HOLDER_PROOF_MISSING, screenshotOfTokenOnly.reason());
    }

    @Test
    void aPartnerRecognizedForHealthCodesCannotStretchOneBeyondADay() throws Exception {
        Issuer langfang = Trust.langfang();
        Issuer trustedForCodes = new Issuer(langfang.region(), langfang.name(), langfang.nameEn(),
                langfang.statusListBase(), langfang.keys(), Recognition.everything());
        OfflineVerifier verifier = OfflineVerifier.builder(new TrustStore(Credentials.BEIJING, 7,
                        Scenario.BUNDLE_SIGNED, Scenario.BUNDLE_SIGNED.plus(Duration.ofDays(7)),
                        List.of(Trust.beijing(), trustedForCodes)), Scenario.policy())
                .statusLists(StatusLists.of(List.of(StatusListToken.verify(Scenario.statusListTokens().get(1),
                        Trust.beijingStore(Scenario.BUNDLE_SIGNED), null))))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        HealthCode day = new HealthCode(Credentials.LANGFANG, "Lf8wq0Zk", "李*华", "4521", Colour.GREEN,
                NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(23)), GOOD_LANGFANG, Optional.empty());
        String payload = Forge.payload(day);
        String week = payload.replace("\"exp\":" + day.expiresAt().getEpochSecond(),
                "\"exp\":" + day.issuedAt().plus(Duration.ofDays(7)).getEpochSecond());
        String backwards = payload.replace("\"exp\":" + day.expiresAt().getEpochSecond(),
                "\"exp\":" + day.issuedAt().getEpochSecond());

        assertEquals(Reason.ACCEPTED, verifier.verify(qr(langfang(payload))).reason(), "a day is fine");
        assertEquals(Reason.CLAIMS_INVALID, verifier.verify(qr(langfang(week))).reason(), "a week is not");
        assertEquals(Reason.CLAIMS_INVALID, verifier.verify(qr(langfang(backwards))).reason(), "exp = iat");
    }

    private static String langfang(String healthCodePayload) {
        return Forge.sign("langfang-2026a", Forge.header("MHsLYo", "hc"), healthCodePayload);
    }

    @Test
    void textWithHalfASurrogatePairIsNotText() {
        String qr = qr(beijing.sign(Credentials.healthCode(Colour.GREEN, NOW, GOOD_BEIJING)));

        assertEquals(Reason.INPUT_NOT_UTF8, tongzhou.verify(qr.substring(0, 30) + '\ud842' + qr.substring(30)).reason());
        assertEquals(Reason.INPUT_NOT_UTF8, tongzhou.verify(qr + '\udc00').reason());
    }

    @Test
    void aHardwareScannerTypingBytesAndEnterIsUnderstood() {
        String qr = qr(beijing.sign(Credentials.healthCode(Colour.GREEN, NOW, GOOD_BEIJING)));

        Verdict verdict = tongzhou.verify((qr + "\r\n").getBytes(StandardCharsets.US_ASCII));

        assertEquals(Reason.ACCEPTED, verdict.reason());
    }

    @Test
    void aNativeProviderGivesTheSameAnswers() throws Exception {
        Provider conscrypt = (Provider) Class.forName("org.conscrypt.OpenSSLProvider").getDeclaredConstructor().newInstance();
        OfflineVerifier nativeVerifier = OfflineVerifier.builder(
                io.tongxing.trust.TrustBundle.verify(Scenario.trustBundle(), Scenario.pinnedTrustKeys(), conscrypt),
                Scenario.policy()).provider(conscrypt)
                .statusLists(StatusLists.of(java.util.Collections.singletonList(io.tongxing.status.StatusListToken.verify(
                        Scenario.statusListTokens().get(0),
                        io.tongxing.trust.TrustBundle.verify(Scenario.trustBundle(), Scenario.pinnedTrustKeys(), null),
                        conscrypt))))
                .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).build();
        String good = qr(beijing.sign(Credentials.healthCode(Colour.GREEN, NOW, GOOD_BEIJING)));
        String revoked = qr(beijing.sign(Credentials.healthCode(Colour.GREEN, NOW,
                new StatusReference(Scenario.BEIJING_LIST, Scenario.REVOKED))));

        assertEquals(Reason.ACCEPTED, nativeVerifier.verify(good).reason());
        assertEquals(Reason.REVOKED, nativeVerifier.verify(revoked).reason());
        assertEquals(Reason.SIGNATURE_INVALID, nativeVerifier.verify(flipLastSignatureBit(good)).reason());
    }

    @Test
    void garbageNeverPassesAndNeverThrows() {
        Random random = new Random(7);
        String good = qr(beijing.sign(Credentials.healthCode(Colour.GREEN, NOW, GOOD_BEIJING)));
        for (int i = 0; i < 3000; i++) {
            char[] mutated = good.toCharArray();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = 4 + random.nextInt(mutated.length - 4);
                mutated[at] = (char) ('0' + random.nextInt(10));
            }
            String input = new String(mutated);
            if (!input.equals(good)) {
                assertNotEquals(Outcome.PASS, tongzhou.verify(input).outcome(), input);
            }
            byte[] noise = new byte[random.nextInt(600)];
            random.nextBytes(noise);
            assertNotEquals(Outcome.PASS, tongzhou.verify(noise).outcome());
        }
    }

    private static String qr(String token) {
        return QrText.encode(Presentation.of(token));
    }

    private static String flipLastSignatureBit(String qr) {
        char last = qr.charAt(qr.length() - 1);
        return qr.substring(0, qr.length() - 1) + (char) (last == '0' ? '1' : last - 1);
    }
}
