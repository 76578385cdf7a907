package io.tongxing.server.keys;

import io.tongxing.trust.IssuerKey;
import io.vertx.core.json.JsonObject;

import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A public signing key as the region publishes it: signing from {@code validFrom} until
 * {@code validUntil}, listed until {@code publishUntil} (its last token's expiry).
 */
public record PublishedKey(KeyPurpose purpose, String kid, ECPublicKey publicKey, Instant createdAt, Instant validFrom,
                           Optional<Instant> validUntil, Optional<Instant> publishUntil) {

  public IssuerKey toIssuerKey() {
    return new IssuerKey(kid, publicKey, validFrom, validUntil);
  }

  /** Where the key is in its life at {@code now}. */
  public String state(Instant now) {
    if (validFrom.isAfter(now)) {
      return "PENDING";
    }
    return validUntil.isPresent() && !validUntil.get().isAfter(now) ? "RETIRED" : "ACTIVE";
  }

  public JsonObject toJson(Instant now) {
    return new JsonObject()
      .put("purpose", purpose.name())
      .put("kid", kid)
      .put("state", state(now))
      .put("createdAt", createdAt.toString())
      .put("validFrom", validFrom.toString())
      .put("validUntil", validUntil.map(Instant::toString).orElse(null))
      .put("publishUntil", publishUntil.map(Instant::toString).orElse(null));
  }
}
