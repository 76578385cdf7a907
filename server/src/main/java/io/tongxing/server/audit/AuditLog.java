package io.tongxing.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends to the audit log, always on the connection of the change it records, so the change and
 * its audit row commit together. PostgreSQL refuses UPDATE and DELETE on the table (V4 migration).
 */
public final class AuditLog {

  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  public Future<Void> append(SqlClient connection, AuditEntry entry) {
    return connection.preparedQuery(insertSql(1)).execute(Tuple.from(values(entry))).mapEmpty();
  }

  /**
   * The insert of one entry with its parameters numbered from {@code first}, to write it in the same
   * statement as the change it records (one round trip instead of two).
   */
  public static String insertSql(int first) {
    StringBuilder sql = new StringBuilder(
      "insert into audit_log (at, actor_id, actor_role, action, subject_type, subject_id, reason, details) values (");
    for (int i = 0; i < 8; i++) {
      sql.append(i == 0 ? "$" : ", $").append(first + i);
    }
    return sql.append(')').toString();
  }

  /** The parameters of {@link #insertSql} for {@code entry}, stamped now. */
  public Object[] values(AuditEntry entry) {
    return new Object[] {
      OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), entry.actorId(), entry.actorRole(), entry.action(),
      entry.subjectType(), entry.subjectId(), entry.reason(), entry.details() == null ? new JsonObject() : entry.details()};
  }

  /** Newest first; {@code beforeId} pages backwards. */
  public Future<JsonArray> list(SqlClient client, int limit, Long beforeId) {
    return list(client, limit, beforeId, null);
  }

  /**
   * Newest first; {@code beforeId} pages backwards; {@code text}, when given, must occur (ignoring
   * case, taken literally) in the action, subject type, subject id or reason.
   */
  public Future<JsonArray> list(SqlClient client, int limit, Long beforeId, String text) {
    String pattern = text == null || text.isBlank() ? null
      : "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return client.preparedQuery(
        "select id, at, actor_id, actor_role, action, subject_type, subject_id, reason, details from audit_log "
          + "where ($1::bigint is null or id < $1) and ($3::text is null or action ilike $3 or subject_type ilike $3 "
          + "or subject_id ilike $3 or reason ilike $3) order by id desc limit $2")
      .execute(Tuple.of(beforeId, limit, pattern))
      .map(rows -> {
        JsonArray entries = new JsonArray();
        for (Row row : rows) {
          entries.add(new JsonObject()
            .put("id", row.getLong("id"))
            .put("at", row.getOffsetDateTime("at").toInstant().toString())
            .put("actorId", row.getUUID("actor_id") == null ? null : row.getUUID("actor_id").toString())
            .put("actorRole", row.getString("actor_role"))
            .put("action", row.getString("action"))
            .put("subjectType", row.getString("subject_type"))
            .put("subjectId", row.getString("subject_id"))
            .put("reason", row.getString("reason"))
            .put("details", row.getJsonObject("details")));
        }
        return entries;
      });
  }
}
