package io.tongxing.status;

import io.tongxing.token.RegionCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A status list whose token verified against its issuer's keys: the list, whose it is, and how
 * fresh it is.
 *
 * @param expiresAt the token's {@code exp}: after it the list must not be relied on
 * @param timeToLive the token's {@code ttl}: how long a copy may be kept before fetching anew
 */
public record VerifiedStatusList(RegionCode issuer, long listId, String uri, Instant issuedAt,
        Optional<Instant> expiresAt, Optional<Duration> timeToLive, StatusList list) {
    public VerifiedStatusList {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(timeToLive, "timeToLive");
        Objects.requireNonNull(list, "list");
    }

    /** How old the list is at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(issuedAt, now);
    }
}
