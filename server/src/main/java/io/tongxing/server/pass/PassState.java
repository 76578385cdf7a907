package io.tongxing.server.pass;

import io.tongxing.status.TokenStatus;

import java.time.Instant;

/** A pass's state as its holder sees it, from its token's status, the status's cause, and its expiry. */
public enum PassState {
  VALID, SUSPENDED, REVOKED, EXPIRED;

  public static PassState of(short status, String statusReason, Instant expiresAt, Instant now) {
    if (status == TokenStatus.INVALID.value()) {
      return statusReason != null && statusReason.startsWith(PassCause.EXPIRED.name()) ? EXPIRED : REVOKED;
    }
    if (!expiresAt.isAfter(now)) {
      return EXPIRED;
    }
    return status == TokenStatus.SUSPENDED.value() ? SUSPENDED : VALID;
  }
}
