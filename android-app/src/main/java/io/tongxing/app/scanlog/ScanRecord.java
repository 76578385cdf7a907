package io.tongxing.app.scanlog;

import io.tongxing.token.Credential;
import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One scan as the device logs and uploads it. It holds no more personal data than the token carried,
 * and less: the issuer's pseudonym for the holder, never the masked name or ID digits, and nothing at
 * all from a token whose signature did not verify (unverified data never escapes).
 *
 * @param sequence the device's sequence number: increasing, never reused, the upload's idempotency key
 * @param checkpoint the id of the checkpoint the device was enrolled at
 * @param source scanned, or the answer to an ID-number check (kept on the phone for the scan history; the
 *     upload's record has no such field, its reason or kind says enough to the server, which counts its own checks)
 */
public record ScanRecord(long sequence, Instant scannedAt, String checkpoint, Outcome outcome, Reason reason,
        Optional<TokenKind> kind, Optional<RegionCode> issuer, Optional<String> subject, Verdict.Source source) {

    public ScanRecord {
        Objects.requireNonNull(scannedAt, "scannedAt");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(source, "source");
        if (reason.outcome() != outcome) {
            throw new IllegalArgumentException(reason + " leads to " + reason.outcome() + ", not " + outcome);
        }
    }

    /** The record of {@code verdict}, numbered {@code sequence}. */
    static ScanRecord of(long sequence, String checkpoint, Verdict verdict) {
        Optional<Credential> credential = verdict.credential().map(v -> v.credential());
        return new ScanRecord(sequence, verdict.checkedAt(), checkpoint, verdict.outcome(), verdict.reason(),
                credential.map(Credential::kind), credential.map(Credential::issuer),
                credential.map(Credential::subject), verdict.source());
    }
}
