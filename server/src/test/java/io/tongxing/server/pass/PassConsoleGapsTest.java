package io.tongxing.server.pass;

import io.tongxing.server.pass.PassWorld.Login;
import io.tongxing.server.pass.PassWorld.Staff;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the console needed of the passes API: editing an employee, finding a resident at the
 * community desk, and an application's proofs side by side. Refusals name their field and write nothing.
 */
@ExtendWith(VertxExtension.class)
class PassConsoleGapsTest {

  private static TestServer server;
  private static PassWorld world;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    world = new PassWorld(server);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void anEmployeeIsRenamedAuditedAndAReimportLeavesTheEditAlone() {
    Login enterprise = world.enterprise();
    String token = world.token(enterprise);
    Resident resident = world.resident();
    String csv = "name,idNumber,homeRegion\n" + resident.name() + "," + resident.idNumber() + ",\n";
    assertEquals(1, upload(token, csv).getInteger("added"));
    String employee = server.get("/api/v1/enterprise/employees", token).json().getJsonArray("employees").getJsonObject(0)
      .getString("id");

    Reply renamed = server.put("/api/v1/enterprise/employees/" + employee, token, new JsonObject().put("name", " 新名字 "));
    PassWorld.expect(200, renamed);
    assertEquals("新名字", renamed.json().getString("name"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'employee.updated' and subject_id = ?",
      employee));
    // The same values again: nothing written, nothing audited.
    unchanged(() -> server.put("/api/v1/enterprise/employees/" + employee, token, new JsonObject().put("name", "新名字")));

    Map<String, String> before = TestDatabase.snapshot();
    JsonObject again = upload(token, csv);
    assertEquals(0, again.getInteger("added"));
    assertEquals(1, again.getInteger("unchanged"));
    assertEquals("新名字", TestDatabase.query("select name from employees where id = ?::uuid", employee).get(0).get("name"));
    assertEquals(before.get("audit_log"), TestDatabase.snapshot().get("audit_log"), "a re-import audits nothing");
  }

  @Test
  void badEditsAreRefusedNamingTheFieldAndWriteNothing() {
    Login enterprise = world.enterprise();
    String token = world.token(enterprise);
    Resident resident = world.resident();
    String employee = world.employee(enterprise, resident);
    String foreign = world.employee(world.enterprise(), world.resident());
    String path = "/api/v1/enterprise/employees/" + employee;

    assertRefused(400, "name", unchanged(() -> server.put(path, token, new JsonObject().put("name", "   "))));
    assertRefused(400, "idNumber", unchanged(() -> server.put(path, token, new JsonObject().put("name", "王五")
      .put("idNumber", resident.idNumber()))));
    assertRefused(400, "homeRegion", unchanged(() -> server.put(path, token, new JsonObject().put("name", "王五")
      .put("homeRegion", "131082"))));
    Reply other = unchanged(() -> server.put("/api/v1/enterprise/employees/" + foreign, token, new JsonObject().put("name", "王五")));
    assertRefused(404, "employeeId", other);
    assertEquals("EMPLOYEE_NOT_FOUND", other.code());
  }

  @Test
  void staffFindResidentsOfTheirCommunityMaskedAndIssueFromTheResult() {
    Staff staff = world.communityWithStaff();
    Staff elsewhere = world.communityWithStaff();
    Resident resident = world.resident();
    Resident neighbour = world.resident();
    PassWorld.expect(200, server.put("/api/v1/me/community", world.token(resident),
      new JsonObject().put("communityCode", staff.community())));
    PassWorld.expect(200, server.put("/api/v1/me/community", world.token(neighbour),
      new JsonObject().put("communityCode", elsewhere.community())));
    String token = world.token(staff.login());

    Reply byId = server.post("/api/v1/community/residents/search", token, new JsonObject().put("idNumber", resident.idNumber()));
    PassWorld.expect(200, byId);
    JsonArray found = byId.body().toJsonArray();
    assertEquals(1, found.size());
    JsonObject one = found.getJsonObject(0);
    assertEquals(resident.accountId(), one.getString("residentId"));
    assertNotEquals(resident.name(), one.getString("maskedName"));
    assertTrue(one.getString("maskedIdNumber").endsWith(resident.idNumber().substring(14)));
    assertFalse(byId.body().toString().contains(resident.idNumber()), "never the full number");
    assertEquals(null, one.getValue("permit"));

    String fragment = resident.name().substring(0, 1);
    JsonArray byName = server.post("/api/v1/community/residents/search", token, new JsonObject().put("name", fragment))
      .body().toJsonArray();
    assertTrue(byName.stream().anyMatch(r -> ((JsonObject) r).getString("residentId").equals(resident.accountId())));
    JsonArray outside = server.post("/api/v1/community/residents/search", token,
      new JsonObject().put("idNumber", neighbour.idNumber())).body().toJsonArray();
    assertEquals(0, outside.size(), "a resident of another community is not found");
    assertEquals(3, TestDatabase.count("select count(*) from audit_log where action = 'community.residents_searched' "
      + "and subject_id = ?", staff.community()));

    Reply issued = server.post("/api/v1/community/residents/" + resident.accountId() + "/permit", token, new JsonObject());
    PassWorld.expect(201, issued);
    JsonObject again = server.post("/api/v1/community/residents/search", token,
      new JsonObject().put("idNumber", resident.idNumber())).body().toJsonArray().getJsonObject(0);
    assertEquals(issued.json().getString("id"), again.getJsonObject("permit").getString("id"));

    Reply notHers = unchanged(() -> server.post("/api/v1/community/residents/" + neighbour.accountId() + "/permit", token,
      new JsonObject()));
    assertRefused(409, "residentId", notHers);
    assertEquals("RESIDENT_NOT_IN_COMMUNITY", notHers.code());
    Reply both = unchanged(() -> server.post("/api/v1/community/residents/search", token,
      new JsonObject().put("idNumber", resident.idNumber()).put("name", fragment)));
    assertRefused(400, "name", both);
    assertEquals("SEARCH_TERM_AMBIGUOUS", both.code());
    Reply neither = unchanged(() -> server.post("/api/v1/community/residents/search", token, new JsonObject()));
    assertRefused(400, "idNumber", neither);
    assertEquals("SEARCH_TERM_REQUIRED", neither.code());
    assertRefused(400, "idNumber", unchanged(() -> server.post("/api/v1/community/residents/search", token,
      new JsonObject().put("idNumber", "1101051990"))));
  }

