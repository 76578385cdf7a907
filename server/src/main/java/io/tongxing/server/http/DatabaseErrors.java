package io.tongxing.server.http;

import io.tongxing.server.db.ConstraintNames;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Map;

/** Maps database failures to client-visible problems by SQLSTATE (and constraint, for the field). */
final class DatabaseErrors {

  static final String STORAGE_FULL = "STORAGE_FULL";

  /** Unique constraints whose violation the client caused, with the request field they concern. */
  private static final Map<String, String[]> CONSTRAINTS = Map.ofEntries(
    Map.entry("resident_id_numbers_pkey", new String[] {"ID_NUMBER_TAKEN", "idNumber"}),
    Map.entry("residents_id_number_unique", new String[] {"ID_NUMBER_TAKEN", "idNumber"}),
    Map.entry("resident_phones_pkey", new String[] {"PHONE_TAKEN", "phone"}),
    Map.entry("residents_phone_unique", new String[] {"PHONE_TAKEN", "phone"}),
    Map.entry("enterprises_credit_code_unique", new String[] {"CREDIT_CODE_TAKEN", "creditCode"}),
    Map.entry("account_usernames_pkey", new String[] {"USERNAME_TAKEN", "username"}),
    Map.entry("accounts_username_key", new String[] {"USERNAME_TAKEN", "username"}),
    Map.entry("accounts_username_ci", new String[] {"USERNAME_TAKEN", "username"}),
    Map.entry("check_ins_one_per_day", new String[] {"ALREADY_CHECKED_IN_TODAY", "day"}),
    Map.entry("counties_pkey", new String[] {"COUNTY_EXISTS", "code"}),
    Map.entry("checkpoints_pkey", new String[] {"CHECKPOINT_EXISTS", "id"}),
    Map.entry("device_public_keys_pkey", new String[] {"DEVICE_KEY_ENROLLED", "publicKey"}),
    Map.entry("devices_public_key_unique", new String[] {"DEVICE_KEY_ENROLLED", "publicKey"}),
    Map.entry("partners_region_code_key", new String[] {"PARTNER_EXISTS", "regionCode"}));

  /**
   * What libpq says when the connection under a statement dies. Citus relays a worker's such failure
   * with SQLSTATE XX000 (libpq gives it none), so on a coordinator this text is how a dead worker is
   * told from a real internal error. libpq's English; a coordinator whose lc_messages translate it
   * answers 500 instead of 503 for these.
   */
  private static final List<String> LOST_WORKER_CONNECTION = List.of("server closed the connection unexpectedly",
    "SSL SYSCALL error: EOF detected", "SSL connection has been closed unexpectedly", "could not receive data from server",
    "no connection to the server");

  private DatabaseErrors() {
  }

  /** Null when the failure is not a database failure. */
  static ApiException map(Throwable failure) {
    if (failure instanceof PgException) {
      return fromSqlState((PgException) failure);
    }
    if (isConnectionLost(failure) || isPoolClosed(failure)) {
      return new ApiException(503, "DATABASE_UNAVAILABLE", null, 5);
    }
    return null;
  }

  /**
   * The connection to the database went away under the request: refused, closed, reset by the peer or
   * the network (a {@code SocketException: Connection reset} arrives as it is, or wrapped), or a
   * channel closed while writing. Infrastructure, not a bug: the client may retry on a new connection.
   */
  private static boolean isConnectionLost(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ClosedConnectionException || cause instanceof SocketException
        || cause instanceof ClosedChannelException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPoolClosed(Throwable failure) {
    String message = failure.getMessage();
    return failure instanceof IllegalStateException && message != null && message.contains("Pool closed");
  }

  private static boolean lostWorkerConnection(PgException e) {
    String message = e.getErrorMessage() == null ? "" : e.getErrorMessage();
    return LOST_WORKER_CONNECTION.stream().anyMatch(message::contains);
  }

  private static ApiException fromSqlState(PgException e) {
    String state = e.getSqlState() == null ? "" : e.getSqlState();
    switch (state) {
      case "23505": {
        // By name: on Citus a worker's violation names its constraint in the message only (ConstraintNames).
        return CONSTRAINTS.entrySet().stream().filter(known -> ConstraintNames.violated(e, known.getKey())).findFirst()
          .map(known -> ApiException.conflict(known.getValue()[0], known.getValue()[1]))
          .orElseGet(() -> ApiException.conflict("CONFLICT", null));
      }
      case "23503":
        return ApiException.conflict("REFERENCE_CONFLICT", null);
      case "23514":
      case "23502":
        return new ApiException(400, "CONSTRAINT_VIOLATED", null, 0);
      case "40001":
      case "40P01":
        return new ApiException(503, "TRY_AGAIN", null, 1);
      case "42501":
        return ApiException.forbidden("OPERATION_REFUSED");
      case "25006":
        // A write reached a read-only database (a replica, a failover in progress, a primary set
        // read-only): the transaction rolled back whole; the client may retry once writes return.
        return new ApiException(503, "DATABASE_READ_ONLY", null, 30);
      case "53100":
        // Disk full where a table or index had to grow: the statement and its transaction rolled
        // back whole. Space has to be freed or added by an operator, hence the longer wait.
        return new ApiException(503, STORAGE_FULL, null, 60);
      default:
        break;
    }
    if (state.startsWith("22")) {
      return new ApiException(400, "INVALID_VALUE", null, 0);
    }
    // 58: errors outside PostgreSQL, e.g. Citus failing to COPY to a dead worker's shard (58030).
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("58")
      || state.equals("XX000") && lostWorkerConnection(e)) {
      return new ApiException(503, "DATABASE_UNAVAILABLE", null, 5);
    }
    return null;
  }
}
