package io.tongxing.testing;

import io.tongxing.jose.SignedDataException;
import io.tongxing.status.StatusList;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.TokenStatus;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.StatusLists;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Beijing checkpoint at Tongzhou (110112) on the Beijing–Langfang corridor, on the morning of
 * 2026-11-22, after a sync: trust bundle signed an hour ago, status lists ten minutes ago. Every
 * signed input is made deterministically from the fixed test keys, so the vectors built on this
 * scenario are reproducible byte for byte.
 */
public final class Scenario {
    public static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    public static final Instant BUNDLE_SIGNED = NOW.minus(Duration.ofHours(1));
    public static final Instant STATUS_SIGNED = NOW.minus(Duration.ofMinutes(10));
    public static final RegionCode TONGZHOU = RegionCode.of("110112");
    public static final long BEIJING_LIST = 1;
    public static final long LANGFANG_LIST = 4;
    public static final long LIST_SIZE = 1 << 16;
    /** In both lists: index 9 is revoked, 10 suspended, 11 holds the application-specific value 3. */
    public static final long REVOKED = 9;
    public static final long SUSPENDED = 10;
    public static final long APPLICATION_SPECIFIC = 11;

    private Scenario() {
    }

    public static String trustBundle() {
        return TrustBundle.sign(TestKeys.signing("beijing-trust"), Trust.beijingStore(BUNDLE_SIGNED));
    }

    public static List<ECPublicKey> pinnedTrustKeys() {
        return Collections.singletonList(TestKeys.publicKey("beijing-trust"));
    }

    public static List<String> statusListTokens() {
        return Arrays.asList(
                statusList("beijing-2026a", Trust.beijing(), BEIJING_LIST),
                statusList("langfang-2026a", Trust.langfang(), LANGFANG_LIST));
    }

    /** Tongzhou's policy: both kinds, green only, route checked, proofs optional. */
    public static CheckpointPolicy policy() {
        return CheckpointPolicy.builder(TONGZHOU).corridor(Trust.CORRIDOR).build();
    }

    /** The device's verifier, built as the device builds it: from the signed downloads. */
    public static OfflineVerifier verifier(Instant now, CheckpointPolicy policy) {
        try {
            TrustStore trust = TrustBundle.verify(trustBundle(), pinnedTrustKeys(), null);
            List<VerifiedStatusList> lists = new ArrayList<>();
            for (String token : statusListTokens()) {
                lists.add(StatusListToken.verify(token, trust, null));
            }
            return OfflineVerifier.builder(trust, policy)
                    .statusLists(StatusLists.of(lists))
                    .clock(Clock.fixed(now, ZoneOffset.UTC))
                    .build();
        } catch (SignedDataException e) {
            throw new IllegalStateException("the scenario's own downloads must verify", e);
        }
    }

    public static OfflineVerifier verifier() {
        return verifier(NOW, policy());
    }

    private static String statusList(String key, Issuer issuer, long list) {
        return statusList(key, issuer, issuer.statusListUri(list));
    }

    /**
     * The scenario's list (index 9 revoked, 10 suspended, 11 application-specific) signed by test key
     * {@code key} for {@code issuer} at {@code uri}: ten minutes old, valid a day.
     */
    public static String statusList(String key, Issuer issuer, String uri) {
        return StatusListToken.sign(TestKeys.signing(key), issuer.region(), uri, statuses(),
                STATUS_SIGNED, STATUS_SIGNED.plus(Duration.ofDays(1)), Duration.ofMinutes(5));
    }

    public static StatusList statuses() {
        return StatusList.builder(2, LIST_SIZE)
                .set(REVOKED, TokenStatus.INVALID)
                .set(SUSPENDED, TokenStatus.SUSPENDED)
                .set(APPLICATION_SPECIFIC, 3)
                .build();
    }
}
