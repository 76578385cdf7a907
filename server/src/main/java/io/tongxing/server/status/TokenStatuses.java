package io.tongxing.server.status;

import io.tongxing.status.TokenStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Changes the status of issued tokens, inside the caller's transaction. A status list is rebuilt from
 * these rows the next time it is fetched ({@link StatusListPublisher}); INVALID is final.
 */
public final class TokenStatuses {

  /**
   * Marks every VALID, unexpired token of {@code kind} held by {@code account} INVALID; returns how many.
   */
  public Future<Integer> revokeAll(SqlClient tx, UUID account, String kind, String reason, Instant now) {
    return tx.preparedQuery("update issued_tokens set status = $1, status_reason = $2, status_changed_at = $3 "
        + "where account_id = $4 and kind = $5 and status = 0 and expires_at > $3")
      .execute(Tuple.of((short) TokenStatus.INVALID.value(), reason, at(now), account, kind))
      .map(result -> result.rowCount());
  }

  /**
   * Sets one token's status (VALID ↔ SUSPENDED, or INVALID); a revoked token never changes again.
   * Returns whether it changed.
   */
  public Future<Boolean> set(SqlClient tx, long list, int index, TokenStatus status, String reason, Instant now) {
    return tx.preparedQuery("update issued_tokens set status = $1, status_reason = $2, status_changed_at = $3 "
        + "where list_id = $4 and idx = $5 and status <> $1 and status <> 1")
      .execute(Tuple.of((short) status.value(), reason, at(now), list, index))
      .map(result -> result.rowCount() == 1);
  }

  static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
