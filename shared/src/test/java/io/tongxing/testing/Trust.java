package io.tongxing.testing;

import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.IssuerKey;
import io.tongxing.trust.Recognition;
import io.tongxing.trust.TrustStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The trust of Beijing's checkpoints in the tests: Beijing itself (a current key and one retired
 * at the start of 2026), and Langfang, recognized for commuter passes on the Beijing–Langfang
 * corridor only.
 */
public final class Trust {
    public static final String CORRIDOR = "beijing-langfang";
    public static final Instant KEYS_FROM = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant ROTATED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private Trust() {
    }

    public static Issuer beijing() {
        return new Issuer(Credentials.BEIJING, "北京市", "Beijing", "https://bj.tongxing.example/status-lists/",
                Arrays.asList(
                        new IssuerKey("GGjGRQ", TestKeys.publicKey("beijing-2026a"), ROTATED_AT, Optional.empty()),
                        new IssuerKey("QdMNBw", TestKeys.publicKey("beijing-2025-retired"), KEYS_FROM,
                                Optional.of(ROTATED_AT))),
                Recognition.everything());
    }

    public static Issuer langfang() {
        return new Issuer(Credentials.LANGFANG, "廊坊市", "Langfang", "https://lf.tongxing.example/status-lists/",
                Collections.singletonList(IssuerKey.of(TestKeys.publicKey("langfang-2026a"), KEYS_FROM)),
                new Recognition(EnumSet.of(TokenKind.COMMUTER_PASS), Collections.singleton(CORRIDOR)));
    }

    /** Beijing's trust store as of {@code issuedAt}, valid for a week. */
    public static TrustStore beijingStore(Instant issuedAt) {
        return new TrustStore(Credentials.BEIJING, 7, issuedAt, issuedAt.plus(Duration.ofDays(7)),
                Arrays.asList(beijing(), langfang()));
    }

    public static RegionCode home() {
        return Credentials.BEIJING;
    }
}
