package io.tongxing.server.employee;

import io.tongxing.server.support.CapturedLogs;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk employee imports through the API: a streamed CSV file in, a per-row report and progress out,
 * all or nothing, and the same file again changes nothing. Batches of two rows, so that even these
 * small files cross batch boundaries.
 */
@ExtendWith(VertxExtension.class)
class EmployeeImportTest {

  private static final String HEADER = "name,idNumber,homeRegion\n";
  private static TestServer server;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    server = TestServer.start(v, new JsonObject().put("passes", new JsonObject().put("import",
      new JsonObject().put("batchRows", 2).put("maxRows", 40).put("maxLineBytes", 200))), List.of());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aFileOfResidentsAndPartnerWorkersIsImportedWithAReportOfEveryRow() {
    String enterprise = server.enterpriseToken();
    List<Resident> residents = List.of(server.registerResident(), server.registerResident(), server.registerResident());
    String partnerId = Fixtures.idNumber();
    String csv = HEADER
      + residents.get(0).name() + "," + residents.get(0).idNumber() + ",\n"
      + "\"王, 小明\"," + partnerId + ",131082\n"
      + residents.get(1).name() + "," + residents.get(1).idNumber().toLowerCase() + ",\n"
      + "\n"
      + residents.get(2).name() + "," + residents.get(2).idNumber() + ",";
    int from = CapturedLogs.length();

    JsonObject job = upload(enterprise, csv);

    assertEquals("COMPLETED", job.getString("state"), job.encode());
    assertEquals(4, job.getInteger("rows"));
    assertEquals(4, job.getInteger("added"));
    assertEquals(0, job.getInteger("unchanged"));
    assertEquals(1.0, job.getDouble("progress"));
    JsonArray report = rows(enterprise, job, null).getJsonArray("rows");
    assertEquals(List.of(2, 3, 4, 6), lines(report), "line numbers in the file; the blank line is skipped");
    report.forEach(row -> assertEquals("ADDED", ((JsonObject) row).getString("outcome")));
    JsonArray employees = server.get("/api/v1/enterprise/employees", enterprise).json().getJsonArray("employees");
    assertEquals(4, employees.size());
    JsonObject partner = employees.stream().map(e -> (JsonObject) e).filter(e -> "PARTNER_WORKER".equals(e.getString("kind")))
      .findFirst().orElseThrow();
    assertEquals("王, 小明", partner.getString("name"));
    assertEquals("131082", partner.getString("homeRegion"));
    assertEquals(partnerId.charAt(0) + "*************" + partnerId.substring(14), partner.getString("maskedIdNumber"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'employees.imported' "
      + "and details->>'importId' = ?", job.getString("id")));
    assertEquals(0, TestDatabase.count("select count(*) from employees e where e::text like ?", "%" + partnerId.substring(0, 17) + "%"),
      "the ID number is stored only hashed and masked");
    String logged = CapturedLogs.text().substring(from);
    for (String idNumber : List.of(partnerId, residents.get(0).idNumber(), residents.get(2).idNumber())) {
      assertFalse(logged.contains(idNumber.substring(0, 17)), "an ID number in the logs");
    }
  }

  @Test
  void importingTheSameFileAgainChangesNothing() {
    String enterprise = server.enterpriseToken();
    Resident a = server.registerResident();
    Resident b = server.registerResident();
    String csv = "\uFEFF" + HEADER.replace("\n", "\r\n") + a.name() + "," + a.idNumber() + ",\r\n" + b.name() + ","
      + b.idNumber() + ",\r\n" + "赵六," + Fixtures.idNumber() + ",120114\r\n";
    assertEquals("COMPLETED", upload(enterprise, csv).getString("state"));
    Map<String, String> before = domain(TestDatabase.snapshot());

    JsonObject again = upload(enterprise, csv);

    assertEquals("COMPLETED", again.getString("state"));
    assertEquals(0, again.getInteger("added"));
    assertEquals(3, again.getInteger("unchanged"));
    assertEquals(before, domain(TestDatabase.snapshot()), "employees and audit log unchanged");
  }

