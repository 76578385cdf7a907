package io.tongxing.vectors;

import static io.tongxing.vectors.VerifierVectors.beijingStatus;
import static io.tongxing.vectors.VerifierVectors.code;
import static io.tongxing.vectors.VerifierVectors.langfangStatus;
import static io.tongxing.vectors.VerifierVectors.qr;

import io.tongxing.testing.Credentials;
import io.tongxing.testing.Forge;
import io.tongxing.testing.Scenario;
import io.tongxing.testing.TestKeys;
import io.tongxing.testing.Trust;
import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HealthCode;
import io.tongxing.token.PassModel;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.tongxing.verify.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Vectors for what an implementer of docs/token-format.md would otherwise have to guess about the
 * header and the claims: the order of the header checks, the health code's 24 hours, which
 * characters a shown string may hold and how its length is counted, the number forms of {@code s},
 * {@code r} and of times, their ranges, and the employer code.
 */
final class ClaimFormVectors {
    private static final Instant NOW = Scenario.NOW;
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final String BEIJING_HC = Forge.header("GGjGRQ", "hc");
    private static final String LANGFANG_CP = Forge.header("MHsLYo", "cp");

    private final BiFunction<String, String, VectorCase> add;
    private final TokenSigner beijing = TokenSigner.create(TestKeys.signing("beijing-2026a"));
    private final TokenSigner langfang = TokenSigner.create(TestKeys.signing("langfang-2026a"));
    private final HealthCode green = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), 42);
    private final String greenPayload = Forge.payload(green);
    private final CommuterPass pass = Credentials.commuterPass(NOW.minus(Duration.ofDays(3)), langfangStatus(42));
    private final String passPayload = Forge.payload(pass);

    ClaimFormVectors(BiFunction<String, String, VectorCase> add) {
        this.add = add;
    }

    void addAll() {
        header();
        healthCodeValidity();
        shownStrings();
        statusReferences();
        times();
        routesAndEmployer();
    }

    private void header() {
        add.apply("header-typ-not-a-string", "typ is a number: the header is malformed, before kid and typ are looked at.")
                .input(qr(Forge.sign("beijing-2026a", "{\"kid\":\"GGjGRQ\",\"typ\":1,\"alg\":\"ES256\"}", greenPayload)))
                .expect(Reason.TOKEN_MALFORMED);
        add.apply("header-kid-empty", "An empty kid counts as no kid.")
                .input(qr(Forge.sign("beijing-2026a", "{\"kid\":\"\",\"typ\":\"hc\",\"alg\":\"ES256\"}", greenPayload)))
                .expect(Reason.KEY_ID_MISSING);
        add.apply("header-without-typ", "No typ: an unknown kind of token.")
                .input(qr(Forge.sign("beijing-2026a", "{\"kid\":\"GGjGRQ\",\"alg\":\"ES256\"}", greenPayload)))
                .expect(Reason.TYPE_UNKNOWN);
        add.apply("header-jwk-and-zip", "Two faults: the embedded key is checked before zip (section 9, step 3 order).")
                .input(qr(Forge.sign("beijing-2026a", "{\"kid\":\"GGjGRQ\",\"typ\":\"hc\",\"alg\":\"ES256\",\"zip\":\"DEF\","
                        + "\"jwk\":" + TestKeys.jwk("rogue").toPublicJWK().toJSONString() + "}", greenPayload)))
                .expect(Reason.EMBEDDED_KEY_NOT_ALLOWED);
        add.apply("payload-json-array", "A signed payload that is JSON but not an object.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, "[\"110000\"]"))).expect(Reason.TOKEN_MALFORMED);
        add.apply("payload-number-beyond-double-range", "A number no IEEE 754 double holds (1e400) makes the payload"
                + " malformed JSON.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("{", "{\"x\":1e400,"))))
                .expect(Reason.TOKEN_MALFORMED);
        add.apply("signature-high-s", "A genuine code whose signature is replaced by its malleable twin (r, n - s):"
                + " valid ECDSA, but not the low-S text the profile allows.")
                .input(qr(Forge.highS(beijing.sign(green)))).expect(Reason.SIGNATURE_HIGH_S);
    }

    private void healthCodeValidity() {
        String oneSecondLonger = greenPayload.replace("\"exp\":" + green.expiresAt().getEpochSecond(),
                "\"exp\":" + (green.expiresAt().getEpochSecond() + 1));
        add.apply("health-code-valid-24h-and-1s", "A health code whose exp is 24 hours and one second after iat: longer"
                + " than any health code may be valid, whoever signed it.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, oneSecondLonger))).expect(Reason.CLAIMS_INVALID);
        String halfSecondLonger = greenPayload.replace("\"exp\":" + green.expiresAt().getEpochSecond(),
                "\"exp\":" + green.expiresAt().getEpochSecond() + ".5");
        add.apply("health-code-valid-24h-and-half-a-second", "exp - iat = 86400.5 s: over the limit, not rounded.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, halfSecondLonger))).expect(Reason.CLAIMS_INVALID);
        String noTime = greenPayload.replace("\"exp\":" + green.expiresAt().getEpochSecond(),
                "\"exp\":" + green.issuedAt().getEpochSecond());
        add.apply("health-code-exp-equals-iat", "exp = iat: valid for no time at all.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, noTime))).expect(Reason.CLAIMS_INVALID);
        String backwards = passPayload.replace("\"exp\":" + pass.expiresAt().getEpochSecond(),
                "\"exp\":" + (pass.issuedAt().getEpochSecond() - 1));
        add.apply("pass-exp-before-iat", "A pass that expires a second before it was issued.")
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, backwards))).expect(Reason.CLAIMS_INVALID);
        String startsAtEnd = passPayload.replace("\"exp\":", "\"nbf\":" + pass.expiresAt().getEpochSecond() + ",\"exp\":");
        add.apply("pass-nbf-equals-exp", "A pass whose validity starts at its exp.")
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, startsAtEnd))).expect(Reason.CLAIMS_INVALID);
    }

    private void shownStrings() {
        forgedName("masked-name-right-to-left-override", "n = U+202E + \"三*张\", which a screen shows as \"张*三\".",
                "\\u202e三*张");
        forgedName("masked-name-zero-width-space", "An invisible U+200B inside the name.", "张*\\u200b三");
        forgedName("masked-name-c1-control", "A C1 control (U+0085, next line) inside the name.", "张*\\u0085三");
        forgedName("masked-name-lone-surrogate", "Half of a surrogate pair (JSON escape \\ud842) as first character.",
                "\\ud842*三");
        forgedName("masked-name-without-star", "A full name, not masked.", "张三");
        String sixteen = "𠮷".repeat(15) + "*";
        HealthCode longName = new HealthCode(Credentials.BEIJING, "q3V9xJm2", sixteen, "123X", Colour.GREEN,
                green.issuedAt(), green.expiresAt(), beijingStatus(42), Optional.empty());
        add.apply("masked-name-16-code-points", "16 characters outside the Basic Multilingual Plane (32 UTF-16 units):"
                + " lengths count code points.")
                .input(qr(beijing.sign(longName))).expect(Reason.ACCEPTED).shows(longName, Trust.beijing())
                .statusAge(TEN_MINUTES);
        forgedName("masked-name-17-code-points", "One code point more than 16.", "𠮷" + sixteen);
        add.apply("id-digits-lowercase-x", "d = \"123x\": the check character is an uppercase X.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("\"d\":\"123X\"", "\"d\":\"123x\""))))
                .expect(Reason.CLAIMS_INVALID);
        CommuterPass freight = Credentials.freightPass(NOW.minus(Duration.ofDays(1)), langfangStatus(43), Optional.empty());
        String isolated = Forge.payload(freight).replace("\"p\":\"冀RD12345\"", "\"p\":\"冀RD\\u206712345\"");
        add.apply("plate-with-bidi-isolate", "A freight pass whose plate holds U+2067 (right-to-left isolate).")
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, isolated))).expect(Reason.CLAIMS_INVALID);
    }

    private void forgedName(String name, String description, String jsonName) {
        add.apply(name, description)
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("\"n\":\"张*三\"", "\"n\":\"" + jsonName + "\""))))
                .expect(Reason.CLAIMS_INVALID);
    }

    private void statusReferences() {
        statusForm("status-reference-fraction", "s = [1, 42.0]: an integer with a fraction part is not an integer.", "[1,42.0]");
        statusForm("status-reference-exponent", "s = [1, 4.2e1]: no exponent either.", "[1,4.2e1]");
        statusForm("status-reference-negative", "s = [1, -1].", "[1,-1]");
        statusForm("status-reference-above-2^53", "s = [1, 2^53]: past the largest integer every JSON reader keeps exactly.",
                "[1,9007199254740992]");
        statusForm("status-reference-three-numbers", "s = [1, 42, 0].", "[1,42,0]");
        HealthCode far = code(Colour.GREEN, NOW.minus(Duration.ofMinutes(30)), StatusReference.MAX);
        add.apply("status-reference-2^53-minus-1", "s = [1, 2^53 - 1]: a well-formed reference, past the end of the list.")
                .input(qr(beijing.sign(far))).expect(Reason.STATUS_INDEX_OUT_OF_RANGE).shows(far, Trust.beijing())
                .statusAge(TEN_MINUTES);
    }

    private void statusForm(String name, String description, String json) {
        add.apply(name, description)
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("\"s\":[1,42]", "\"s\":" + json))))
                .expect(Reason.CLAIMS_INVALID);
    }

    private void times() {
        long iat = green.issuedAt().getEpochSecond();
        long exp = green.expiresAt().getEpochSecond();
        add.apply("times-written-with-point-zero", "iat and exp written 1795332600.0: the same instants.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("\"iat\":" + iat, "\"iat\":" + iat + ".0")
                        .replace("\"exp\":" + exp, "\"exp\":" + exp + ".0"))))
                .expect(Reason.ACCEPTED).shows(green, Trust.beijing()).statusAge(TEN_MINUTES);
        add.apply("times-written-with-exponent", "iat and exp in exponent form (" + exponent(iat) + "): the same instants.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("\"iat\":" + iat, "\"iat\":" + exponent(iat))
                        .replace("\"exp\":" + exp, "\"exp\":" + exponent(exp)))))
                .expect(Reason.ACCEPTED).shows(green, Trust.beijing()).statusAge(TEN_MINUTES);
        add.apply("time-negative", "iat = -1.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("\"iat\":" + iat, "\"iat\":-1"))))
                .expect(Reason.CLAIMS_INVALID);
        add.apply("time-as-string", "iat written as a string.")
                .input(qr(Forge.sign("beijing-2026a", BEIJING_HC, greenPayload.replace("\"iat\":" + iat, "\"iat\":\"" + iat + "\""))))
                .expect(Reason.CLAIMS_INVALID);
        passExpiring("time-at-upper-bound", "exp = 253402300799000, in milliseconds 9999-12-31T23:59:59Z: the latest time"
                + " there is.", 253_402_300_799_000L, Instant.parse("9999-12-31T23:59:59Z"));
        add.apply("time-past-upper-bound", "exp = 253402300799001: one millisecond later, not a time.")
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, passPayload.replace("\"exp\":" + pass.expiresAt().getEpochSecond(),
                        "\"exp\":253402300799001"))))
                .expect(Reason.CLAIMS_INVALID);
        passExpiring("time-99999999999-is-seconds", "exp = 99999999999, below 10^11: seconds (in the year 5138).",
                99_999_999_999L, Instant.ofEpochSecond(99_999_999_999L));
        add.apply("time-100000000000-is-milliseconds", "exp = 10^11: milliseconds, 1973-03-03, before iat.")
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, passPayload.replace("\"exp\":" + pass.expiresAt().getEpochSecond(),
                        "\"exp\":100000000000"))))
                .expect(Reason.CLAIMS_INVALID);
    }

    private void passExpiring(String name, String description, long expText, Instant expiresAt) {
        CommuterPass shown = new CommuterPass(pass.issuer(), pass.subject(), pass.maskedName(), pass.idLastFour(),
                pass.model(), pass.route(), pass.enterprise(), Optional.empty(), pass.issuedAt(), Optional.empty(),
                expiresAt, pass.status(), Optional.empty());
        add.apply(name, description)
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, passPayload.replace("\"exp\":" + pass.expiresAt().getEpochSecond(),
                        "\"exp\":" + expText))))
                .expect(Reason.ACCEPTED).shows(shown, Trust.langfang()).statusAge(TEN_MINUTES);
    }

    private static String exponent(long seconds) {
        return new BigDecimal(seconds).stripTrailingZeros().toString().replace("E+", "e");
    }

    private void routesAndEmployer() {
        route("route-below-range", "r = [109999, 110000]: 109999 has province part 10.", "[109999,110000]");
        route("route-above-range", "r = [830000, 110000]: province part 83.", "[830000,110000]");
        route("route-as-strings", "r = [\"131000\", \"110000\"]: region codes in a route are JSON integers.",
                "[\"131000\",\"110000\"]");
        route("route-region-with-fraction", "r = [131000.0, 110000].", "[131000.0,110000]");
        route("route-nine-regions", "Nine regions: a route has one to eight.",
                "[131000,110000,120000,130000,140000,150000,210000,220000,230000]");
        route("route-empty", "r = [].", "[]");
        CommuterPass sloppy = new CommuterPass(Credentials.LANGFANG, "Lf8wq0Zk", "李*华", "4521",
                PassModel.ONE_LETTER_ONE_CARD_ONE_PERMIT, Arrays.asList(Credentials.LANGFANG, Credentials.BEIJING),
                "91131000MA0CWXJ46P", Optional.empty(), NOW.minus(Duration.ofDays(3)), Optional.empty(),
                NOW.plus(Duration.ofDays(27)), langfangStatus(42), Optional.empty());
        add.apply("employer-check-character-not-verified", "e = 91131000MA0CWXJ46P, whose GB 32100 check character"
                + " should be C: verifiers check the shape of e, not its check character (the issuer checked it).")
                .input(qr(langfang.sign(sloppy))).expect(Reason.ACCEPTED).shows(sloppy, Trust.langfang())
                .statusAge(TEN_MINUTES);
        add.apply("employer-outside-alphabet", "e with an I, which GB 32100 never uses.")
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, passPayload.replace(Credentials.ENTERPRISE,
                        "91131000MA0CWXJI6C"))))
                .expect(Reason.CLAIMS_INVALID);
    }

    private void route(String name, String description, String json) {
        add.apply(name, description)
                .input(qr(Forge.sign("langfang-2026a", LANGFANG_CP, passPayload.replace("\"r\":[131000,110000]", "\"r\":" + json))))
                .expect(Reason.CLAIMS_INVALID);
    }
}
