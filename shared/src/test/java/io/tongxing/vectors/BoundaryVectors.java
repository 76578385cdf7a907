package io.tongxing.vectors;

import static io.tongxing.vectors.VerifierVectors.beijingPass;
import static io.tongxing.vectors.VerifierVectors.beijingStatus;
import static io.tongxing.vectors.VerifierVectors.code;
import static io.tongxing.vectors.VerifierVectors.langfangStatus;
import static io.tongxing.vectors.VerifierVectors.proof;
import static io.tongxing.vectors.VerifierVectors.qr;

import io.tongxing.holder.HolderProof;
import io.tongxing.jose.LowS;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.Forge;
import io.tongxing.testing.Scenario;
import io.tongxing.testing.TestKeys;
import io.tongxing.testing.Trust;
import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PassModel;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.tongxing.verify.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Vectors on the edges docs/token-format.md draws: what counts towards the 4,096-character limit
 * and which line breaks are dropped; every time comparison at its boundary and one second past it
 * (skew, key windows, status age, list and bundle {@code exp}, holder-proof window); and how a held
 * status list is matched to a token.
 */
final class BoundaryVectors {
    private static final Instant NOW = Scenario.NOW;
    private static final Duration SKEW = Duration.ofSeconds(120);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private final BiFunction<String, String, VectorCase> add;
    private final TokenSigner beijing = TokenSigner.create(TestKeys.signing("beijing-2026a"));
    private final TokenSigner retired = TokenSigner.create(TestKeys.signing("beijing-2025-retired"));
    private final TokenSigner langfang = TokenSigner.create(TestKeys.signing("langfang-2026a"));
    private final HealthCode green = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 42);
    private final String greenQr = qr(beijing.sign(green));
    private final CommuterPass pass = Credentials.commuterPass(NOW.minus(Duration.ofDays(3)), langfangStatus(42));
    private final String passQr = qr(langfang.sign(pass));

    BoundaryVectors(BiFunction<String, String, VectorCase> add) {
        this.add = add;
    }

    void addAll() {
        input();
        tokenTimes();
        keyWindows();
        freshness();
        statusListMatching();
        holderProofs();
    }

    private void input() {
        add.apply("input-4096-code-points", "4096 characters outside the Basic Multilingual Plane (8192 UTF-16 units):"
                + " the limit counts code points, so this is not too large, just not a code.")
                .input("𠮷".repeat(4096)).expect(Reason.INPUT_NOT_RECOGNIZED);
        add.apply("input-4097-code-points", "One code point more.")
                .input("𠮷".repeat(4097)).expect(Reason.INPUT_TOO_LARGE);
        add.apply("input-4096-characters-and-line-break", "4096 characters and a CRLF: the line break is dropped"
                + " before counting. (4092 digits are no whole frame.)")
                .input("TX1:" + "0".repeat(4092) + "\r\n").expect(Reason.QR_FRAME_MALFORMED);
        add.apply("keyboard-wedge-carriage-return", "A scanner that ends the code with a bare CR.")
                .input(greenQr + "\r").expect(Reason.ACCEPTED).shows(green, Trust.beijing()).statusAge(TEN_MINUTES);
        add.apply("two-trailing-line-breaks", "Only one trailing line break is dropped; the other is a control character.")
                .input(greenQr + "\n\n").expect(Reason.INPUT_CONTROL_CHARACTERS);
        add.apply("trailing-space", "A trailing space is not dropped: the digits end in a non-digit.")
                .input(greenQr + " ").expect(Reason.QR_FRAME_MALFORMED);
        add.apply("input-bytes-encoded-surrogate", "UTF-8 bytes of a surrogate (ED A0 80), which UTF-8 forbids.")
                .inputHex(new byte[] {'T', 'X', '1', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80})
                .expect(Reason.INPUT_NOT_UTF8);
    }

    private void tokenTimes() {
        HealthCode atSkew = new HealthCode(Credentials.BEIJING, "q3V9xJm2", "张*三", "123X", Colour.GREEN,
                NOW.minus(Duration.ofHours(24)).minus(SKEW), NOW.minus(SKEW), beijingStatus(42), Optional.empty());
        add.apply("expired-at-exp-plus-skew", "now = exp + skew exactly: expired (a token is valid while now < exp + skew).")
                .input(qr(beijing.sign(atSkew))).expect(Reason.EXPIRED).shows(atSkew, Trust.beijing());
        HealthCode issuedAtSkew = code(Colour.GREEN, NOW.plus(SKEW), 42);
        add.apply("issued-at-now-plus-skew", "iat = now + skew exactly: not in the future (only iat > now + skew is).")
                .input(qr(beijing.sign(issuedAtSkew))).expect(Reason.ACCEPTED).shows(issuedAtSkew, Trust.beijing())
                .statusAge(TEN_MINUTES);
        HealthCode issuedPastSkew = code(Colour.GREEN, NOW.plus(SKEW).plusSeconds(1), 42);
        add.apply("issued-one-second-past-skew", "iat = now + skew + 1 s.")
                .input(qr(beijing.sign(issuedPastSkew))).expect(Reason.ISSUED_IN_FUTURE).shows(issuedPastSkew, Trust.beijing());
        CommuterPass startsAtSkew = startingAt(NOW.plus(SKEW));
        add.apply("valid-from-now-plus-skew", "nbf = now + skew exactly: valid (only nbf > now + skew is not yet).")
                .input(qr(langfang.sign(startsAtSkew))).expect(Reason.ACCEPTED).shows(startsAtSkew, Trust.langfang())
                .statusAge(TEN_MINUTES);
        CommuterPass startsPastSkew = startingAt(NOW.plus(SKEW).plusSeconds(1));
        add.apply("valid-from-one-second-past-skew", "nbf = now + skew + 1 s.")
                .input(qr(langfang.sign(startsPastSkew))).expect(Reason.NOT_YET_VALID).shows(startsPastSkew, Trust.langfang());
    }

    private CommuterPass startingAt(Instant validFrom) {
        return new CommuterPass(Credentials.LANGFANG, "Lf8wq0Zk", "李*华", "4521", PassModel.WORK_COMMUTE,
                Arrays.asList(Credentials.LANGFANG, Credentials.BEIJING), Credentials.ENTERPRISE, Optional.empty(),
                NOW.minus(Duration.ofDays(1)), Optional.of(validFrom), NOW.plus(Duration.ofDays(30)), langfangStatus(50),
                Optional.empty());
    }

    private void keyWindows() {
        Instant yearEnd = Instant.parse("2026-12-31T00:00:00Z");
        CommuterPass atUntil = beijingPass(Trust.ROTATED_AT, yearEnd, 47);
        add.apply("key-window-until-inclusive", "Signed by the retired key at its until exactly: within its window.")
                .input(qr(retired.sign(atUntil))).expect(Reason.ACCEPTED).shows(atUntil, Trust.beijing())
                .statusAge(TEN_MINUTES);
        CommuterPass afterUntil = beijingPass(Trust.ROTATED_AT.plusSeconds(1), yearEnd, 47);
        add.apply("key-window-one-second-past-until", "Signed by the retired key one second after its until.")
                .input(qr(retired.sign(afterUntil))).expect(Reason.KEY_NOT_VALID_AT_ISSUE).shows(afterUntil, Trust.beijing());
        CommuterPass beforeFrom = beijingPass(Trust.ROTATED_AT.minusSeconds(1), yearEnd, 47);
        add.apply("key-window-one-second-before-from", "Signed by the current key one second before its from.")
                .input(qr(beijing.sign(beforeFrom))).expect(Reason.KEY_NOT_VALID_AT_ISSUE).shows(beforeFrom, Trust.beijing());
    }

    private void freshness() {
        Instant atLimit = Scenario.STATUS_SIGNED.plus(Duration.ofHours(6));
        HealthCode code = code(Colour.GREEN, atLimit.minus(Duration.ofMinutes(30)), 42);
        add.apply("status-age-at-max-status-age", "Status data exactly max_status_age (21600 s) old: still fresh"
                + " (only an age > max_status_age is stale).")
                .input(qr(beijing.sign(code))).now(atLimit).expect(Reason.ACCEPTED).shows(code, Trust.beijing())
                .statusAge(Duration.ofHours(6));
        add.apply("status-age-one-second-over", "Status data 21601 s old.")
                .input(qr(beijing.sign(code))).now(atLimit.plusSeconds(1)).expect(Reason.STATUS_STALE)
                .shows(code, Trust.beijing()).statusAge(Duration.ofHours(6).plusSeconds(1));
        Instant listExpiry = Scenario.STATUS_SIGNED.plus(Duration.ofDays(1));
        add.apply("status-list-at-its-exp", "now = the list's exp exactly: the list is no longer relied on (no skew"
                + " applies to a list's exp), although max_status_age (two days here) would allow it.")
                .input(passQr).now(listExpiry).policy("max_status_age", 172800L).expect(Reason.STATUS_STALE)
                .shows(pass, Trust.langfang()).statusAge(Duration.ofDays(1));
        add.apply("status-list-one-second-before-its-exp", "now = the list's exp - 1 s.")
                .input(passQr).now(listExpiry.minusSeconds(1)).policy("max_status_age", 172800L).expect(Reason.ACCEPTED)
                .shows(pass, Trust.langfang()).statusAge(Duration.ofDays(1).minusSeconds(1));
        add.apply("clock-behind-by-exactly-skew", "now + skew = the latest signed time (the lists' iat): not behind;"
                + " the status age is negative.")
                .input(passQr).now(Scenario.STATUS_SIGNED.minus(SKEW)).expect(Reason.ACCEPTED)
                .shows(pass, Trust.langfang()).statusAge(SKEW.negated());
        add.apply("clock-behind-by-skew-and-one-second", "now + skew one second before the latest signed time.")
                .input(passQr).now(Scenario.STATUS_SIGNED.minus(SKEW).minusSeconds(1)).expect(Reason.CLOCK_BEHIND)
                .shows(pass, Trust.langfang());
        add.apply("trust-bundle-at-its-exp", "now = the bundle's exp exactly: trust data out of date (no skew applies).")
                .input(passQr).now(Scenario.BUNDLE_SIGNED.plus(Duration.ofDays(7))).expect(Reason.TRUST_DATA_EXPIRED)
                .shows(pass, Trust.langfang());
    }

    private void statusListMatching() {
        HealthCode inListZero = Credentials.healthCode(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)),
                new StatusReference(0, 42));
        add.apply("status-list-0-not-held", "s = [0, 42]: list 0 is a list like any other, and this device does not hold it.")
                .input(qr(beijing.sign(inListZero))).expect(Reason.STATUS_UNAVAILABLE).shows(inListZero, Trust.beijing());
        List<String> withZero = new ArrayList<>(Scenario.statusListTokens());
        withZero.add(Scenario.statusList("beijing-2026a", Trust.beijing(), Trust.beijing().statusListUri(0)));
        add.apply("status-list-0-held", "The same code where the device also holds Beijing's list 0 (sub ending in /0).")
                .input(qr(beijing.sign(inListZero))).statusLists(withZero).expect(Reason.ACCEPTED)
                .shows(inListZero, Trust.beijing()).statusAge(TEN_MINUTES);
        add.apply("status-list-sub-with-leading-zero", "The device's Beijing list says sub .../status-lists/01: one list"
                + " has one URI, so this is no list at all and list 1 is not held.")
                .input(greenQr)
                .statusLists(Arrays.asList(
                        Scenario.statusList("beijing-2026a", Trust.beijing(), Trust.beijing().statusListBase() + "01"),
                        Scenario.statusList("langfang-2026a", Trust.langfang(), Trust.langfang().statusListUri(4))))
                .expect(Reason.STATUS_UNAVAILABLE).shows(green, Trust.beijing());
        add.apply("status-list-matched-by-issuer-and-number", "The device holds Beijing's list 4 but not Langfang's:"
                + " a Langfang pass with s = [4, 42] has no status data.")
                .input(passQr)
                .statusLists(Arrays.asList(
                        Scenario.statusList("beijing-2026a", Trust.beijing(), Trust.beijing().statusListUri(1)),
                        Scenario.statusList("beijing-2026a", Trust.beijing(), Trust.beijing().statusListUri(4))))
                .expect(Reason.STATUS_UNAVAILABLE).shows(pass, Trust.langfang());
        add.apply("status-list-signed-high-s", "Beijing's list 1 with a high-S signature: refused, so not held.")
                .input(greenQr)
                .statusLists(Arrays.asList(
                        Forge.highS(Scenario.statusList("beijing-2026a", Trust.beijing(), Trust.beijing().statusListUri(1))),
                        Scenario.statusList("langfang-2026a", Trust.langfang(), Trust.langfang().statusListUri(4))))
                .expect(Reason.STATUS_UNAVAILABLE).shows(green, Trust.beijing());
        CommuterPass yearPass = beijingPass(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), 47);
        Instant twoDaysOn = Scenario.STATUS_SIGNED.plus(Duration.ofDays(2));
        add.apply("status-list-without-exp", "A Beijing list without exp (the draft makes it optional): only"
                + " max_status_age (three days here) limits its use.")
                .input(qr(beijing.sign(yearPass))).now(twoDaysOn).policy("max_status_age", 259200L)
                .statusLists(Arrays.asList(listWithoutExp(),
                        Scenario.statusList("langfang-2026a", Trust.langfang(), Trust.langfang().statusListUri(4))))
                .expect(Reason.ACCEPTED).shows(yearPass, Trust.beijing()).statusAge(Duration.ofDays(2));
    }

    private static String listWithoutExp() {
        String claims = "{\"iss\":\"110000\",\"sub\":\"" + Trust.beijing().statusListUri(1) + "\",\"iat\":"
                + Scenario.STATUS_SIGNED.getEpochSecond() + ",\"ttl\":300,\"status_list\":{\"bits\":2,\"lst\":\""
                + Scenario.statuses().encode() + "\"}}";
        return Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "statuslist+jwt"), claims);
    }

    private void holderProofs() {
        HolderKey phone = HolderKey.of(TestKeys.publicKey("holder-phone-1"));
        HealthCode bound = Credentials.boundHealthCode(NOW.minus(Duration.ofHours(2)), beijingStatus(45), phone);
        String token = beijing.sign(bound);
        add.apply("holder-proof-exactly-window-old", "A proof made 60 s ago: |now - time| = window is inside it.")
                .input(qr(token, proof(token, NOW.minusSeconds(60), "holder-phone-1"))).policy("holder_proof", "required")
                .expect(Reason.ACCEPTED).shows(bound, Trust.beijing(), true).statusAge(TEN_MINUTES);
        HolderProof fresh = proof(token, NOW.minusSeconds(5), "holder-phone-1");
        HolderProof highS = HolderProof.of(fresh.epochSecond(), LowS.twin(fresh.signature()));
        add.apply("holder-proof-high-s", "A fresh proof whose signature is replaced by its high-S twin.")
                .input(qr(token, highS)).policy("holder_proof", "required")
                .expect(Reason.HOLDER_PROOF_INVALID).shows(bound, Trust.beijing()).statusAge(TEN_MINUTES);
    }
}
