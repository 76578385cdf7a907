package io.tongxing.verify.internal;

import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.trust.IssuerKey;
import io.tongxing.verify.Reason;
import io.tongxing.verify.VerifiedCredential;
import java.time.Duration;
import java.time.Instant;

/**
 * Judges time, strictly and with a bounded skew. First the device's own clock: earlier than a time
 * the device has seen signed means the clock cannot be trusted, and neither can any answer about
 * expiry (REVIEW). Then the trust data's age, the key's validity at issue, and the token's
 * {@code iat}, {@code nbf} and {@code exp}. A token expires at {@code exp + skew}: the skew covers
 * the device's clock error, not the holder.
 */
public final class TimeStage {
    private final Instant latestSignedTime;
    private final Instant trustExpiresAt;
    private final Duration skew;

    public TimeStage(Instant latestSignedTime, Instant trustExpiresAt, Duration skew) {
        this.latestSignedTime = latestSignedTime;
        this.trustExpiresAt = trustExpiresAt;
        this.skew = skew;
    }

    public void check(VerifiedCredential verified, IssuerKey key, Instant now) {
        Credential credential = verified.credential();
        if (now.plus(skew).isBefore(latestSignedTime)) {
            throw Rejection.of(Reason.CLOCK_BEHIND, verified);
        }
        if (!now.isBefore(trustExpiresAt)) {
            throw Rejection.of(Reason.TRUST_DATA_EXPIRED, verified);
        }
        if (!key.signedAt(credential.issuedAt())) {
            throw Rejection.of(Reason.KEY_NOT_VALID_AT_ISSUE, verified);
        }
        if (credential.issuedAt().isAfter(now.plus(skew))) {
            throw Rejection.of(Reason.ISSUED_IN_FUTURE, verified);
        }
        if (credential instanceof CommuterPass
                && ((CommuterPass) credential).validityStart().isAfter(now.plus(skew))) {
            throw Rejection.of(Reason.NOT_YET_VALID, verified);
        }
        if (!now.isBefore(credential.expiresAt().plus(skew))) {
            throw Rejection.of(Reason.EXPIRED, verified);
        }
    }
}