  @Test
  void oneRefusedRowAndNothingIsImportedButEveryRefusedRowIsNamed() {
    String enterprise = server.enterpriseToken();
    Resident a = server.registerResident();
    Resident b = server.registerResident();
    String badCheck = Fixtures.idNumberWithWrongCheckDigit();
    String csv = HEADER
      + a.name() + "," + a.idNumber() + ",\n"                   // 2 fine
      + "李四," + badCheck + ",\n"                                 // 3 check digit
      + "王五," + Fixtures.idNumber() + "\n"                       // 4 two columns
      + "\"赵六," + Fixtures.idNumber() + ",\n"                    // 5 unclosed quote
      + "钱七," + Fixtures.idNumber() + ",110105\n"                // 6 home region inside this region
      + "孙\u202e八," + Fixtures.idNumber() + ",\n"                // 7 a bidi override in the name
      + b.name() + "," + b.idNumber() + ",\n"                     // 8 fine
      + "周九," + a.idNumber() + ",\n"                             // 9 duplicate of line 2 (another batch)
      + ",\n".repeat(0) + "  ," + Fixtures.idNumber() + ",120000\n" // 10 empty name
      + "吴十," + Fixtures.idNumber() + ",131082," + "x".repeat(200) + "\n"; // 11 line too long
    byte[] bytes = (csv + "郑\u0000," + Fixtures.idNumber() + ",131082\n").getBytes(StandardCharsets.UTF_8);
    Buffer body = Buffer.buffer(bytes).appendBytes(new byte[] {(byte) 0xC3, ',', '1', '\n'}); // 13 not UTF-8
    String job = create(enterprise);
    Map<String, String> before = domain(TestDatabase.snapshot());

    Reply refused = put(enterprise, job, body);

    assertEquals(400, refused.status(), refused.toString());
    assertEquals("IMPORT_REJECTED", refused.code());
    JsonObject details = refused.json().getJsonObject("details");
    assertEquals(3, details.getInteger("row"));
    assertEquals("idNumber", details.getString("field"));
    assertTrue(refused.json().getString("message").contains("第 3 行"), refused.json().getString("message"));
    // The rows whose link was decided were looked up, so they are audited and counted (issue 14) —
    // and nothing else was written.
    long lookups = TestDatabase.count("select coalesce(sum((details->>'lookups')::int), 0) from audit_log "
      + "where action = 'employees.looked_up' and details->>'importId' = ?", job);
    assertEquals(2, lookups, "rows 2 and 8, the two fine rows, were looked up");
    Map<String, String> after = domain(TestDatabase.snapshot());
    after.remove("audit_log");
    after.remove("throttle");
    before.remove("audit_log");
    before.remove("throttle");
    assertEquals(before, after, "no employee: nothing half-written");
    JsonObject jobNow = server.get("/api/v1/enterprise/employee-imports/" + job, enterprise).json();
    assertEquals("REJECTED", jobNow.getString("state"));
    assertEquals(0, jobNow.getInteger("added"));
    JsonArray report = rows(enterprise, jobNow, null).getJsonArray("rows");
    assertEquals(List.of(3, 4, 5, 6, 7, 9, 10, 11, 12, 13), lines(report), "only refused rows are kept: " + report.encode());
    assertEquals(List.of("INVALID_ID_NUMBER_CHECK_DIGIT", "CSV_COLUMNS", "CSV_MALFORMED", "INVALID_HOME_REGION",
      "INVALID_NAME", "DUPLICATE_EMPLOYEE", "INVALID_NAME", "CSV_LINE_TOO_LONG", "INVALID_NAME", "CSV_NOT_UTF8"),
      report.stream().map(r -> ((JsonObject) r).getString("code")).toList());
    assertEquals(2, report.getJsonObject(5).getInteger("duplicateOf"));
    assertEquals(List.of("idNumber", "row", "row", "homeRegion", "name", "idNumber", "name", "row", "name", "row"),
      report.stream().map(r -> ((JsonObject) r).getString("field")).toList());
    assertNotNull(report.getJsonObject(0).getString("message"));
  }

  @Test
  void aFileWithoutTheHeaderIsRefusedWhole() {
    String enterprise = server.enterpriseToken();
    String job = create(enterprise);
    Map<String, String> before = domain(TestDatabase.snapshot());

    Reply refused = put(enterprise, job, Buffer.buffer("张三," + Fixtures.idNumber() + ",\n"));
    Reply empty = put(enterprise, create(enterprise), Buffer.buffer());

    assertEquals(400, refused.status());
    assertEquals("CSV_HEADER_INVALID", refused.code());
    assertEquals("header", refused.field());
    assertEquals("CSV_HEADER_INVALID", empty.code());
    assertEquals(before, domain(TestDatabase.snapshot()));
  }

  @Test
  void aLineThatNeverEndsRefusesTheFileWithoutHoldingIt() {
    String enterprise = server.enterpriseToken();
    String job = create(enterprise);
    Map<String, String> before = domain(TestDatabase.snapshot());
    Buffer body = Buffer.buffer(HEADER + "外地一," + Fixtures.idNumber() + ",131082\n" + "x".repeat(200_000));

    Reply refused = put(enterprise, job, body);

    assertEquals(400, refused.status(), refused.toString());
    assertEquals("CSV_LINE_TOO_LONG", refused.code());
    assertEquals(3, refused.json().getJsonObject("details").getInteger("row"));
    assertEquals(before, domain(TestDatabase.snapshot()));
    JsonObject jobNow = server.get("/api/v1/enterprise/employee-imports/" + job, enterprise).json();
    assertEquals("REJECTED", jobNow.getString("state"));
    assertEquals((long) body.length(), jobNow.getLong("bytesReceived"), "the rest of the file was read and dropped");
  }

  @Test
  void aFileWithMoreRowsThanAllowedIsRefused() {
    String enterprise = server.enterpriseToken();
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 41; i++) {
      csv.append("外地").append(i).append(',').append(Fixtures.idNumber()).append(",131082\n");
    }

