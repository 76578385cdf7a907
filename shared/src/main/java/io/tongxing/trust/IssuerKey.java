package io.tongxing.trust;

import io.tongxing.jose.KeyIds;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ES256 public key of an issuer and the window in which it signed: a token verifies with this
 * key only if it was issued within {@code [validFrom, validUntil]}. A retired key keeps its place
 * in the trust store, with {@code validUntil} set, until the last token it signed has expired.
 */
public record IssuerKey(String kid, ECPublicKey publicKey, Instant validFrom, Optional<Instant> validUntil) {
    public IssuerKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (!KeyIds.of(publicKey).equals(kid)) {
            throw new IllegalArgumentException("kid " + kid + " is not the key's thumbprint-derived kid");
        }
        if (validUntil.isPresent() && validUntil.get().isBefore(validFrom)) {
            throw new IllegalArgumentException("key validity ends before it starts");
        }
    }

    /** A key valid from {@code validFrom} on, with no end yet. */
    public static IssuerKey of(ECPublicKey publicKey, Instant validFrom) {
        return new IssuerKey(KeyIds.of(publicKey), publicKey, validFrom, Optional.empty());
    }

    /** True if a token issued at {@code issuedAt} may carry this key's signature. */
    public boolean signedAt(Instant issuedAt) {
        return !issuedAt.isBefore(validFrom) && (!validUntil.isPresent() || !issuedAt.isAfter(validUntil.get()));
    }
}
