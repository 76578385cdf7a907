package io.tongxing.verify.internal;

import io.tongxing.status.TokenStatus;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.token.StatusReference;
import io.tongxing.verify.Reason;
import io.tongxing.verify.StatusLists;
import io.tongxing.verify.VerifiedCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Looks the token up in its issuer's status list. INVALID is final, so a revoked token is stopped
 * even on stale data; VALID and SUSPENDED can change, so on data older than the policy allows (or
 * past its {@code exp}) the answer is REVIEW.
 */
public final class StatusStage {
    private final StatusLists lists;
    private final Duration maxAge;

    public StatusStage(StatusLists lists, Duration maxAge) {
        this.lists = lists;
        this.maxAge = maxAge;
    }

    /** The age of the status data the token passed on. */
    public Duration check(VerifiedCredential verified, Instant now) {
        StatusReference reference = verified.credential().status();
        Optional<VerifiedStatusList> found = lists.find(verified.credential().issuer(), reference.list());
        if (!found.isPresent()) {
            throw Rejection.of(Reason.STATUS_UNAVAILABLE, verified);
        }
        VerifiedStatusList list = found.get();
        Duration age = list.age(now);
        if (reference.index() >= list.list().size()) {
            throw Rejection.of(Reason.STATUS_INDEX_OUT_OF_RANGE, verified, age);
        }
        Optional<TokenStatus> status = TokenStatus.of(list.list().get(reference.index()));
        if (!status.isPresent()) {
            throw Rejection.of(Reason.STATUS_UNRECOGNIZED, verified, age);
        }
        if (status.get() == TokenStatus.INVALID) {
            throw Rejection.of(Reason.REVOKED, verified, age);
        }
        boolean expired = list.expiresAt().isPresent() && !now.isBefore(list.expiresAt().get());
        if (expired || age.compareTo(maxAge) > 0) {
            throw Rejection.of(Reason.STATUS_STALE, verified, age);
        }
        if (status.get() == TokenStatus.SUSPENDED) {
            throw Rejection.of(Reason.SUSPENDED, verified, age);
        }
        return age;
    }
}
