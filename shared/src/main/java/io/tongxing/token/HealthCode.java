package io.tongxing.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A signed health code: the holder's colour at the time of issue, valid for at most a day. */
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

    public HealthCode {
        Objects.requireNonNull(colour, "colour");
        Identity.check(issuer, subject, maskedName, idLastFour, issuedAt, expiresAt, status, holderKey);
    }

    @Override
    public TokenKind kind() {
        return TokenKind.HEALTH_CODE;
    }
}