  @Test
  void aReviewerReadsTheProofsOfAnApplicationVerified() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("TWO_COMMITMENTS_ONE_PERMIT", List.of("110115", "131022"), 30);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    JsonObject commitment = world.document(enterprise, "ENTERPRISE_COMMITMENT", employee);
    Reply applied = world.apply(enterprise, employee, corridor, null);
    PassWorld.expect(201, applied);
    String application = applied.json().getString("id");

    Reply reply = server.get("/api/v1/admin/pass-applications/" + application + "/proofs", world.admin());
    PassWorld.expect(200, reply);
    JsonArray proofs = reply.json().getJsonArray("proofs");
    JsonObject letter = proofs.stream().map(JsonObject.class::cast)
      .filter(p -> "ENTERPRISE_COMMITMENT".equals(p.getString("kind"))).findFirst().orElseThrow();
    assertEquals(commitment.getString("id"), letter.getString("id"));
    assertEquals("ACTIVE", letter.getString("state"));
    assertEquals("ENTERPRISE", letter.getJsonObject("issuer").getString("kind"));
    assertEquals(enterprise.login(), letter.getJsonObject("issuer").getString("code"));
    assertTrue(letter.getJsonObject("verification").getBoolean("verified"), letter.encode());
    assertEquals(resident.idNumber().substring(14), letter.getJsonObject("subject").getString("idLastFour"));
    assertNotEquals(resident.name(), letter.getJsonObject("subject").getString("maskedName"));
    assertTrue(letter.getString("statement").length() > 0);
    JsonObject personal = proofs.stream().map(JsonObject.class::cast)
      .filter(p -> "PERSONAL_COMMITMENT".equals(p.getString("kind"))).findFirst().orElseThrow();
    assertEquals("MISSING", personal.getString("state"));
    assertFalse(reply.body().toString().contains(resident.idNumber()));

    // A tampered statement no longer matches its signed hash.
    TestDatabase.query("update pass_proofs set statement = statement || '！' where id = ?::uuid returning id",
      commitment.getString("id"));
    JsonObject tampered = server.get("/api/v1/admin/pass-applications/" + application + "/proofs", world.admin()).json()
      .getJsonArray("proofs").stream().map(JsonObject.class::cast)
      .filter(p -> "ENTERPRISE_COMMITMENT".equals(p.getString("kind"))).findFirst().orElseThrow();
    assertFalse(tampered.getJsonObject("verification").getBoolean("statementMatches"));
    assertFalse(tampered.getJsonObject("verification").getBoolean("verified"));

    Reply unknown = server.get("/api/v1/admin/pass-applications/00000000-0000-4000-8000-000000000000/proofs", world.admin());
    assertRefused(404, "applicationId", unknown);
  }

  private static JsonObject upload(String token, String csv) {
    Reply created = server.post("/api/v1/enterprise/employee-imports", token, new JsonObject());
    PassWorld.expect(201, created);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/csv; charset=utf-8");
    Reply reply = server.call(HttpMethod.PUT, "/api/v1/enterprise/employee-imports/" + created.json().getString("id") + "/file",
      token, Buffer.buffer(csv), headers);
    PassWorld.expect(200, reply);
    return reply.json();
  }

  private static Reply unchanged(Supplier<Reply> request) {
    Map<String, String> before = TestDatabase.snapshot();
    Reply reply = request.get();
    assertEquals(before, TestDatabase.snapshot(), "nothing written by " + reply);
    return reply;
  }

  private static void assertRefused(int status, String field, Reply reply) {
    assertEquals(status, reply.status(), reply.toString());
    assertTrue(String.valueOf(reply.field()).contains(field), reply.toString());
  }
}
