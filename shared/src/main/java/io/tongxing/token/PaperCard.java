package io.tongxing.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A signed paper health card (纸质健康卡) for a person without a smartphone, printed at the community
 * desk or by a guardian. It carries no colour: the issuer keeps its status-list entry VALID while the
 * holder's code is green and SUSPENDED while it is not, and makes it INVALID when the card is reprinted
 * or withdrawn, so an offline checkpoint answers PASS or STOP within its sync interval. Paper cannot
 * make a live proof, so a card is never bound to a phone key; the officer compares the ID card instead.
 */
public record PaperCard(
        RegionCode issuer,
        String subject,
        String maskedName,
        String idLastFour,
        Instant issuedAt,
        Instant expiresAt,
        StatusReference status) implements Credential {

    /** The longest a card may be valid: a card is reprinted at least twice a year. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(180);

    public PaperCard {
        Identity.check(issuer, subject, maskedName, idLastFour, issuedAt, expiresAt, status, Optional.empty());
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("a paper card is valid for at most 180 days");
        }
    }

    @Override
    public TokenKind kind() {
        return TokenKind.PAPER_CARD;
    }

    /** Always empty: a paper card is never bound to a phone. */
    @Override
    public Optional<HolderKey> holderKey() {
        return Optional.empty();
    }
}
