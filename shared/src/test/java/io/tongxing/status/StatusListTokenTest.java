package io.tongxing.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedDataException.Problem;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.TestKeys;
import io.tongxing.testing.Trust;
import io.tongxing.trust.TrustStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusListTokenTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final TrustStore trust = Trust.beijingStore(NOW);
    private final StatusList list = StatusList.builder(2, 1 << 16).set(9, TokenStatus.INVALID)
            .set(10, TokenStatus.SUSPENDED).build();

    @Test
    void aListSignedByItsIssuerVerifiesWithItsUriTimesAndStatuses() throws Exception {
        String token = StatusListToken.sign(TestKeys.jcaSigning("langfang-2026a"), Credentials.LANGFANG,
                Trust.langfang().statusListUri(3), list, NOW, NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(5));

        VerifiedStatusList verified = StatusListToken.verify(token, trust, null);
        assertEquals(Credentials.LANGFANG, verified.issuer());
        assertEquals(3, verified.listId());
        assertEquals(NOW, verified.issuedAt());
        assertEquals(Optional.of(Duration.ofMinutes(5)), verified.timeToLive());
        assertEquals(TokenStatus.INVALID.value(), verified.list().get(9));
        assertEquals(TokenStatus.SUSPENDED.value(), verified.list().get(10));
        assertEquals(TokenStatus.VALID.value(), verified.list().get(11));
    }

    @Test
    void aListSignedByAnotherIssuersKeyIsRefused() {
        String token = StatusListToken.sign(TestKeys.signing("beijing-2026a"), Credentials.LANGFANG,
                Trust.langfang().statusListUri(3), list, NOW, NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(5));
        assertEquals(Problem.KEY_UNKNOWN,
                assertThrows(SignedDataException.class, () -> StatusListToken.verify(token, trust, null)).problem());
    }

    @Test
    void aListFromAnUnknownIssuerIsRefused() {
        String token = StatusListToken.sign(TestKeys.signing("rogue"), io.tongxing.token.RegionCode.of("310000"),
                "https://sh.example/status-lists/1", list, NOW, NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(5));
        assertEquals(Problem.ISSUER_UNKNOWN,
                assertThrows(SignedDataException.class, () -> StatusListToken.verify(token, trust, null)).problem());
    }

    @Test
    void aListPublishedUnderAnotherIssuersUriIsRefused() {
        String token = StatusListToken.sign(TestKeys.signing("langfang-2026a"), Credentials.LANGFANG,
                Trust.beijing().statusListUri(3), list, NOW, NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(5));
        assertEquals(Problem.MALFORMED,
                assertThrows(SignedDataException.class, () -> StatusListToken.verify(token, trust, null)).problem());
    }
}
