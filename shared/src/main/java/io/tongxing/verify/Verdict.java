package io.tongxing.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The verifier's answer for one scan: the reason (which fixes the outcome), the verified credential
 * when the signature was good (for the officer to compare with the ID card), and how old the status
 * data was that the answer rests on.
 */
public record Verdict(Reason reason, Optional<VerifiedCredential> credential, Optional<Duration> statusAge,
        Instant checkedAt) {
    public Verdict {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(statusAge, "statusAge");
        Objects.requireNonNull(checkedAt, "checkedAt");
        if (reason.outcome() == Outcome.PASS && !credential.isPresent()) {
            throw new IllegalArgumentException("a PASS verdict needs a verified credential");
        }
    }

    public Outcome outcome() {
        return reason.outcome();
    }
}
