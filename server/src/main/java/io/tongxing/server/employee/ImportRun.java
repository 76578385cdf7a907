package io.tongxing.server.employee;

import io.tongxing.server.account.Accounts;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One upload of an employee file, read as it arrives: lines are split off the request stream, and
 * once {@code passes.import.batchRows} of them are waiting the stream is paused while the batch is checked
 * (format, then one lookup for residents and existing employees), written, and reported. Memory
 * holds one batch, whatever the file's size.
 *
 * <p>The employees are written in one transaction held for the whole upload, so a file with a single
 * refused row imports nothing: the transaction rolls back. The report and the progress are written
 * beside it, on other connections, so the console sees them while the file streams in and keeps the
 * refused rows afterwards.
 */
final class ImportRun {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImportRun.class);

  /** Bounds what is buffered of a line that never ends: far above any valid line and a network chunk. */
  private static final int MAX_BUFFERED = 64 * 1024;
  private static final int REPORTED_PROBLEMS = 20;

  /** The enterprise's listings of the batch's ID numbers (their residents are matched apart: {@link ListingMatches}). */
  private static final String LISTED = "select id_number_hash, id, ended_at, import_id, import_row from employees "
    + "where enterprise_id = $1 and id_number_hash = any($2)";
  private static final String INSERT = "insert into employees (id, enterprise_id, name, id_number_hash, id_masked, "
    + "resident_id, home_region, added_at, import_id, import_row) "
    + "select u.id, $1, u.name, u.h, u.masked, u.resident, u.region, $2, $3, u.row "
    + "from unnest($4::uuid[], $5::text[], $6::bytea[], $7::text[], $8::uuid[], $9::text[], $10::int[]) "
    + "as u(id, name, h, masked, resident, region, row) on conflict (enterprise_id, id_number_hash) do nothing returning id";
  private static final String REACTIVATE = "update employees e set ended_at = null, ended_reason = null, name = u.name, "
    + "added_at = $2, import_id = $3, import_row = u.row, resident_id = u.resident, home_region = u.region "
    + "from unnest($1::uuid[], $4::text[], $5::int[], $6::uuid[], $7::text[]) as u(id, name, row, resident, region) "
    + "where e.id = u.id and e.ended_at is not null";
  private static final String REPORT = "with report as (insert into employee_import_rows (import_id, row_no, outcome, code, "
    + "field, duplicate_of, employee_id) select $1, u.* from unnest($2::int[], $3::text[], $4::text[], $5::text[], "
    + "$6::int[], $7::uuid[]) as u) update employee_imports set bytes_received = $8, rows_total = $9, rows_added = $10, "
    + "rows_unchanged = $11, rows_rejected = $12 where id = $1";

  private final EmployeeImports imports;
  private final HttpServerRequest request;
  private final Principal enterprise;
  private final UUID id;
  private final LocalDate today;
  private final Promise<JsonObject> result = Promise.promise();
  private final JsonArray problems = new JsonArray();

  private SqlConnection connection;
  private Transaction tx;
  private List<Line> pending = new ArrayList<>();
  private Buffer carry;
  private Future<Void> writing = Future.succeededFuture();
  private boolean draining;
  private boolean streamEnded;
  private int lineNo;
  private long bytes;
  private int dataRows;
  private int processed;
  private int added;
  private int unchanged;
  private int rejected;
  private int lookedUp;
  private ApiException refusal;
  private Throwable failure;
  private boolean settled;

  private record Line(int row, Buffer data) {
  }

  private record Candidate(EmployeeLine line, byte[] hash) {
  }

  private record Outcome(int row, String outcome, String code, String field, Integer duplicateOf, UUID employee) {
  }

  ImportRun(EmployeeImports imports, HttpServerRequest request, Principal enterprise, UUID id) {
    this.imports = imports;
    this.request = request;
    this.enterprise = enterprise;
    this.id = id;
    this.today = LocalDate.ofInstant(imports.clock.instant(), imports.config.zone());
  }

  Future<JsonObject> run() {
    imports.pool.getConnection()
      .compose(conn -> {
        connection = conn;
        return conn.begin();
      })
      .onSuccess(begun -> {
        tx = begun;
        read();
      })
      .onFailure(cause -> {
        failure = cause;
        finish();
      });
    return result.future();
  }

  /**
   * Splits the request's chunks into lines here rather than with a {@code RecordParser}: a chunk's
   * lines are all taken at once (so memory holds a batch plus one network chunk), the request is
   * paused while a batch is written, and the end of the stream waits for the batch in flight.
   */
  private void read() {
    request.handler(this::chunk);
    request.exceptionHandler(this::interrupted);
    request.endHandler(v -> ended());
    request.resume();
  }

  private void chunk(Buffer chunk) {
    if (draining) {
      bytes += chunk.length();
      return;
    }
    int from = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (chunk.getByte(i) == '\n') {
        Buffer piece = chunk.getBuffer(from, i);
        line(carry == null ? piece : carry.appendBuffer(piece));
        carry = null;
        from = i + 1;
      }
    }
    if (from < chunk.length()) {
      carry = carry == null ? chunk.getBuffer(from, chunk.length()) : carry.appendBuffer(chunk, from, chunk.length() - from);
      if (carry.length() > MAX_BUFFERED) {
        lineNeverEnds();
        return;
      }
    }
    if (pending.size() >= imports.config.importBatchRows() && !draining) {
      request.pause();
      writing = writing.compose(v -> flush());
      writing.onComplete(done -> {
        if (done.failed() && failure == null) {
          failure = done.cause();
        }
        if (!streamEnded) {
          request.resume();
        }
      });
    }
  }

  private void line(Buffer data) {
    lineNo++;
    bytes += data.length() + 1;
    if (refusal != null || failure != null || settled) {
      return;
    }
    if (lineNo == 1) {
      if (!EmployeeLine.isHeader(data)) {
        refusal = fileRefusal(400, "CSV_HEADER_INVALID", "header", 1);
      }
      return;
    }
    if (isBlank(data)) {
      return;
    }
    if (++dataRows > imports.config.importMaxRows()) {
      refusal = new ApiException(413, "TOO_MANY_ROWS", new JsonObject().put("field", "body").put("row", lineNo)
        .put("importId", id.toString()), 0, imports.config.importMaxRows());
      pending.clear();
      return;
    }
    pending.add(new Line(lineNo, data));
  }

  private void ended() {
    if (streamEnded) {
      return;
    }
    streamEnded = true;
    if (carry != null && !draining) {
      Buffer last = carry;
      carry = null;
      bytes -= 1; // the last line has no newline
      line(last);
    }
    if (lineNo == 0 && refusal == null) {
      refusal = fileRefusal(400, "CSV_HEADER_INVALID", "header", 1);
    }
    writing
      .transform(done -> refusal == null && failure == null && !settled ? flush() : Future.<Void>succeededFuture())
      .onComplete(done -> {
        if (done.failed() && failure == null) {
          failure = done.cause();
        }
        finish();
      });
  }

  /** A line longer than anything worth buffering: refuse the file and drop the rest of it unread. */
  private void lineNeverEnds() {
    if (refusal == null) {
      refusal = fileRefusal(400, "CSV_LINE_TOO_LONG", "row", lineNo + 1);
    }
    bytes += carry.length();
    carry = null;
    pending.clear();
    draining = true;
  }

  private void interrupted(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    streamEnded = true;
    writing.onComplete(v -> finish());
  }

  /** Checks, writes and reports the pending lines. */
  private Future<Void> flush() {
    List<Line> lines = pending;
    pending = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    Map<ByteBuffer, Integer> inBatch = new HashMap<>();
    for (Line line : lines) {
      Optional<EmployeeLine> parsed = EmployeeLine.parse(line.row(), line.data(), imports.config.importMaxLineBytes(), today,
        imports.config.region());
      if (parsed.isEmpty()) {
        continue;
      }
      EmployeeLine employee = parsed.get();
      if (employee.rejected()) {
        outcomes.add(rejected(employee.row(), employee.code(), employee.field(), null));
        continue;
      }
      byte[] hash = imports.cipher.lookupHash(Accounts.ID_NUMBER, employee.idNumber());
      Integer earlier = inBatch.putIfAbsent(ByteBuffer.wrap(hash), employee.row());
      if (earlier != null) {
        outcomes.add(rejected(employee.row(), "DUPLICATE_EMPLOYEE", "idNumber", earlier));
      } else {
        candidates.add(new Candidate(employee, hash));
      }
    }
    if (candidates.isEmpty()) {
      return report(outcomes);
    }
    Buffer[] hashes = candidates.stream().map(c -> Buffer.buffer(c.hash())).toArray(Buffer[]::new);
    return connection.preparedQuery(LISTED).execute(Tuple.from(new Object[] {enterprise.accountId(), hashes}))
      .compose(listed -> ListingMatches.of(connection, enterprise.accountId(), hashes).compose(holders -> {
        Map<ByteBuffer, Row> byHash = new HashMap<>();
        listed.forEach(row -> byHash.put(ByteBuffer.wrap(row.getBuffer("id_number_hash").getBytes()), row));
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> reactivations = new ArrayList<>();
        for (Candidate candidate : candidates) {
          EmployeeLine line = candidate.line();
          Row known = byHash.get(ByteBuffer.wrap(candidate.hash()));
          UUID existing = known == null ? null : known.getUUID("id");
          if (existing != null && known.getOffsetDateTime("ended_at") == null) {
            outcomes.add(id.equals(known.getUUID("import_id"))
              ? rejected(line.row(), "DUPLICATE_EMPLOYEE", "idNumber", known.getInteger("import_row"))
              : new Outcome(line.row(), "UNCHANGED", null, null, null, existing));
          } else {
            // Added whether or not a resident matched: only name and ID number together link one.
            UUID resident = line.homeRegion() == null
              ? ListingMatches.linkable(holders.get(ByteBuffer.wrap(candidate.hash())), line.name()) : null;
            if (existing != null) {
              reactivations.add(new Object[] {existing, line.name(), line.row(), resident, line.homeRegion()});
              outcomes.add(new Outcome(line.row(), "ADDED", null, null, null, existing));
            } else {
              UUID employee = UUID.randomUUID();
              inserts.add(new Object[] {employee, line.name(), Buffer.buffer(candidate.hash()),
                ResidentIdNumbers.mask(line.idNumber()), resident, line.homeRegion(), line.row()});
              outcomes.add(new Outcome(line.row(), "ADDED", null, null, null, employee));
            }
          }
        }
        // Rows whose link was decided spend the enterprise's lookups (beyond its budget the import fails
        // with 429, nothing kept); rows it had listed already decide nothing and spend none.
        int decided = inserts.size() + reactivations.size();
        return imports.lookups.spend(enterprise.accountId(), decided)
          .compose(spent -> {
            lookedUp += decided;
            return insert(inserts);
          })
          .compose(stored -> reactivate(reactivations).map(stored))
          .compose(stored -> report(settleRaces(outcomes, inserts, stored)));
      }));
  }

  private Future<Set<UUID>> insert(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {enterprise.accountId(), imports.now(), id,
        column(rows, 0, UUID.class), column(rows, 1, String.class), column(rows, 2, Buffer.class),
        column(rows, 3, String.class), column(rows, 4, UUID.class), column(rows, 5, String.class),
        column(rows, 6, Integer.class)}))
      .map(inserted -> {
        Set<UUID> ids = new HashSet<>();
        inserted.forEach(row -> ids.add(row.getUUID("id")));
        return ids;
      });
  }

  private Future<Void> reactivate(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery(REACTIVATE).execute(Tuple.from(new Object[] {column(rows, 0, UUID.class), imports.now(), id,
        column(rows, 1, String.class), column(rows, 2, Integer.class), column(rows, 3, UUID.class), column(rows, 4, String.class)}))
      .mapEmpty();
  }

  /** A row another request added between the lookup and the insert is there already: UNCHANGED. */
  private static List<Outcome> settleRaces(List<Outcome> outcomes, List<Object[]> inserts, Set<UUID> stored) {
    if (stored.size() == inserts.size()) {
      return outcomes;
    }
    Set<UUID> attempted = new HashSet<>();
    inserts.forEach(row -> attempted.add((UUID) row[0]));
    List<Outcome> settled = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      boolean lost = outcome.employee() != null && attempted.contains(outcome.employee()) && !stored.contains(outcome.employee());
      settled.add(lost ? new Outcome(outcome.row(), "UNCHANGED", null, null, null, null) : outcome);
    }
    return settled;
  }

  /** The batch's rows in the report, and the job's progress, on a connection of their own (they outlive a rollback). */
  private Future<Void> report(List<Outcome> outcomes) {
    for (Outcome outcome : outcomes) {
      processed++;
      switch (outcome.outcome()) {
        case "ADDED":
          added++;
          break;
        case "UNCHANGED":
          unchanged++;
          break;
        default:
          rejected++;
          if (problems.size() < REPORTED_PROBLEMS) {
            problems.add(new JsonObject().put("row", outcome.row()).put("field", outcome.field()).put("code", outcome.code()));
          }
      }
    }
    if (outcomes.isEmpty()) {
      return Future.succeededFuture();
    }
    Integer[] rows = new Integer[outcomes.size()];
    String[] kinds = new String[rows.length];
    String[] codes = new String[rows.length];
    String[] fields = new String[rows.length];
    Integer[] duplicates = new Integer[rows.length];
    UUID[] employees = new UUID[rows.length];
    for (int i = 0; i < rows.length; i++) {
      Outcome outcome = outcomes.get(i);
      rows[i] = outcome.row();
      kinds[i] = outcome.outcome();
      codes[i] = outcome.code();
      fields[i] = outcome.field();
      duplicates[i] = outcome.duplicateOf();
      employees[i] = outcome.employee();
    }
    return imports.pool.preparedQuery(REPORT).execute(Tuple.from(new Object[] {id, rows, kinds, codes, fields, duplicates,
        employees, bytes, processed, added, unchanged, rejected}))
      .mapEmpty();
  }

  /** Ends the upload once: commits a clean file, or rolls it back and keeps the refused rows' report. */
  private void finish() {
    if (settled) {
      return;
    }
    settled = true;
    auditLookups();
    if (failure == null && refusal == null && rejected > 0) {
      JsonObject first = problems.getJsonObject(0);
      refusal = new ApiException(400, "IMPORT_REJECTED", new JsonObject()
        .put("field", first.getString("field")).put("row", first.getInteger("row")).put("importId", id.toString())
        .put("rejected", rejected).put("problems", problems.copy()), 0, rejected, first.getInteger("row"),
        first.getString("field"));
    }
    if (failure != null || refusal != null) {
      abandon();
    } else {
      commit();
    }
  }

  private void commit() {
    Future<Void> audited = added == 0 ? Future.succeededFuture()
      : imports.audit.append(connection, AuditEntry.by(enterprise, "employees.imported", "enterprise",
        enterprise.accountId().toString(), "bulk import", new JsonObject().put("importId", id.toString())
          .put("rows", processed).put("added", added).put("unchanged", unchanged)));
    audited
      .compose(v -> connection.preparedQuery("update employee_imports set state = 'COMPLETED', finished_at = $2, "
          + "bytes_received = $3, rows_total = $4, rows_added = $5, rows_unchanged = $6, rows_rejected = 0 where id = $1")
        .execute(Tuple.of(id, imports.now(), bytes, processed, added, unchanged)))
      .compose(v -> tx.commit())
      .eventually(() -> connection.close())
      .onFailure(cause -> markEnded("FAILED", "DATABASE").onComplete(v -> result.tryFail(cause)))
      .compose(v -> EmployeeImports.job(imports.pool, enterprise, id))
      .onComplete(this::settle);
  }

  private void abandon() {
    Future<Void> closed = connection == null ? Future.succeededFuture()
      : (tx == null ? Future.<Void>succeededFuture() : tx.rollback()).transform(v -> connection.close());
    boolean refused = failure == null;
    String code = refused ? refusal.code() : failure instanceof ApiException ? ((ApiException) failure).code() : "INTERRUPTED";
    closed.transform(v -> imports.pool.preparedQuery("delete from employee_import_rows where import_id = $1 and outcome <> 'REJECTED'")
        .execute(Tuple.of(id)))
      .transform(v -> markEnded(refused ? "REJECTED" : "FAILED", code))
      .onComplete(v -> result.tryFail(refused ? refusal : failure));
  }

  /**
   * Every lookup is audited, those of an import that was then refused or failed too: on a connection
   * of its own, since the import's transaction may roll back.
   */
  private void auditLookups() {
    if (lookedUp > 0) {
      imports.audit.append(imports.pool, AuditEntry.by(enterprise, "employees.looked_up", "enterprise",
          enterprise.accountId().toString(), "bulk import", new JsonObject().put("importId", id.toString()).put("lookups", lookedUp)))
        .onFailure(e -> LOG.warn("import {}: its {} lookups could not be audited: {}", id, lookedUp, e.toString()));
    }
  }

  private Future<Void> markEnded(String state, String code) {
    return imports.pool.preparedQuery("update employee_imports set state = $2, failure = $3, finished_at = $4, "
        + "bytes_received = $5, rows_total = $6, rows_added = 0, rows_unchanged = 0, rows_rejected = $7 where id = $1")
      .execute(Tuple.from(new Object[] {id, state, code, imports.now(), bytes, processed, rejected}))
      .mapEmpty();
  }

  private void settle(AsyncResult<JsonObject> done) {
    if (done.succeeded()) {
      result.tryComplete(done.result());
    } else {
      result.tryFail(done.cause());
    }
  }

  private ApiException fileRefusal(int status, String code, String field, int row) {
    return new ApiException(status, code, new JsonObject().put("field", field).put("row", row).put("importId", id.toString()), 0);
  }

  private static Outcome rejected(int row, String code, String field, Integer duplicateOf) {
    return new Outcome(row, "REJECTED", code, field, duplicateOf, null);
  }

  private static boolean isBlank(Buffer line) {
    for (int i = 0; i < line.length(); i++) {
      byte b = line.getByte(i);
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static <T> T[] column(List<Object[]> rows, int index, Class<T> type) {
    T[] values = (T[]) java.lang.reflect.Array.newInstance(type, rows.size());
    for (int i = 0; i < values.length; i++) {
      values[i] = type.cast(rows.get(i)[index]);
    }
    return values;
  }
}
