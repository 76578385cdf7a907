package io.tongxing.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.jose.Base64Url;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedDataException.Problem;
import io.tongxing.testing.TestKeys;
import io.tongxing.testing.Trust;
import io.tongxing.token.TokenKind;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustBundleTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final List<ECPublicKey> PINNED = Collections.singletonList(TestKeys.publicKey("beijing-trust"));

    @Test
    void aBundleSignedByThePinnedTrustKeyGivesBackTheTrustStore() throws Exception {
        TrustStore store = Trust.beijingStore(NOW);
        TrustStore verified = TrustBundle.verify(TrustBundle.sign(TestKeys.jcaSigning("beijing-trust"), store), PINNED, null);

        assertEquals(store.home(), verified.home());
        assertEquals(7, verified.version());
        assertEquals(NOW, verified.issuedAt());
        Issuer langfang = verified.issuer(Trust.langfang().region()).orElseThrow();
        assertEquals("廊坊市", langfang.name());
        assertTrue(langfang.recognition().accepts(TokenKind.COMMUTER_PASS));
        assertTrue(langfang.recognition().coversCorridor(Trust.CORRIDOR));
        assertEquals(Trust.beijing().keys(), verified.issuer(store.home()).orElseThrow().keys());
    }

    @Test
    void aBundleSignedByAnyOtherKeyIsRefused() {
        String forged = TrustBundle.sign(TestKeys.signing("rogue"), Trust.beijingStore(NOW));
        SignedDataException refused = assertThrows(SignedDataException.class, () -> TrustBundle.verify(forged, PINNED, null));
        assertEquals(Problem.KEY_UNKNOWN, refused.problem());
    }

    @Test
    void anAlteredBundleIsRefused() {
        String bundle = TrustBundle.sign(TestKeys.signing("beijing-trust"), Trust.beijingStore(NOW));
        String[] parts = bundle.split("\\.");
        String payload = new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8).replace("\"ver\":7", "\"ver\":9");
        String altered = parts[0] + "." + Base64Url.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        SignedDataException refused = assertThrows(SignedDataException.class, () -> TrustBundle.verify(altered, PINNED, null));
        assertEquals(Problem.SIGNATURE_INVALID, refused.problem());
    }

    @Test
    void aTokenIsNotABundle() {
        String notABundle = JwsWriter.sign(TestKeys.signing("beijing-trust"), "hc", "{\"iss\":\"110000\"}");
        assertEquals(Problem.WRONG_TYPE,
                assertThrows(SignedDataException.class, () -> TrustBundle.verify(notABundle, PINNED, null)).problem());
    }

    @Test
    void aBundleWithAKidThatIsNotItsKeysThumbprintIsMalformed() {
        String payload = "{\"iss\":\"110000\",\"iat\":1,\"exp\":2,\"ver\":1,\"issuers\":[{\"region\":\"110000\","
                + "\"name\":\"北京市\",\"name_en\":\"Beijing\",\"status\":\"https://x/\",\"kinds\":[\"hc\"],"
                + "\"corridors\":[\"*\"],\"keys\":[{\"jwk\":" + TestKeys.jwk("rogue").toPublicJWK().toJSONString()
                        .replace("\"kid\":\"XqAROX\"", "\"kid\":\"GGjGRQ\"") + ",\"from\":0}]}]}";
        String bundle = JwsWriter.sign(TestKeys.signing("beijing-trust"), TrustBundle.TYP, payload);

        assertEquals(Problem.MALFORMED,
                assertThrows(SignedDataException.class, () -> TrustBundle.verify(bundle, PINNED, null)).problem());
    }

    @Test
    void aBundleAnnouncesTheNextTrustKeySoDevicesCanRollTheirPin() throws Exception {
        TrustStore current = Trust.beijingStore(NOW);
        TrustStore announcing = new TrustStore(current.home(), 8, NOW, NOW.plusSeconds(3600), current.issuers(),
                Collections.singletonList(TestKeys.publicKey("rogue")));

        TrustStore verified = TrustBundle.verify(TrustBundle.sign(TestKeys.signing("beijing-trust"), announcing), PINNED, null);

        assertEquals(1, verified.nextTrustKeys().size());
        assertEquals(TestKeys.publicKey("rogue").getW(), verified.nextTrustKeys().get(0).getW());
        assertTrue(Trust.beijingStore(NOW).nextTrustKeys().isEmpty());
    }

    @Test
    void anOversizedBundleIsRefusedUnread() {
        String huge = "a".repeat(TrustBundle.MAX_LENGTH + 1);
        assertEquals(Problem.TOO_LARGE,
                assertThrows(SignedDataException.class, () -> TrustBundle.verify(huge, PINNED, null)).problem());
    }
}
