package io.tongxing.vectors;

import io.tongxing.holder.HolderProof;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.Forge;
import io.tongxing.testing.PrettyJson;
import io.tongxing.testing.Scenario;
import io.tongxing.testing.TestKeys;
import io.tongxing.testing.Trust;
import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PaperCard;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.tongxing.sync.IdCheckAnswer;
import io.tongxing.verify.OfficerHint;
import io.tongxing.verify.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes {@code vectors/verifier/cases.json}: the offline verifier's test vectors, every rejection
 * class of security.md and the valid codes and passes, all signed deterministically from the fixed
 * test keys. Regenerate after a deliberate change of the profile with
 * {@code mvn -q -pl shared exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.tongxing.vectors.VerifierVectors}
 * (the vector test fails until the committed file matches).
 */
public final class VerifierVectors {
    static final String RESOURCE = "/vectors/verifier/cases.json";
    private static final Instant NOW = Scenario.NOW;
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private final List<VectorCase> cases = new ArrayList<>();
    private final TokenSigner beijing = TokenSigner.create(TestKeys.signing("beijing-2026a"));
    private final TokenSigner retired = TokenSigner.create(TestKeys.signing("beijing-2025-retired"));
    private final TokenSigner langfang = TokenSigner.create(TestKeys.signing("langfang-2026a"));
    private final HolderKey phone1 = HolderKey.of(TestKeys.publicKey("holder-phone-1"));

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "shared/src/test/resources" + RESOURCE);
        Files.write(out, generate().getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + out);
    }

    static String generate() {
        VerifierVectors vectors = new VerifierVectors();
        vectors.valid();
        vectors.input();
        vectors.header();
        vectors.issuerKeyAndSignature();
        vectors.claimsAndTime();
        vectors.status();
        vectors.holder();
        vectors.policy();
        vectors.paperCards();
        vectors.idChecks();
        new ClaimFormVectors(vectors::add).addAll();
        new BoundaryVectors(vectors::add).addAll();
        return PrettyJson.write(vectors.suite());
    }

    private Map<String, Object> suite() {
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("description", "Tongxing token profile v1: offline verifier test vectors. A Beijing checkpoint at"
                + " Tongzhou (110112) on the beijing-langfang corridor. Verify the trust bundle with the pinned trust"
                + " key, the status lists with the bundle's issuer keys, then verify each case's input at its 'now'"
                + " (the suite's unless the case has its own) under the suite policy with the case's policy members"
                + " replacing the suite's, holding the suite's status lists or, where the case lists its own, those of"
                + " them that verify. Each trust_bundle_cases entry is a bundle to verify with the pinned key: accepted"
                + " or refused whole. See docs/token-format.md.");
        suite.put("now", NOW.getEpochSecond());
        Map<String, Object> pinned = new LinkedHashMap<>();
        pinned.put("keys", Collections.singletonList(TestKeys.jwk("beijing-trust").toPublicJWK().toJSONObject()));
        suite.put("pinned_trust_keys", pinned);
        suite.put("trust_bundle", Scenario.trustBundle());
        suite.put("status_lists", Scenario.statusListTokens());
        suite.put("policy", Scenario.policy().toJson());
        List<Object> json = new ArrayList<>();
        for (VectorCase c : cases) {
            json.add(c.toJson());
        }
        suite.put("cases", json);
        suite.put("trust_bundle_cases", new TrustBundleVectors().cases());
        return suite;
    }

    private VectorCase add(String name, String description) {
        VectorCase c = new VectorCase(name, description);
        cases.add(c);
        return c;
    }

    // ---- what passes -------------------------------------------------------------------------

    private void valid() {
        HealthCode green = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 42);
        String greenToken = beijing.sign(green);
        add("green-health-code", "A Beijing resident's green code, issued half an hour ago.")
                .input(qr(greenToken)).expect(Reason.ACCEPTED).shows(green, Trust.beijing()).statusAge(TEN_MINUTES);
        add("green-health-code-raw-jws", "The same code typed or pasted as a bare compact JWS.")
                .input(greenToken).expect(Reason.ACCEPTED).shows(green, Trust.beijing()).statusAge(TEN_MINUTES);
        add("keyboard-wedge-line-break", "A hardware scanner types the QR text and presses Enter.")
                .input(qr(greenToken) + "\r\n").expect(Reason.ACCEPTED).shows(green, Trust.beijing())
                .statusAge(TEN_MINUTES);

        CommuterPass pass = Credentials.commuterPass(NOW.minus(Duration.ofDays(3)), langfangStatus(42));
        add("partner-commuter-pass-on-corridor", "A Langfang one-letter-one-card-one-permit pass at a Beijing"
                + " checkpoint on the Beijing-Langfang corridor.")
                .input(qr(langfang.sign(pass))).expect(Reason.ACCEPTED).shows(pass, Trust.langfang())
                .statusAge(TEN_MINUTES);
        CommuterPass freight = Credentials.freightPass(NOW.minus(Duration.ofDays(1)), langfangStatus(43),
                Optional.empty());
        add("freight-pass-with-plate", "A Langfang freight-vehicle pass naming its vehicle, route through Beijing.")
                .input(qr(langfang.sign(freight))).expect(Reason.ACCEPTED).shows(freight, Trust.langfang())
                .statusAge(TEN_MINUTES);

        HealthCode yellow = code(Colour.YELLOW, NOW.minus(Duration.ofHours(1)), 44);
        add("yellow-code-where-yellow-is-accepted", "A checkpoint whose policy accepts yellow codes.")
                .input(qr(beijing.sign(yellow))).policy("accepted_colours", Arrays.asList("g", "y"))
                .expect(Reason.ACCEPTED).shows(yellow, Trust.beijing()).statusAge(TEN_MINUTES);

        HealthCode bound = boundCode(NOW.minus(Duration.ofHours(2)), 45);
        String boundToken = beijing.sign(bound);
        add("holder-bound-code-with-fresh-proof", "A phone-bound code with a proof made 20 seconds ago, where proofs"
                + " are required.")
                .input(qr(boundToken, proof(boundToken, NOW.minusSeconds(20), "holder-phone-1")))
                .policy("holder_proof", "required")
                .expect(Reason.ACCEPTED).shows(bound, Trust.beijing(), true).statusAge(TEN_MINUTES);
        add("holder-bound-code-without-proof-where-optional", "A phone-bound code shown without a proof where"
                + " proofs are optional.")
                .input(qr(boundToken)).expect(Reason.ACCEPTED).shows(bound, Trust.beijing()).statusAge(TEN_MINUTES);
        CommuterPass boundPass = Credentials.boundCommuterPass(NOW.minus(Duration.ofDays(2)), langfangStatus(46), phone1);
        String boundPassToken = langfang.sign(boundPass);
        add("holder-bound-pass-with-fresh-proof", "A phone-bound Langfang pass with a proof made 10 seconds ahead of"
                + " the checkpoint's clock, within the window.")
                .input(qr(boundPassToken, proof(boundPassToken, NOW.plusSeconds(10), "holder-phone-1")))
                .policy("holder_proof", "required")
                .expect(Reason.ACCEPTED).shows(boundPass, Trust.langfang(), true).statusAge(TEN_MINUTES);

        CommuterPass oldPass = beijingPass(Instant.parse("2025-12-15T00:00:00Z"), Instant.parse("2026-12-15T00:00:00Z"), 47);
        add("retired-key-before-rotation", "A year-long Beijing pass signed in December 2025 by the key retired on"
                + " 2026-01-01: the key still verifies what it signed while it was current.")
                .input(qr(retired.sign(oldPass))).expect(Reason.ACCEPTED).shows(oldPass, Trust.beijing())
                .statusAge(TEN_MINUTES);

        HealthCode timed = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 48);
        String millis = Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"), Forge.payload(timed)
                .replace("\"iat\":" + timed.issuedAt().getEpochSecond(), "\"iat\":" + timed.issuedAt().toEpochMilli())
                .replace("\"exp\":" + timed.expiresAt().getEpochSecond(), "\"exp\":" + timed.expiresAt().toEpochMilli()));
        add("millisecond-timestamps", "iat and exp in milliseconds from a confused issuer: read as milliseconds.")
                .input(qr(millis)).expect(Reason.ACCEPTED).shows(timed, Trust.beijing()).statusAge(TEN_MINUTES);
        String fractional = Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"), Forge.payload(timed)
                .replace("\"iat\":" + timed.issuedAt().getEpochSecond(), "\"iat\":" + timed.issuedAt().getEpochSecond() + ".25"));
        add("fractional-timestamps", "iat with a fraction of a second.")
                .input(qr(fractional)).expect(Reason.ACCEPTED).shows(timed, Trust.beijing()).statusAge(TEN_MINUTES);

        HealthCode justExpired = new HealthCode(Credentials.BEIJING, "q3V9xJm2", "张*三", "123X", Colour.GREEN,
                NOW.minus(Duration.ofHours(24)).minusSeconds(60), NOW.minusSeconds(60), beijingStatus(49), Optional.empty());
        add("expired-within-clock-skew", "exp passed 60 seconds ago, within the 120-second skew.")
                .input(qr(beijing.sign(justExpired))).expect(Reason.ACCEPTED).shows(justExpired, Trust.beijing())
                .statusAge(TEN_MINUTES);
        CommuterPass soon = new CommuterPass(Credentials.LANGFANG, "Lf8wq0Zk", "李*华", "4521",
                PassModel.WORK_COMMUTE, Arrays.asList(Credentials.LANGFANG, Credentials.BEIJING), Credentials.ENTERPRISE,
                Optional.empty(), NOW.minus(Duration.ofDays(1)), Optional.of(NOW.plusSeconds(60)),
                NOW.plus(Duration.ofDays(30)), langfangStatus(50), Optional.empty());
        add("not-yet-valid-within-clock-skew", "A work-commute pass valid from 60 seconds from now, within the skew.")
                .input(qr(langfang.sign(soon))).expect(Reason.ACCEPTED).shows(soon, Trust.langfang())
                .statusAge(TEN_MINUTES);
    }

    // ---- input ---------------------------------------------------------------------------------

    private void input() {
        String greenQr = qr(beijing.sign(code(Colour.GREEN, NOW, 42)));
        StringBuilder huge = new StringBuilder("TX1:");
        while (huge.length() <= QrText.MAX_LENGTH) {
            huge.append("1234567890");
        }
        add("input-too-large", "More than 4096 characters: refused before any parsing.")
                .input(huge.toString()).expect(Reason.INPUT_TOO_LARGE);
        add("input-not-utf8", "Bytes that are not UTF-8.")
                .inputHex(new byte[] {'T', 'X', '1', ':', (byte) 0xC3, (byte) 0x28, (byte) 0xFF}).expect(Reason.INPUT_NOT_UTF8);
        add("input-control-characters", "A control character (BEL) inside the text.")
                .input(greenQr.substring(0, 20) + "\u0007" + greenQr.substring(20)).expect(Reason.INPUT_CONTROL_CHARACTERS);
        add("input-not-recognized", "Another scheme's QR (an EU digital COVID certificate).")
                .input("HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH").expect(Reason.INPUT_NOT_RECOGNIZED);
        add("qr-frame-truncated", "QR text cut short: its frame is shorter than its header says.")
                .input(greenQr.substring(0, greenQr.length() - 17)).expect(Reason.QR_FRAME_MALFORMED);
        add("qr-frame-block-overflow", "A 17-digit block larger than 2^56 - 1.")
                .input("TX1:99999999999999999").expect(Reason.QR_FRAME_MALFORMED);
    }

    // ---- header --------------------------------------------------------------------------------

    private void header() {
        String payload = Forge.payload(code(Colour.GREEN, NOW, 42));
        add("alg-none", "alg none with an empty signature.")
                .input(Forge.unsigned("{\"alg\":\"none\",\"kid\":\"GGjGRQ\",\"typ\":\"hc\"}", payload))
                .expect(Reason.ALGORITHM_NOT_ALLOWED);
        byte[] publicJwk = TestKeys.jwk("beijing-2026a").toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        add("alg-hs256-with-public-key-as-secret", "HS256 keyed with the issuer's public key (the JWK text).")
                .input(Forge.hs256("{\"alg\":\"HS256\",\"kid\":\"GGjGRQ\",\"typ\":\"hc\"}", payload, publicJwk))
                .expect(Reason.ALGORITHM_NOT_ALLOWED);
        add("alg-es384", "Any algorithm but ES256, here ES384.")
                .input(Forge.sign("beijing-2026a", "{\"kid\":\"GGjGRQ\",\"typ\":\"hc\",\"alg\":\"ES384\"}", payload))
                .expect(Reason.ALGORITHM_NOT_ALLOWED);
        String rogueJwk = TestKeys.jwk("rogue").toPublicJWK().toJSONString();
        add("header-jwk", "The header offers its own key (the rogue key that signed it).")
                .input(Forge.sign("rogue", "{\"kid\":\"XqAROX\",\"typ\":\"hc\",\"alg\":\"ES256\",\"jwk\":" + rogueJwk + "}", payload))
                .expect(Reason.EMBEDDED_KEY_NOT_ALLOWED);
        add("header-jku", "The header points to a key set to fetch.")
                .input(Forge.sign("rogue", "{\"kid\":\"XqAROX\",\"typ\":\"hc\",\"alg\":\"ES256\","
                        + "\"jku\":\"https://attacker.example/jwks.json\"}", payload))
                .expect(Reason.EMBEDDED_KEY_NOT_ALLOWED);
        add("header-x5u", "The header points to a certificate to fetch.")
                .input(Forge.sign("rogue", "{\"kid\":\"XqAROX\",\"typ\":\"hc\",\"alg\":\"ES256\","
                        + "\"x5u\":\"https://attacker.example/cert.pem\"}", payload))
                .expect(Reason.EMBEDDED_KEY_NOT_ALLOWED);
        add("header-x5c", "The header carries a certificate chain.")
                .input(Forge.sign("rogue", "{\"kid\":\"XqAROX\",\"typ\":\"hc\",\"alg\":\"ES256\",\"x5c\":[\"MIIB\"]}", payload))
                .expect(Reason.EMBEDDED_KEY_NOT_ALLOWED);
        add("header-crit", "A critical header parameter the verifier does not understand.")
                .input(qr(Forge.sign("beijing-2026a", "{\"kid\":\"GGjGRQ\",\"typ\":\"hc\",\"alg\":\"ES256\","
                        + "\"crit\":[\"exp2\"],\"exp2\":1}", payload)))
                .expect(Reason.CRITICAL_HEADER_NOT_SUPPORTED);
        add("header-zip", "A DEFLATE-compressed payload (zip: DEF), which the profile never uses.")
                .input(qr(Forge.sign("beijing-2026a", "{\"kid\":\"GGjGRQ\",\"typ\":\"hc\",\"alg\":\"ES256\",\"zip\":\"DEF\"}",
                        Forge.deflate(payload))))
                .expect(Reason.COMPRESSION_NOT_ALLOWED);
        add("header-without-kid", "No kid to find a key by.")
                .input(qr(Forge.sign("beijing-2026a", "{\"typ\":\"hc\",\"alg\":\"ES256\"}", payload)))
                .expect(Reason.KEY_ID_MISSING);
        add("typ-unknown", "A status list token's typ where a code is expected.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "statuslist+jwt"), payload)))
                .expect(Reason.TYPE_UNKNOWN);
        String token = beijing.sign(code(Colour.GREEN, NOW, 42));
        add("raw-token-truncated", "A compact JWS cut in the middle of its payload.")
                .input(token.substring(0, token.indexOf('.') + 40)).expect(Reason.TOKEN_MALFORMED);
        add("payload-not-json", "A signed payload that is not JSON.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"), "green, honestly")))
                .expect(Reason.TOKEN_MALFORMED);
        add("duplicate-claim", "A payload naming its issuer twice, hoping two parsers read different ones.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"),
                        payload.replace("{\"iss\":\"110000\",", "{\"iss\":\"131000\",\"iss\":\"110000\","))))
                .expect(Reason.TOKEN_MALFORMED);
    }

    // ---- issuer, key, signature ------------------------------------------------------------------

    private void issuerKeyAndSignature() {
        HealthCode shanghai = new HealthCode(RegionCode.of("310000"), "Sh0aK9pQ", "赵*六", "5566", Colour.GREEN,
                NOW, NOW.plus(Duration.ofHours(24)), new StatusReference(1, 1), Optional.empty());
        add("issuer-unknown", "A code from Shanghai, which this checkpoint's trust bundle does not list.")
                .input(qr(TokenSigner.create(TestKeys.signing("rogue")).sign(shanghai))).expect(Reason.ISSUER_UNKNOWN);
        HealthCode langfangCode = new HealthCode(Credentials.LANGFANG, "Lf8wq0Zk", "李*华", "4521", Colour.GREEN,
                NOW, NOW.plus(Duration.ofHours(24)), langfangStatus(42), Optional.empty());
        add("partner-health-code-not-recognized", "Langfang is recognized for passes only, not health codes.")
                .input(qr(langfang.sign(langfangCode))).expect(Reason.ISSUER_NOT_RECOGNIZED_FOR_KIND);
        add("partner-pass-on-another-corridor", "A Langfang pass at a checkpoint on the Beijing-Tianjin corridor.")
                .input(qr(langfang.sign(Credentials.commuterPass(NOW.minus(Duration.ofDays(3)), langfangStatus(42)))))
                .policy("corridor", "beijing-tianjin").expect(Reason.ISSUER_NOT_RECOGNIZED_FOR_CORRIDOR);

        HealthCode green = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 42);
        add("kid-unknown", "A Beijing code signed by a key Beijing never had.")
                .input(qr(TokenSigner.create(TestKeys.signing("rogue")).sign(green))).expect(Reason.KEY_UNKNOWN);
        add("kid-of-another-issuer", "A Beijing code signed with Langfang's key and kid.")
                .input(qr(langfang.sign(green))).expect(Reason.KEY_OF_ANOTHER_ISSUER);
        String token = beijing.sign(green);
        String payload = Forge.payload(green);
        int lastIdDigit = payload.substring(0, payload.indexOf("\"d\":\"123X\"") + "\"d\":\"123".length())
                .getBytes(StandardCharsets.UTF_8).length;
        add("payload-altered-one-bit", "One bit of the payload flipped: ID digits 123X become 123Y.")
                .input(qr(Forge.flipBit(token, 1, lastIdDigit, 0))).expect(Reason.SIGNATURE_INVALID);
        add("signature-altered-one-bit", "One bit of the signature flipped.")
                .input(qr(Forge.flipBit(token, 2, 40, 3))).expect(Reason.SIGNATURE_INVALID);
        add("signature-der-encoded", "The signature in ASN.1 DER instead of raw r||s.")
                .input(Forge.derSignature(token)).expect(Reason.SIGNATURE_MALFORMED);
        add("signature-truncated", "A signature missing its last bytes.")
                .input(token.substring(0, token.length() - 6)).expect(Reason.SIGNATURE_MALFORMED);
        add("signature-zero", "r = s = 0, which some ECDSA implementations once accepted for any message.")
                .input(qr(Forge.withSignature(token, new byte[64]))).expect(Reason.SIGNATURE_INVALID);
    }

    // ---- claims and time -----------------------------------------------------------------------------

    private void claimsAndTime() {
        String payload = Forge.payload(code(Colour.GREEN, NOW, 42));
        add("claims-missing-id-digits", "A genuinely signed code without its ID digits.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"), payload.replace(",\"d\":\"123X\"", ""))))
                .expect(Reason.CLAIMS_INVALID);
        add("claims-unknown-colour", "A genuinely signed code of colour b.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"), payload.replace("\"c\":\"g\"", "\"c\":\"b\""))))
                .expect(Reason.CLAIMS_INVALID);
        add("health-code-claims-under-pass-typ", "A health code's claims signed with the pass typ.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "cp"), payload)))
                .expect(Reason.CLAIMS_INVALID);

        HealthCode code = code(Colour.GREEN, NOW.minus(Duration.ofHours(3)), 42);
        String qr = qr(beijing.sign(code));
        add("clock-behind-last-signed-time", "The device clock reads an hour before the status lists it holds were"
                + " signed: its time cannot be trusted.")
                .input(qr).now(NOW.minus(Duration.ofHours(1))).expect(Reason.CLOCK_BEHIND).shows(code, Trust.beijing());
        HealthCode later = code(Colour.GREEN, NOW.plus(Duration.ofDays(8)).minus(Duration.ofHours(1)), 42);
        add("trust-bundle-expired", "Eight days without a sync: the week-long trust bundle has expired.")
                .input(qr(beijing.sign(later))).now(NOW.plus(Duration.ofDays(8)))
                .expect(Reason.TRUST_DATA_EXPIRED).shows(later, Trust.beijing());
        HealthCode signedAfterRetirement = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(5)), 42);
        add("retired-key-after-rotation", "A code signed today by the key retired on 2026-01-01.")
                .input(qr(retired.sign(signedAfterRetirement))).expect(Reason.KEY_NOT_VALID_AT_ISSUE)
                .shows(signedAfterRetirement, Trust.beijing());
        HealthCode future = code(Colour.GREEN, NOW.plus(Duration.ofMinutes(10)), 42);
        add("issued-in-future", "iat ten minutes ahead of the checkpoint's clock, beyond the two-minute skew.")
                .input(qr(beijing.sign(future))).expect(Reason.ISSUED_IN_FUTURE).shows(future, Trust.beijing());
        CommuterPass notYet = new CommuterPass(Credentials.LANGFANG, "Lf8wq0Zk", "李*华", "4521",
                PassModel.WORK_COMMUTE, Arrays.asList(Credentials.LANGFANG, Credentials.BEIJING), Credentials.ENTERPRISE,
                Optional.empty(), NOW.minus(Duration.ofDays(1)), Optional.of(NOW.plus(Duration.ofMinutes(10))),
                NOW.plus(Duration.ofDays(30)), langfangStatus(42), Optional.empty());
        add("not-yet-valid", "A pass valid from ten minutes from now.")
                .input(qr(langfang.sign(notYet))).expect(Reason.NOT_YET_VALID).shows(notYet, Trust.langfang());
        HealthCode expired = code(Colour.GREEN, NOW.minus(Duration.ofHours(25)), 42);
        add("expired", "A code that expired an hour ago.")
                .input(qr(beijing.sign(expired))).expect(Reason.EXPIRED).shows(expired, Trust.beijing());
        String millis = Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"), Forge.payload(expired)
                .replace("\"exp\":" + expired.expiresAt().getEpochSecond(), "\"exp\":" + expired.expiresAt().toEpochMilli()));
        add("expired-millisecond-exp", "An expired code whose exp is in milliseconds: read as seconds it would look"
                + " valid for fifty thousand years.")
                .input(qr(millis)).expect(Reason.EXPIRED).shows(expired, Trust.beijing());
        HealthCode halfSecond = new HealthCode(Credentials.BEIJING, "q3V9xJm2", "张*三", "123X", Colour.GREEN,
                NOW.minus(Duration.ofHours(24)), NOW.minusSeconds(121).plusMillis(500), beijingStatus(42), Optional.empty());
        String fractional = Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "hc"), Forge.payload(halfSecond)
                .replace("\"exp\":" + halfSecond.expiresAt().getEpochSecond(),
                        "\"exp\":" + halfSecond.expiresAt().getEpochSecond() + ".5"));
        add("expired-fractional-exp", "exp plus the skew fell half a second ago: not rounded up in the holder's favour.")
                .input(qr(fractional)).expect(Reason.EXPIRED).shows(halfSecond, Trust.beijing());
    }

    // ---- status --------------------------------------------------------------------------------------

    private void status() {
        HealthCode unlisted = new HealthCode(Credentials.BEIJING, "q3V9xJm2", "张*三", "123X", Colour.GREEN,
                NOW.minus(Duration.ofMinutes(30)), NOW.plus(Duration.ofHours(23)), new StatusReference(99, 1), Optional.empty());
        add("status-list-missing", "The code's status list is not among those the device holds.")
                .input(qr(beijing.sign(unlisted))).expect(Reason.STATUS_UNAVAILABLE).shows(unlisted, Trust.beijing());
        HealthCode green = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 42);
        Instant sevenHoursLater = NOW.plus(Duration.ofHours(7));
        add("status-stale", "Seven hours without a sync: status data older than the six hours the policy allows.")
                .input(qr(beijing.sign(green))).now(sevenHoursLater).expect(Reason.STATUS_STALE)
                .shows(green, Trust.beijing()).statusAge(Duration.between(Scenario.STATUS_SIGNED, sevenHoursLater));
        HealthCode revoked = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), Scenario.REVOKED);
        add("revoked", "A green code revoked when its holder's colour changed.")
                .input(qr(beijing.sign(revoked))).expect(Reason.REVOKED).shows(revoked, Trust.beijing()).statusAge(TEN_MINUTES);
        add("revoked-on-stale-data", "Revocation is final, so even stale data stops a revoked code.")
                .input(qr(beijing.sign(revoked))).now(sevenHoursLater).expect(Reason.REVOKED)
                .shows(revoked, Trust.beijing()).statusAge(Duration.between(Scenario.STATUS_SIGNED, sevenHoursLater));
        CommuterPass suspended = Credentials.commuterPass(NOW.minus(Duration.ofDays(3)), langfangStatus(Scenario.SUSPENDED));
        add("suspended-pass", "A pass suspended while its holder's code is not green.")
                .input(qr(langfang.sign(suspended))).expect(Reason.SUSPENDED).shows(suspended, Trust.langfang())
                .statusAge(TEN_MINUTES);
        HealthCode outside = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), Scenario.LIST_SIZE);
        add("status-index-out-of-range", "A status index past the end of its list.")
                .input(qr(beijing.sign(outside))).expect(Reason.STATUS_INDEX_OUT_OF_RANGE).shows(outside, Trust.beijing())
                .statusAge(TEN_MINUTES);
        HealthCode odd = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), Scenario.APPLICATION_SPECIFIC);
        add("status-application-specific", "Status value 3 (application-specific), which Tongxing does not assign.")
                .input(qr(beijing.sign(odd))).expect(Reason.STATUS_UNRECOGNIZED).shows(odd, Trust.beijing())
                .statusAge(TEN_MINUTES);
    }

    // ---- holder proofs -----------------------------------------------------------------------------

    private void holder() {
        HealthCode bound = boundCode(NOW.minus(Duration.ofHours(2)), 45);
        String token = beijing.sign(bound);
        add("holder-proof-missing", "A phone-bound code without its live proof (a screenshot) where proofs are required.")
                .input(qr(token)).policy("holder_proof", "required").expect(Reason.HOLDER_PROOF_MISSING)
                .shows(bound, Trust.beijing()).statusAge(TEN_MINUTES);
        HealthCode unbound = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 42);
        add("holder-key-missing", "A code bound to no phone where proofs are required.")
                .input(qr(beijing.sign(unbound))).policy("holder_proof", "required").expect(Reason.HOLDER_KEY_MISSING)
                .shows(unbound, Trust.beijing()).statusAge(TEN_MINUTES);
        add("holder-proof-from-another-key", "A proof made by another phone's key.")
                .input(qr(token, proof(token, NOW, "holder-phone-2"))).policy("holder_proof", "required")
                .expect(Reason.HOLDER_PROOF_INVALID).shows(bound, Trust.beijing()).statusAge(TEN_MINUTES);
        add("holder-proof-too-old", "A proof made 61 seconds ago, outside the 60-second window.")
                .input(qr(token, proof(token, NOW.minusSeconds(61), "holder-phone-1"))).policy("holder_proof", "required")
                .expect(Reason.HOLDER_PROOF_OUT_OF_WINDOW).shows(bound, Trust.beijing()).statusAge(TEN_MINUTES);
        add("holder-proof-from-the-future", "A proof dated 90 seconds ahead of the checkpoint's clock.")
                .input(qr(token, proof(token, NOW.plusSeconds(90), "holder-phone-1"))).policy("holder_proof", "required")
                .expect(Reason.HOLDER_PROOF_OUT_OF_WINDOW).shows(bound, Trust.beijing()).statusAge(TEN_MINUTES);
        HealthCode other = boundCode(NOW.minus(Duration.ofHours(1)), 51);
        String otherToken = beijing.sign(other);
        add("holder-proof-replayed-for-another-token", "A fresh proof made for one of the holder's tokens, attached"
                + " to another token bound to the same phone.")
                .input(qr(token, proof(otherToken, NOW, "holder-phone-1"))).policy("holder_proof", "required")
                .expect(Reason.HOLDER_PROOF_INVALID).shows(bound, Trust.beijing()).statusAge(TEN_MINUTES);
        String unboundToken = beijing.sign(unbound);
        add("holder-proof-on-unbound-token", "A proof attached to a code that names no phone key.")
                .input(qr(unboundToken, proof(unboundToken, NOW, "holder-phone-1")))
                .expect(Reason.HOLDER_PROOF_UNEXPECTED).shows(unbound, Trust.beijing()).statusAge(TEN_MINUTES);
    }

    // ---- checkpoint policy -------------------------------------------------------------------------

    private void policy() {
        HealthCode green = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 42);
        add("health-code-where-pass-required", "A genuine green code at a checkpoint that requires a pass.")
                .input(qr(beijing.sign(green))).policy("accepted_kinds", Collections.singletonList("cp"))
                .expect(Reason.KIND_NOT_ACCEPTED).shows(green, Trust.beijing()).statusAge(TEN_MINUTES);
        HealthCode yellow = code(Colour.YELLOW, NOW.minus(Duration.ofHours(1)), 44);
        add("yellow-code", "A yellow code where only green passes.")
                .input(qr(beijing.sign(yellow))).expect(Reason.CODE_YELLOW).shows(yellow, Trust.beijing())
                .statusAge(TEN_MINUTES);
        HealthCode red = code(Colour.RED, NOW.minus(Duration.ofHours(1)), 52);
        add("red-code", "A red code.")
                .input(qr(beijing.sign(red))).expect(Reason.CODE_RED).shows(red, Trust.beijing()).statusAge(TEN_MINUTES);
        CommuterPass tianjin = new CommuterPass(Credentials.LANGFANG, "Lf8wq0Zk", "李*华", "4521",
                PassModel.TWO_COMMITMENTS_ONE_PERMIT, Arrays.asList(Credentials.LANGFANG, RegionCode.of("120000")),
                Credentials.ENTERPRISE, Optional.empty(), NOW.minus(Duration.ofDays(1)), Optional.empty(),
                NOW.plus(Duration.ofDays(30)), langfangStatus(53), Optional.empty());
        add("pass-route-elsewhere", "A Langfang-Tianjin pass shown at a Beijing checkpoint.")
                .input(qr(langfang.sign(tianjin))).expect(Reason.ROUTE_MISMATCH).shows(tianjin, Trust.langfang())
                .statusAge(TEN_MINUTES);
    }

    // ---- paper cards ---------------------------------------------------------------------------------

    private void paperCards() {
        PaperCard card = paperCard(NOW.minus(Duration.ofDays(10)), Duration.ofDays(90), 60);
        String token = beijing.sign(card);
        add("paper-card", "A printed 90-day paper card of a resident without a smartphone, whose code is green:"
                + " its status entry is VALID. The officer compares the ID card.")
                .input(qr(token)).expect(Reason.ACCEPTED).shows(card, Trust.beijing()).statusAge(TEN_MINUTES)
                .hint(OfficerHint.COMPARE_ID_CARD);
        PaperCard notGreen = paperCard(NOW.minus(Duration.ofDays(10)), Duration.ofDays(90), Scenario.SUSPENDED);
        add("paper-card-holder-not-green", "A paper card whose holder's code is not green: its entry is SUSPENDED.")
                .input(qr(beijing.sign(notGreen))).expect(Reason.SUSPENDED).shows(notGreen, Trust.beijing())
                .statusAge(TEN_MINUTES).hint(OfficerHint.COMPARE_ID_CARD);
        PaperCard reprinted = paperCard(NOW.minus(Duration.ofDays(10)), Duration.ofDays(90), Scenario.REVOKED);
        add("paper-card-reprinted", "The old copy of a card that was reprinted (or withdrawn): INVALID.")
                .input(qr(beijing.sign(reprinted))).expect(Reason.REVOKED).shows(reprinted, Trust.beijing())
                .statusAge(TEN_MINUTES).hint(OfficerHint.COMPARE_ID_CARD);
        add("paper-card-where-not-accepted", "A checkpoint whose policy accepts codes and passes but not paper cards.")
                .input(qr(token)).policy("accepted_kinds", Arrays.asList("hc", "cp"))
                .expect(Reason.KIND_NOT_ACCEPTED).shows(card, Trust.beijing()).statusAge(TEN_MINUTES)
                .hint(OfficerHint.COMPARE_ID_CARD);
        add("paper-card-where-proofs-required", "Paper makes no live proof: where proofs are required, a card"
                + " does not pass.")
                .input(qr(token)).policy("holder_proof", "required").expect(Reason.HOLDER_KEY_MISSING)
                .shows(card, Trust.beijing()).statusAge(TEN_MINUTES).hint(OfficerHint.COMPARE_ID_CARD);
        String payload = Forge.payload(card);
        add("paper-card-with-colour", "A signed paper card claiming a colour: a card has none.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "pc"),
                        payload.replace(",\"d\":\"0427\"", ",\"d\":\"0427\",\"c\":\"g\""))))
                .expect(Reason.CLAIMS_INVALID);
        add("paper-card-with-holder-key", "A signed paper card naming a phone key: paper cannot be bound to one.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "pc"),
                        payload.replace("}", ",\"h\":\"" + phone1.encoded() + "\"}"))))
                .expect(Reason.CLAIMS_INVALID);
        String tooLong = Forge.payload(card).replace("\"exp\":" + card.expiresAt().getEpochSecond(),
                "\"exp\":" + card.issuedAt().plus(Duration.ofDays(181)).getEpochSecond());
        add("paper-card-valid-too-long", "A card valid for 181 days, past the 180 a card may have.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "pc"), tooLong)))
                .expect(Reason.CLAIMS_INVALID);
        add("health-code-claims-under-paper-card-typ", "A health code's claims (with its colour) signed as a card.")
                .input(qr(Forge.sign("beijing-2026a", Forge.header("GGjGRQ", "pc"),
                        Forge.payload(code(Colour.GREEN, NOW, 42)))))
                .expect(Reason.CLAIMS_INVALID);
    }

    // ---- ID-number checks ----------------------------------------------------------------------------

    private void idChecks() {
        HealthCode bound = boundCode(NOW.minus(Duration.ofHours(2)), 45);
        add("id-check-green", "The home server found the person by ID number: their phone-bound green code, where"
                + " proofs are required. The ID card in the officer's hand stands in for the phone's proof.")
                .idCheck(DEVICE, "n-1", answer(DEVICE, "n-1", IdCheckAnswer.Result.FOUND, beijing.sign(bound)))
                .policy("holder_proof", "required")
                .expect(Reason.ACCEPTED).shows(bound, Trust.beijing()).statusAge(TEN_MINUTES)
                .hint(OfficerHint.COMPARE_ID_PHOTO);
        HealthCode red = code(Colour.RED, NOW.minus(Duration.ofHours(1)), 52);
        add("id-check-red", "The person found by ID number has a red code.")
                .idCheck(DEVICE, "n-2", answer(DEVICE, "n-2", IdCheckAnswer.Result.FOUND, beijing.sign(red)))
                .expect(Reason.CODE_RED).shows(red, Trust.beijing()).statusAge(TEN_MINUTES)
                .hint(OfficerHint.COMPARE_ID_PHOTO);
        add("id-check-not-registered", "No resident of Beijing has the number, and no partner may be asked.")
                .idCheck(DEVICE, "n-3", answer(DEVICE, "n-3", IdCheckAnswer.Result.NOT_REGISTERED, null))
                .expect(Reason.ID_NOT_REGISTERED);
        add("id-check-partner-unavailable", "The number is a partner region's, and the partner did not answer.")
                .idCheck(DEVICE, "n-4", answer(DEVICE, "n-4", IdCheckAnswer.Result.PARTNER_UNAVAILABLE, null))
                .expect(Reason.ID_CHECK_PARTNER_UNAVAILABLE);
        add("id-check-answer-for-another-request", "A recorded answer replayed for a later request.")
                .idCheck(DEVICE, "n-5", answer(DEVICE, "n-1", IdCheckAnswer.Result.FOUND, beijing.sign(bound)))
                .expect(Reason.ID_CHECK_ANSWER_INVALID);
        add("id-check-answer-not-signed-by-trust-key", "An answer signed by the token key instead of the trust key.")
                .idCheck(DEVICE, "n-6", IdCheckAnswer.sign(TestKeys.signing("beijing-2026a"), new IdCheckAnswer(
                        Credentials.BEIJING, DEVICE, "n-6", NOW, IdCheckAnswer.Result.NOT_REGISTERED, Optional.empty())))
                .expect(Reason.ID_CHECK_ANSWER_INVALID);
        PaperCard card = paperCard(NOW.minus(Duration.ofDays(10)), Duration.ofDays(90), 60);
        add("id-check-answer-with-paper-card", "An answer carrying a paper card: a check answers with a health code.")
                .idCheck(DEVICE, "n-7", answer(DEVICE, "n-7", IdCheckAnswer.Result.FOUND, beijing.sign(card)))
                .expect(Reason.ID_CHECK_ANSWER_INVALID);
        add("id-check-without-network", "The device is offline: an ID-number check cannot be made.")
                .idCheckUnanswered("no_network").expect(Reason.ID_CHECK_NEEDS_NETWORK);
        add("id-check-refused", "The server refused the check (too many checks from this device).")
                .idCheckUnanswered("refused").expect(Reason.ID_CHECK_REFUSED);
    }

    private static final String DEVICE = "6f0c8a52-3c1e-4d8e-9a57-2b1f0e9d4c11";

    private static String answer(String device, String nonce, IdCheckAnswer.Result result, String token) {
        return IdCheckAnswer.sign(TestKeys.signing("beijing-trust"), new IdCheckAnswer(Credentials.BEIJING, device, nonce,
                NOW.minusSeconds(1), result, Optional.ofNullable(token)));
    }

    private static PaperCard paperCard(Instant issuedAt, Duration validity, long index) {
        return new PaperCard(Credentials.BEIJING, "Pk7nW2xQ", "王*英", "0427", issuedAt, issuedAt.plus(validity),
                beijingStatus(index));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static HealthCode code(Colour colour, Instant issuedAt, long index) {
        return Credentials.healthCode(colour, issuedAt, beijingStatus(index));
    }

    private HealthCode boundCode(Instant issuedAt, long index) {
        return Credentials.boundHealthCode(issuedAt, beijingStatus(index), phone1);
    }

    static CommuterPass beijingPass(Instant issuedAt, Instant expiresAt, long index) {
        return new CommuterPass(Credentials.BEIJING, "Bj4mZ1sW", "陈*平", "3306", PassModel.WORK_COMMUTE,
                Arrays.asList(Credentials.BEIJING, Credentials.LANGFANG), Credentials.ENTERPRISE, Optional.empty(),
                issuedAt, Optional.empty(), expiresAt, beijingStatus(index), Optional.empty());
    }

    static StatusReference beijingStatus(long index) {
        return new StatusReference(Scenario.BEIJING_LIST, index);
    }

    static StatusReference langfangStatus(long index) {
        return new StatusReference(Scenario.LANGFANG_LIST, index);
    }

    static HolderProof proof(String token, Instant at, String phone) {
        try {
            return HolderProof.create(token, at, TestKeys.holder(phone));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String qr(String token) {
        return QrText.encode(Presentation.of(token));
    }

    static String qr(String token, HolderProof proof) {
        return QrText.encode(Presentation.of(token, proof));
    }
}
