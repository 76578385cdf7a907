package io.tongxing.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed health code: the holder's colour at the time of issue, valid for at most a day
 * ({@code exp − iat ≤ 24 h}, whoever signed it: a colour older than that says nothing).
 */
public record HealthCode(
        RegionCode issuer,
        String subject,
        String maskedName,
        String idLastFour,
        Colour colour,
        Instant issuedAt,
        Instant expiresAt,
        StatusReference status,
        Optional<HolderKey> holderKey) implements Credential {

    /** The longest a health code may be valid: {@code exp} at most this long after {@code iat}. */
    public static final Duration MAX_VALIDITY = Duration.ofHours(24);

    public HealthCode {
        Objects.requireNonNull(colour, "colour");
        Identity.check(issuer, subject, maskedName, idLastFour, issuedAt, expiresAt, status, holderKey);
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("a health code is valid for at most 24 hours");
        }
    }

    @Override
    public TokenKind kind() {
        return TokenKind.HEALTH_CODE;
    }
}
