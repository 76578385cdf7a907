package io.tongxing.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The checks every credential's identity and lifetime fields share. */
final class Identity {
    /** Pseudonyms are base64url, at most 32 characters: short in the QR, unguessable. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ID_LAST_FOUR = Pattern.compile("[0-9]{3}[0-9X]");
    static final int MAX_MASKED_NAME_LENGTH = 16;

    private Identity() {
    }

    static void check(RegionCode issuer, String subject, String maskedName, String idLastFour,
            Instant issuedAt, Instant expiresAt, StatusReference status, Optional<HolderKey> holderKey) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(holderKey, "holderKey");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("subject must be 1 to 32 base64url characters");
        }
        if (maskedName == null || maskedName.isEmpty()
                || maskedName.codePointCount(0, maskedName.length()) > MAX_MASKED_NAME_LENGTH
                || maskedName.indexOf('*') < 0 || !DisplayText.isPlain(maskedName)) {
            throw new IllegalArgumentException("maskedName must be a masked name of 1 to 16 plain characters");
        }
        if (idLastFour == null || !ID_LAST_FOUR.matcher(idLastFour).matches()) {
            throw new IllegalArgumentException("idLastFour must be three digits and a digit or X");
        }
        if (!issuedAt.isBefore(expiresAt)) {
            throw new IllegalArgumentException("issuedAt must be before expiresAt");
        }
    }
}
