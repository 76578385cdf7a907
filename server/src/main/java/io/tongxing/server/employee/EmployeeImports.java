package io.tongxing.server.employee;

import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.LookupBudget;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.Refusal;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * Bulk employee imports. Each row is a listing like {@link Employees#add}: added whether or not a
 * resident matches, linked only where name and ID number both do, one lookup of the enterprise's
 * budget each (a batch beyond what is left fails the import with 429, nothing imported).
 *
 * <p>The console creates an import job, streams the CSV file into it, and polls the job for progress
 * meanwhile; when the file has been read, the job holds a report of every row.
 * A file is taken whole or not at all: one refused row and nothing is imported, the report naming
 * every refused row, so the enterprise fixes them and sends the same file again. Re-sending a file
 * already imported changes nothing (every row UNCHANGED).
 */
public final class EmployeeImports {

  private static final String JOB_COLUMNS = "id, state, created_at, started_at, finished_at, expected_bytes, bytes_received, "
    + "rows_total, rows_added, rows_unchanged, rows_rejected, failure";

  final Pool pool;
  final FieldCipher cipher;
  final AuditLog audit;
  final PassConfig config;
  final LookupBudget lookups;
  final Clock clock;

  public EmployeeImports(Pool pool, FieldCipher cipher, AuditLog audit, PassConfig config, LookupBudget lookups, Clock clock) {
    this.pool = pool;
    this.lookups = lookups;
    this.cipher = cipher;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  public Future<JsonObject> create(Principal enterprise) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("insert into employee_imports (id, enterprise_id, state, created_at) values ($1, $2, 'CREATED', $3)")
      .execute(Tuple.of(id, enterprise.accountId(), now()))
      .compose(v -> job(pool, enterprise, id));
  }

  /**
   * Reads the file from {@code request} (paused, body unread) into the job, and answers the finished
   * job — or a 400 naming the refused rows. The job must be new: a file is streamed once.
   */
  public Future<JsonObject> upload(HttpServerRequest request, Principal enterprise, UUID id) {
    String type = request.getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
      return Future.failedFuture(new io.tongxing.server.http.ApiException(415, "CSV_REQUIRED",
        new JsonObject().put("field", "Content-Type"), 0));
    }
    Long expected = expectedBytes(request.getHeader("Content-Length"));
    return pool.preparedQuery("update employee_imports set state = 'RECEIVING', started_at = $3, expected_bytes = $4 "
        + "where id = $1 and enterprise_id = $2 and state = 'CREATED'")
      .execute(Tuple.of(id, enterprise.accountId(), now(), expected))
      .compose(claimed -> claimed.rowCount() == 1
        ? new ImportRun(this, request, enterprise, id).run()
        : job(pool, enterprise, id).compose(existing -> Future.failedFuture(Refusal.conflict("IMPORT_ALREADY_STARTED", "importId"))));
  }

  /** The job with its progress: bytes received of the expected, rows so far and their outcomes. */
  public Future<JsonObject> get(Principal enterprise, UUID id) {
    return job(pool, enterprise, id);
  }

  /** The report, row by row in file order, {@code limit} rows after line {@code after}; only one outcome if given. */
  public Future<JsonObject> rows(Principal enterprise, UUID id, String outcome, int after, int limit, Locale locale) {
    return job(pool, enterprise, id).compose(job -> pool.preparedQuery("select row_no, outcome, code, field, duplicate_of, "
          + "employee_id from employee_import_rows where import_id = $1 and ($2::text is null or outcome = $2) and row_no > $3 "
          + "order by row_no limit $4")
      .execute(Tuple.of(id, outcome, after, limit))
      .map(rows -> {
        JsonArray report = new JsonArray();
        int last = after;
        for (Row row : rows) {
          last = row.getInteger("row_no");
          JsonObject line = new JsonObject().put("row", last).put("outcome", row.getString("outcome"));
          if (row.getString("code") != null) {
            line.put("code", row.getString("code")).put("field", row.getString("field"))
              .put("message", Messages.text(locale, "error." + row.getString("code")));
          }
          if (row.getInteger("duplicate_of") != null) {
            line.put("duplicateOf", row.getInteger("duplicate_of"));
          }
          if (row.getUUID("employee_id") != null) {
            line.put("employeeId", row.getUUID("employee_id").toString());
          }
          report.add(line);
        }
        return new JsonObject().put("importId", id.toString()).put("state", job.getString("state")).put("rows", report)
          .put("next", report.size() < limit ? null : last);
      }));
  }

  static Future<JsonObject> job(SqlClient client, Principal enterprise, UUID id) {
    return client.preparedQuery("select " + JOB_COLUMNS + " from employee_imports where id = $1 and enterprise_id = $2")
      .execute(Tuple.of(id, enterprise.accountId()))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("IMPORT_NOT_FOUND", "importId"))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private static JsonObject json(Row row) {
    Long expected = row.getLong("expected_bytes");
    long received = row.getLong("bytes_received");
    String state = row.getString("state");
    Double progress = "COMPLETED".equals(state) ? Double.valueOf(1.0)
      : expected == null || expected == 0 ? null : Math.min(1.0, received / (double) expected);
    JsonObject json = new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("state", state)
      .put("createdAt", instant(row.getOffsetDateTime("created_at")))
      .put("startedAt", instant(row.getOffsetDateTime("started_at")))
      .put("finishedAt", instant(row.getOffsetDateTime("finished_at")))
      .put("expectedBytes", expected)
      .put("bytesReceived", received)
      .put("progress", progress)
      .put("rows", row.getInteger("rows_total"))
      .put("added", row.getInteger("rows_added"))
      .put("unchanged", row.getInteger("rows_unchanged"))
      .put("rejected", row.getInteger("rows_rejected"));
    if (row.getString("failure") != null) {
      json.put("failure", row.getString("failure"));
    }
    return json;
  }

  private static String instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }

  private static Long expectedBytes(String contentLength) {
    try {
      return contentLength == null ? null : Long.valueOf(contentLength.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
