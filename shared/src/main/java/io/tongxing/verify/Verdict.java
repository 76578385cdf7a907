package io.tongxing.verify;

import io.tongxing.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The verifier's answer for one scan or ID-number check: the reason (which fixes the outcome), the
 * verified credential when the signature was good (for the officer to compare with the ID card), how
 * old the status data was that the answer rests on, and how the credential reached the device.
 */
public record Verdict(Reason reason, Optional<VerifiedCredential> credential, Optional<Duration> statusAge,
        Instant checkedAt, Source source) {

    /** How the credential reached the verifier. */
    public enum Source {
        /** Scanned from a phone or paper, or typed. */
        SCANNED,
        /** The home server's answer to an ID-number check (docs/token-format.md §11). */
        ID_NUMBER
    }

    public Verdict {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(statusAge, "statusAge");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(source, "source");
        if (reason.outcome() == Outcome.PASS && !credential.isPresent()) {
            throw new IllegalArgumentException("a PASS verdict needs a verified credential");
        }
    }

    /** A verdict on something scanned. */
    public Verdict(Reason reason, Optional<VerifiedCredential> credential, Optional<Duration> statusAge,
            Instant checkedAt) {
        this(reason, credential, statusAge, checkedAt, Source.SCANNED);
    }

    public Outcome outcome() {
        return reason.outcome();
    }

    /**
     * What the officer must check by hand when the credential cannot prove who holds it: the ID card,
     * for a paper card; the ID card's photo, for an ID-number check. Empty when nothing was verified.
     */
    public Optional<OfficerHint> hint() {
        if (!credential.isPresent()) {
            return Optional.empty();
        }
        if (source == Source.ID_NUMBER) {
            return Optional.of(OfficerHint.COMPARE_ID_PHOTO);
        }
        return credential.get().credential().kind() == TokenKind.PAPER_CARD
                ? Optional.of(OfficerHint.COMPARE_ID_CARD)
                : Optional.empty();
    }
}
