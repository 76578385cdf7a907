package io.tongxing.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsVerifier;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.TestKeys;
import io.tongxing.token.internal.CredentialClaims;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
    private static final Instant ISSUED = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void aHealthCodeIsACompactEs256JwsWithTheProfileHeaderAndClaims() throws Exception {
        HealthCode code = Credentials.healthCode(Colour.YELLOW, ISSUED, new StatusReference(3, 4821));
        String token = TokenSigner.create(TestKeys.jcaSigning("beijing-2026a")).sign(code);

        String[] parts = token.split("\\.");
        assertEquals("{\"kid\":\"GGjGRQ\",\"typ\":\"hc\",\"alg\":\"ES256\"}", new Base64URL(parts[0]).decodeToString());
        Map<String, Object> claims = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
        assertEquals("110000", claims.get("iss"));
        assertEquals(ISSUED.getEpochSecond(), claims.get("iat"));
        assertEquals("y", claims.get("c"));
        assertEquals("张*三", claims.get("n"));
        assertTrue(CompactJws.parse(token).isSignedBy(JwsVerifier.of(TestKeys.publicKey("beijing-2026a"), null)));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        CommuterPass pass = Credentials.freightPass(ISSUED, new StatusReference(0, 7),
                Optional.of(HolderKey.of(TestKeys.publicKey("holder-phone-1"))));
        String token = TokenSigner.create(TestKeys.signing("langfang-2026a")).sign(pass);

        Credential read = CredentialClaims.fromClaims(TokenKind.COMMUTER_PASS, CompactJws.parse(token).unverifiedClaims());
        assertEquals(pass, read);
    }
}