    Reply refused = put(enterprise, create(enterprise), Buffer.buffer(csv.toString()));

    assertEquals(413, refused.status(), refused.toString());
    assertEquals("TOO_MANY_ROWS", refused.code());
    assertEquals(0, TestDatabase.count("select count(*) from employees where import_id = ?::uuid",
      refused.json().getJsonObject("details").getString("importId")));
  }

  @Test
  void uploadsAreCsvToANewJobOfTheCaller() {
    String enterprise = server.enterpriseToken();
    String job = create(enterprise);
    String csv = HEADER + "外地一," + Fixtures.idNumber() + ",131082\n";

    Reply json = server.call(HttpMethod.PUT, "/api/v1/enterprise/employee-imports/" + job + "/file", enterprise,
      Buffer.buffer("{}"));
    Reply first = put(enterprise, job, Buffer.buffer(csv));
    Reply second = put(enterprise, job, Buffer.buffer(csv));
    Reply foreign = put(server.enterpriseToken(), create(enterprise), Buffer.buffer(csv));
    Reply afterAll = server.get("/api/v1/enterprise/employee-imports/" + job, enterprise);

    assertEquals(415, json.status());
    assertEquals("CSV_REQUIRED", json.code());
    assertEquals(200, first.status(), first.toString());
    assertEquals(409, second.status());
    assertEquals("IMPORT_ALREADY_STARTED", second.code());
    assertEquals(404, foreign.status(), "another enterprise's job");
    assertEquals(200, afterAll.status(), "the connection still carries requests after refusals");
  }

  @Test
  void theConsoleSeesProgressWhileTheFileStreamsIn() throws Exception {
    String enterprise = server.enterpriseToken();
    String job = create(enterprise);
    StringBuilder first = new StringBuilder(HEADER);
    for (int i = 0; i < 10; i++) {
      first.append("外地").append(i).append(',').append(Fixtures.idNumber()).append(",131082\n");
    }
    String second = "外地十," + Fixtures.idNumber() + ",131082\n";
    int length = first.toString().getBytes(StandardCharsets.UTF_8).length + second.getBytes(StandardCharsets.UTF_8).length;
    HttpClient client = vertx.createHttpClient();
    HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("localhost")
      .setPort(server.port()).setURI("/api/v1/enterprise/employee-imports/" + job + "/file")).await();
    request.putHeader("Authorization", "Bearer " + enterprise).putHeader("Content-Type", "text/csv; charset=utf-8")
      .putHeader("Content-Length", String.valueOf(length)).putHeader("X-Forwarded-For", "127.0.0.1");
    request.write(first.toString()).await();

    JsonObject midway = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      midway = server.get("/api/v1/enterprise/employee-imports/" + job, enterprise).json();
      if (midway.getInteger("rows") >= 10) {
        break;
      }
      Thread.sleep(50);
    }
    // The body is asked for as the response arrives, on the event loop; asked later it may be gone.
    Future<HttpClientResponse> responded = request.end(second).compose(v -> request.response());
    Buffer answer = responded.compose(HttpClientResponse::body).await();
    HttpClientResponse response = responded.await();

    assertEquals("RECEIVING", midway.getString("state"), midway.encode());
    assertEquals(10, midway.getInteger("rows"));
    assertEquals(length, midway.getLong("expectedBytes"));
    assertTrue(midway.getDouble("progress") > 0.8 && midway.getDouble("progress") < 1.0, midway.encode());
    assertEquals(200, response.statusCode(), answer.toString());
    assertEquals(11, answer.toJsonObject().getInteger("added"));
    client.close();
  }

  // ---- helpers ----

  private static String create(String enterprise) {
    Reply created = server.post("/api/v1/enterprise/employee-imports", enterprise, new JsonObject());
    assertEquals(201, created.status(), created.toString());
    assertEquals("CREATED", created.json().getString("state"));
    return created.json().getString("id");
  }

  private static JsonObject upload(String enterprise, String csv) {
    Reply reply = put(enterprise, create(enterprise), Buffer.buffer(csv));
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private static Reply put(String enterprise, String job, Buffer body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/csv; charset=utf-8");
    return server.call(HttpMethod.PUT, "/api/v1/enterprise/employee-imports/" + job + "/file", enterprise, body, headers);
  }

  private static JsonObject rows(String enterprise, JsonObject job, String outcome) {
    Reply reply = server.get("/api/v1/enterprise/employee-imports/" + job.getString("id") + "/rows"
      + (outcome == null ? "" : "?outcome=" + outcome), enterprise);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private static List<Integer> lines(JsonArray report) {
    List<Integer> lines = new ArrayList<>();
    report.forEach(row -> lines.add(((JsonObject) row).getInteger("row")));
    return lines;
  }

  /** Everything but the import jobs and their reports, which record refusals too. */
  private static Map<String, String> domain(Map<String, String> snapshot) {
    snapshot.remove("employee_imports");
    snapshot.remove("employee_import_rows");
    return snapshot;
  }
}
