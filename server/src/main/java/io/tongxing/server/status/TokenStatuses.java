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
   * Every status change takes the next content version (V21) in the same statement: a list's version
   * is the highest of its tokens'. The sequence is read once per statement, on the coordinator under
   * Citus (which refuses volatile functions in an UPDATE's SET); the holder's account in the WHERE
   * keeps the statement on the holder's shard.
   */
  static final String SET_STATUS = "with version as (select nextval('status_version_seq') as n) "
    + "update issued_tokens set status = $1, status_reason = $2, status_changed_at = $3, status_version = (select n from version) ";

  /**
   * Marks every VALID, unexpired token of {@code kind} held by {@code account} INVALID; returns how many.
   */
  public Future<Integer> revokeAll(SqlClient tx, UUID account, String kind, String reason, Instant now) {
    return tx.preparedQuery(SET_STATUS + "where account_id = $4 and kind = $5 and status = 0 and expires_at > $3")
      .execute(Tuple.of((short) TokenStatus.INVALID.value(), reason, at(now), account, kind))
      .map(result -> result.rowCount());
  }

  /**
   * Sets one token of {@code account}'s status (VALID ↔ SUSPENDED, or INVALID); a revoked token never changes again.
   * Returns whether it changed.
   */
  public Future<Boolean> set(SqlClient tx, UUID account, long list, int index, TokenStatus status, String reason, Instant now) {
    return tx.preparedQuery(SET_STATUS + "where account_id = $4 and list_id = $5 and idx = $6 and status <> $1 and status <> 1")
      .execute(Tuple.of((short) status.value(), reason, at(now), account, list, index))
      .map(result -> result.rowCount() == 1);
  }

  static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
