package io.tongxing.server.pass;

import io.tongxing.server.pass.PassWorld.Login;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input in the pass workflow: each request is refused with a 4xx whose code and field name the
 * problem, in the caller's language, and the database is exactly as it was before.
 */
@ExtendWith(VertxExtension.class)
class PassRefusalsTest {

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
  void anEmployeeAddedTwiceIsRefusedTheSecondTime() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    world.employee(enterprise, resident);
    String token = world.token(enterprise);

    Reply again = unchanged(() -> server.post("/api/v1/enterprise/employees", token,
      new JsonObject().put("name", resident.name()).put("idNumber", resident.idNumber())));

    assertRefused(409, "EMPLOYEE_EXISTS", "idNumber", "此人已是本企业员工", again);
  }

  @Test
  void aWorkLetterForSomeoneWhoIsNotAnEmployeeIsRefused() {
    Login employer = world.enterprise();
    Login other = world.enterprise();
    Resident resident = world.resident();
    String employeeOfTheOther = world.employee(other, resident);
    Resident leaver = world.resident();
    String left = world.employee(employer, leaver);
    PassWorld.expect(200, server.post("/api/v1/enterprise/employees/" + left + "/departure", world.token(employer),
      new JsonObject().put("reason", "离职")));
    String token = world.token(employer);

    Reply foreign = unchanged(() -> server.post("/api/v1/enterprise/documents", token,
      new JsonObject().put("kind", "WORK_LETTER").put("employeeId", employeeOfTheOther)));
    Reply former = unchanged(() -> server.post("/api/v1/enterprise/documents", token,
      new JsonObject().put("kind", "ENTERPRISE_COMMITMENT").put("employeeId", left)));

    assertRefused(409, "NOT_AN_EMPLOYEE", "employeeId", "不是本企业的在职员工", foreign);
    assertRefused(409, "NOT_AN_EMPLOYEE", "employeeId", "不是本企业的在职员工", former);
  }

  @Test
  void anApplicationOnACorridorTheEnterpriseIsNotAdmittedToIsRefused() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 30);
    String employee = world.employee(enterprise, resident);
    world.document(enterprise, "WORK_LETTER", employee);
    String token = world.token(enterprise);

    Reply refused = unchanged(() -> server.call(HttpMethod.POST, "/api/v1/enterprise/pass-applications", token,
      new JsonObject().put("employeeId", employee).put("corridorId", corridor),
      MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en")));

    assertRefused(409, "ENTERPRISE_NOT_IN_CORRIDOR", "corridorId", "not admitted to apply on this corridor", refused);
  }

  @Test
  void platesOfTheWrongFormAreRefusedAndAPlateBelongsOnlyToFreight() {
    Login carrier = world.enterprise();
    Resident driver = world.resident();
    String freight = world.corridor("FREIGHT_VEHICLE", List.of("110000", "130000"), 30);
    String commute = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 30);
    world.admit(freight, carrier);
    world.admit(commute, carrier);
    String employee = world.employee(carrier, driver);
    world.document(carrier, "WORK_LETTER", employee);
    String token = world.token(carrier);

    for (String plate : List.of("京I12345", "京O1234挂", "AB123456", "京A123456", "京A12345678", "新加坡S1234")) {
      Reply refused = unchanged(() -> apply(token, employee, freight, plate));
      assertRefused(400, "INVALID_VEHICLE_PLATE", "vehiclePlate", "车牌号码格式无效", refused);
    }
    // Too short to be any plate: the contract refuses it before the handler runs, naming the field and the bound.
    assertRefused(400, "VALIDATION_FAILED", "vehiclePlate", "至少 7 个字符", unchanged(() -> apply(token, employee, freight, "京A1234")));
    assertRefused(400, "VEHICLE_PLATE_REQUIRED", "vehiclePlate", "须填写车牌号码",
      unchanged(() -> apply(token, employee, freight, null)));
    assertRefused(400, "VEHICLE_PLATE_NOT_ALLOWED", "vehiclePlate", "只有货运通道",
      unchanged(() -> apply(token, employee, commute, "京A12345")));
  }

  @Test
  void anApplicationLackingAProofIsRefusedAtReviewWithTheProofNamedAndStaysWaiting() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("TWO_COMMITMENTS_ONE_PERMIT", List.of("110112", "120114"), 30);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    world.commitment(resident);
    Reply applied = apply(world.token(enterprise), employee, corridor, null);
    PassWorld.expect(201, applied);
    assertEquals(new JsonArray().add("ENTERPRISE_COMMITMENT"), applied.json().getJsonArray("missing"),
      "the enterprise sees what is missing when it applies");
    String application = applied.json().getString("id");
    String admin = world.admin();

    Reply refused = unchanged(() -> server.post("/api/v1/admin/pass-applications/" + application + "/approval", admin,
      new JsonObject().put("reason", "材料齐全")));

    assertRefused(409, "PROOF_MISSING", "requirements", "缺少所需证明：企业承诺书", refused);
    assertEquals(new JsonArray().add("ENTERPRISE_COMMITMENT"), refused.json().getJsonObject("details").getJsonArray("missing"));
    JsonObject seen = server.get("/api/v1/me/pass-applications", world.token(resident)).array().getJsonObject(0);
    assertEquals("SUBMITTED", seen.getString("state"), "never silently approved");
    assertEquals(0, TestDatabase.count("select count(*) from passes where application_id = ?::uuid", application));
  }

  @Test
  void aRejectionIsSeenByTheResidentWithItsReason() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 30);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    world.document(enterprise, "WORK_LETTER", employee);
    Reply applied = apply(world.token(enterprise), employee, corridor, null);
    PassWorld.expect(201, applied);
    String application = applied.json().getString("id");

    PassWorld.expect(200, server.post("/api/v1/admin/pass-applications/" + application + "/rejection", world.admin(),
      new JsonObject().put("reason", "通勤路线与工作地点不符")));

    JsonObject seen = server.get("/api/v1/me/pass-applications", world.token(resident)).array().getJsonObject(0);
    assertEquals("REJECTED", seen.getString("state"));
    assertEquals("通勤路线与工作地点不符", seen.getString("decisionReason"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'application.rejected' "
      + "and subject_id = ? and reason = ?", application, "通勤路线与工作地点不符"));
    String admin = world.admin();
    Reply twice = unchanged(() -> server.post("/api/v1/admin/pass-applications/" + application + "/approval", admin,
      new JsonObject().put("reason", "复核")));
    assertRefused(409, "APPLICATION_NOT_PENDING", "applicationId", "", twice);
  }

  // ---- helpers ----

  private static Reply apply(String token, String employee, String corridor, String plate) {
    JsonObject body = new JsonObject().put("employeeId", employee).put("corridorId", corridor);
    if (plate != null) {
      body.put("vehiclePlate", plate);
    }
    return server.post("/api/v1/enterprise/pass-applications", token, body);
  }

  /** Runs a request that must be refused, and checks that the database is as it was before. */
  private static Reply unchanged(Supplier<Reply> request) {
    Map<String, String> before = TestDatabase.snapshot();
    Reply reply = request.get();
    assertEquals(before, TestDatabase.snapshot(), "nothing written by " + reply);
    return reply;
  }

  private static void assertRefused(int status, String code, String field, String messagePart, Reply reply) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(code, reply.code(), reply.toString());
    assertEquals(field, reply.field(), reply.toString());
    assertTrue(reply.json().getString("message").contains(messagePart), reply.json().getString("message"));
  }
}
