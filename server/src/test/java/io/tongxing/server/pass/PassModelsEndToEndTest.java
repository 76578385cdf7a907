package io.tongxing.server.pass;

import io.tongxing.holder.HolderProof;
import io.tongxing.holder.HolderSigner;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.server.pass.PassWorld.Login;
import io.tongxing.server.pass.PassWorld.Staff;
import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.HolderProofPolicy;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each corridor model from application to revocation, on the real database: apply, review, issue,
 * verify the QR offline at a checkpoint that syncs over HTTP, suspend on a colour change, restore
 * when green again, revoke.
 */
@ExtendWith(VertxExtension.class)
class PassModelsEndToEndTest {

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
  void oneLetterOneCardOnePermitFromApplicationToTheCommunityRevokingThePermit() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("ONE_LETTER_ONE_CARD_ONE_PERMIT", List.of("110112", "131082", "131028", "131024"), 30);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    world.document(enterprise, "WORK_LETTER", employee);
    Staff staff = world.communityWithStaff();
    JsonObject permit = world.permit(staff, resident);
    world.normalCheckIns(resident, 14);

    JsonObject pass = applyAndApprove(enterprise, employee, corridor, null, resident);
    CheckpointPolicy sanhe = CheckpointPolicy.builder(RegionCode.of("131082")).corridor(corridor).passRequired().build();

    CommuterPass shown = accepted(pass, sanhe);
    assertEquals(PassModel.ONE_LETTER_ONE_CARD_ONE_PERMIT, shown.model());
    assertEquals(List.of("110112", "131082", "131028", "131024"), route(shown));
    assertEquals(enterprise.login(), shown.enterprise());
    assertEquals("测*民", shown.maskedName());
    assertEquals(resident.idNumber().substring(14), shown.idLastFour());
    assertEquals(Reason.ROUTE_MISMATCH, checkpoint(pass).verify(pass.getString("qrText"),
      CheckpointPolicy.builder(RegionCode.of("310112")).passRequired().build()).reason(), "Shanghai is not on the route");

    lifeOfThePass(resident, pass, sanhe, () -> PassWorld.expect(200, server.post("/api/v1/community/permits/"
      + permit.getString("id") + "/revocation", world.token(staff.login()), new JsonObject().put("reason", "已搬离本社区"))),
      "COMMUNITY_PERMIT_REVOKED", "已搬离本社区");
  }

  @Test
  void twoCommitmentsOnePermitFromApplicationToTheReviewerRevokingThePass() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("TWO_COMMITMENTS_ONE_PERMIT", List.of("110112", "120114"), 60);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    world.commitment(resident);
    world.document(enterprise, "ENTERPRISE_COMMITMENT", employee);

    JsonObject pass = applyAndApprove(enterprise, employee, corridor, null, resident);
    CheckpointPolicy wuqing = CheckpointPolicy.builder(RegionCode.of("120114")).corridor(corridor).passRequired().build();

    assertEquals(PassModel.TWO_COMMITMENTS_ONE_PERMIT, accepted(pass, wuqing).model());
    lifeOfThePass(resident, pass, wuqing, () -> PassWorld.expect(200, server.post("/api/v1/admin/passes/"
      + pass.getString("id") + "/revocation", world.admin(), new JsonObject().put("reason", "核查发现承诺不实"))),
      "REVOKED_BY_REVIEWER", "核查发现承诺不实");
  }

  @Test
  void workCommuteFromApplicationToTheEmployerEndingTheLetter() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 90);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    JsonObject letter = world.document(enterprise, "WORK_LETTER", employee);

    JsonObject pass = applyAndApprove(enterprise, employee, corridor, null, resident);
    CheckpointPolicy guan = CheckpointPolicy.builder(RegionCode.of("131022")).corridor(corridor).passRequired().build();

    assertEquals(PassModel.WORK_COMMUTE, accepted(pass, guan).model());
    lifeOfThePass(resident, pass, guan, () -> PassWorld.expect(200, server.post("/api/v1/enterprise/documents/"
      + letter.getString("id") + "/revocation", world.token(enterprise), new JsonObject().put("reason", "项目结束"))),
      "WORK_LETTER_ENDED", "项目结束");
  }

  @Test
  void freightVehicleNamesTheVehicleAndEndsWithTheEmployment() {
    Login carrier = world.enterprise();
    Resident driver = world.resident();
    String corridor = world.corridor("FREIGHT_VEHICLE", List.of("110000", "120000", "130000"), 30);
    world.admit(corridor, carrier);
    String employee = world.employee(carrier, driver);

    JsonObject pass = applyAndApprove(carrier, employee, corridor, "京A·12345", driver);
    CheckpointPolicy hebei = CheckpointPolicy.builder(RegionCode.of("131082")).corridor(corridor).passRequired().build();

    CommuterPass shown = accepted(pass, hebei);
    assertEquals(PassModel.FREIGHT_VEHICLE, shown.model());
    assertEquals(Optional.of("京A12345"), shown.vehiclePlate(), "the plate as written on the vehicle");
    assertEquals(carrier.login(), shown.enterprise());
    assertEquals(List.of("110000", "120000", "130000"), route(shown));
    lifeOfThePass(driver, pass, hebei, () -> PassWorld.expect(200, server.post("/api/v1/enterprise/employees/" + employee
      + "/departure", world.token(carrier), new JsonObject().put("reason", "合同到期"))),
      "EMPLOYMENT_ENDED", "合同到期");
  }

  @Test
  void aPassIsBoundToThePhoneKeyRegisteredBeforeItsIssue() throws Exception {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 30);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    world.document(enterprise, "WORK_LETTER", employee);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair phone = generator.generateKeyPair();
    PassWorld.expect(200, server.put("/api/v1/me/holder-key", world.token(resident),
      new JsonObject().put("publicKey", HolderKey.of((ECPublicKey) phone.getPublic()).encoded())));

    JsonObject pass = applyAndApprove(enterprise, employee, corridor, null, resident);

    assertTrue(pass.getBoolean("holderBound"));
    CheckpointPolicy strict = CheckpointPolicy.builder(RegionCode.of("131022")).corridor(corridor).passRequired()
      .holderProof(HolderProofPolicy.REQUIRED).build();
    HolderProof proof = HolderProof.create(pass.getString("token"), server.clock.instant(), HolderSigner.of(phone.getPrivate(), null));
    Checkpoint checkpoint = checkpoint(pass);
    assertEquals(Reason.ACCEPTED, checkpoint.verify(QrText.encode(Presentation.of(pass.getString("token"), proof)), strict).reason());
    assertEquals(Reason.HOLDER_PROOF_MISSING, checkpoint.verify(pass.getString("qrText"), strict).reason(), "a screenshot");
  }

  @Test
  void aPassPastItsExpiryIsMarkedExpiredForTheResidentAndCheckpoints() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("FREIGHT_VEHICLE", List.of("110000", "130000"), 1);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    JsonObject pass = applyAndApprove(enterprise, employee, corridor, "冀B1234挂", resident);

    server.clock.advance(Duration.ofDays(1).plusMinutes(1));
    int expired = server.server.services().passes().expiry().run().await();

    assertTrue(expired >= 1);
    JsonObject after = world.pass(resident, pass.getString("id"));
    assertEquals("EXPIRED", after.getString("state"));
    assertEquals("EXPIRED", last(after).getString("cause"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where subject_id = ? and action = 'pass.expired'",
      pass.getString("id")));
    assertEquals(409, server.get("/api/v1/me/passes/" + pass.getString("id") + "/qr.png", world.token(resident)).status());
    Verdict verdict = checkpoint(pass).verify(pass.getString("qrText"),
      CheckpointPolicy.builder(RegionCode.of("131082")).corridor(corridor).build());
    assertTrue(verdict.reason() == Reason.REVOKED || verdict.reason() == Reason.EXPIRED, verdict.toString());
  }

  @Test
  void aFeverAtCheckInSuspendsThePassBeforeTheCheckInIsAnsweredAndSevenNormalDaysRestoreIt() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 30);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    world.document(enterprise, "WORK_LETTER", employee);
    JsonObject pass = applyAndApprove(enterprise, employee, corridor, null, resident);
    CheckpointPolicy guan = CheckpointPolicy.builder(RegionCode.of("131022")).corridor(corridor).passRequired().build();
    String qr = pass.getString("qrText");
    String id = pass.getString("id");
    assertEquals(Reason.ACCEPTED, checkpoint(pass).verify(qr, guan).reason());

    server.clock.advance(Duration.ofHours(1));
    PassWorld.expect(201, server.post("/api/v1/me/check-ins", world.token(resident),
      new JsonObject().put("temperature", 38.4).put("symptoms", new JsonArray().add("FEVER"))));

    // No sweep, no timer: the suspension committed with the check-in, so the very next sync sees it.
    assertEquals(Reason.SUSPENDED, checkpoint(pass).verify(qr, guan).reason());
    JsonObject suspended = world.pass(resident, id);
    assertEquals("SUSPENDED", suspended.getString("state"));
    assertEquals("HEALTH_CODE_NOT_GREEN", last(suspended).getString("cause"));
    assertEquals("YELLOW", last(suspended).getString("reason"));

    server.clock.advance(Duration.ofDays(1));
    world.normalCheckIns(resident, 7);

    assertEquals(Reason.ACCEPTED, checkpoint(pass).verify(qr, guan).reason(), "restored by the check-in that turned the code green");
    JsonObject restored = world.pass(resident, id);
    assertEquals("VALID", restored.getString("state"));
    assertEquals("HEALTH_CODE_GREEN", last(restored).getString("cause"));
    assertEquals(List.of("SYSTEM", "SYSTEM"), TestDatabase.query("select actor_role from audit_log where subject_type = 'pass' "
      + "and subject_id = ? and action in ('pass.suspended', 'pass.restored') order by id", id).stream()
      .map(row -> (String) row.get("actor_role")).toList());
  }

  // ---- the steps every model shares ----

  /** The enterprise applies, nothing is missing, a reviewer approves; the resident's pass. */
  private static JsonObject applyAndApprove(Login enterprise, String employee, String corridor, String plate, Resident resident) {
    Reply applied = world.apply(enterprise, employee, corridor, plate);
    PassWorld.expect(201, applied);
    assertEquals(new JsonArray(), applied.json().getJsonArray("missing"), applied.toString());
    String application = applied.json().getString("id");
    JsonObject waiting = server.get("/api/v1/me/pass-applications", world.token(resident)).array().getJsonObject(0);
    assertEquals("SUBMITTED", waiting.getString("state"), "the resident sees the application");

    Reply approved = world.approve(application);

    PassWorld.expect(200, approved);
    assertEquals("APPROVED", approved.json().getString("state"));
    String passId = approved.json().getJsonObject("pass").getString("id");
    JsonObject pass = world.pass(resident, passId);
    assertEquals("VALID", pass.getString("state"));
    assertEquals("ISSUED_ON_APPROVAL", pass.getJsonArray("events").getJsonObject(0).getString("cause"));
    assertTrue(pass.getString("qrText").startsWith("TX1:"));
    assertEquals(200, server.get("/api/v1/me/passes/" + passId + "/qr.png", world.token(resident)).status());
    assertTrue(server.get("/api/v1/me/passes/" + passId + "/qr.svg", world.token(resident)).body().toString().contains("<svg"));
    assertEquals(1, TestDatabase.count("select count(*) from issued_tokens t join passes p on p.account_id = t.account_id "
      + "and p.list_id = t.list_id and p.idx = t.idx where p.id = ?::uuid and t.kind = 'COMMUTER_PASS'", passId), "a token with its own status index");
    return pass;
  }

  private static CommuterPass accepted(JsonObject pass, CheckpointPolicy policy) {
    Verdict verdict = checkpoint(pass).verify(pass.getString("qrText"), policy);
    assertEquals(Reason.ACCEPTED, verdict.reason(), verdict.toString());
    return (CommuterPass) verdict.credential().orElseThrow().credential();
  }

  /**
   * Red code → SUSPENDED at the checkpoint after its next sync; green again → PASS; then the model's
   * revocation → REVOKED. The resident sees every transition with its cause, and each is audited.
   */
  private static void lifeOfThePass(Resident resident, JsonObject pass, CheckpointPolicy policy, Runnable revoke,
                                    String revokeCause, String revokeReason) {
    String id = pass.getString("id");
    String qr = pass.getString("qrText");

    server.clock.advance(Duration.ofMinutes(1));
    world.flag(resident, "CLOSE_CONTACT");
    assertEquals(Reason.SUSPENDED, checkpoint(pass).verify(qr, policy).reason());
    assertEquals("SUSPENDED", world.pass(resident, id).getString("state"));

    server.clock.advance(Duration.ofMinutes(1));
    world.flag(resident, "RELEASED");
    assertEquals(Reason.ACCEPTED, checkpoint(pass).verify(qr, policy).reason(), "restored when green again");

    server.clock.advance(Duration.ofMinutes(1));
    revoke.run();
    assertEquals(Reason.REVOKED, checkpoint(pass).verify(qr, policy).reason());

    JsonObject seen = world.pass(resident, id);
    assertEquals("REVOKED", seen.getString("state"));
    List<String> causes = new ArrayList<>();
    seen.getJsonArray("events").forEach(event -> causes.add(((JsonObject) event).getString("cause")));
    assertEquals(List.of("ISSUED_ON_APPROVAL", "HEALTH_CODE_NOT_GREEN", "HEALTH_CODE_GREEN", revokeCause), causes);
    assertEquals(revokeReason, last(seen).getString("reason"));
    assertFalse(last(seen).getString("causeText").isEmpty());
    assertEquals(List.of("pass.issued", "pass.suspended", "pass.restored", "pass.revoked"), TestDatabase.query(
        "select action from audit_log where subject_type = 'pass' and subject_id = ? order by id", id).stream()
      .map(row -> (String) row.get("action")).toList());
    assertEquals(409, server.get("/api/v1/me/passes/" + id + "/qr.png", world.token(resident)).status(),
      "a revoked pass is not drawn");
  }

  private static Checkpoint checkpoint(JsonObject pass) {
    return new Checkpoint(server).sync(pass.getJsonObject("status").getLong("list"));
  }

  private static List<String> route(CommuterPass pass) {
    return pass.route().stream().map(RegionCode::value).toList();
  }

  private static JsonObject last(JsonObject pass) {
    JsonArray events = pass.getJsonArray("events");
    return events.getJsonObject(events.size() - 1);
  }
}
