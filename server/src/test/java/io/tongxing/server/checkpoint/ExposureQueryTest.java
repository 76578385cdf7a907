package io.tongxing.server.checkpoint;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.verify.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From a confirmed case to red codes: who passed the case's checkpoint within ±T minutes, and the
 * one step that flags this region's contacts as close contacts.
 */
@ExtendWith(VertxExtension.class)
class ExposureQueryTest {

  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.staffToken(Role.ADMIN);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String pseudonym(Resident resident) {
    return TestDatabase.query("select pseudonym from residents where account_id = ?::uuid", resident.accountId()).get(0)
      .get("pseudonym").toString();
  }

  private static void flag(Resident resident, String flag) {
    Reply reply = server.post("/api/v1/admin/persons/" + resident.accountId() + "/flags", admin,
      new JsonObject().put("flag", flag).put("reason", "核酸检测阳性"));
    assertEquals(201, reply.status(), reply.toString());
  }

  @Test
  void aCasesContactsAreFoundAndThisRegionsResidentsFlaggedInOneStep() {
    Resident patient = server.registerResident();
    Resident near = server.registerResident();
    Resident later = server.registerResident();
    String nearToken = server.accessToken(near);
    JsonObject nearGreenCode = server.get("/api/v1/me/health-code", nearToken).json();
    String partnerSubject = TestDevice.pseudonym();
    TestDevice gate = TestDevice.enrolled(server, admin);
    TestDevice otherGate = TestDevice.enrolled(server, admin);
    Instant caseAt = server.clock.instant().minusSeconds(7200);
    JsonArray scans = new JsonArray()
      .add(gate.passed(1, caseAt.minusSeconds(20 * 60), "131000", partnerSubject))
      .add(gate.passed(2, caseAt, "110000", pseudonym(patient)))
      .add(gate.refused(3, caseAt.plusSeconds(5 * 60)))
      .add(gate.passed(4, caseAt.plusSeconds(10 * 60), "110000", pseudonym(near)))
      .add(gate.passed(5, caseAt.plusSeconds(90 * 60), "110000", pseudonym(later)));
    assertEquals(200, gate.upload(scans).status());
    assertEquals(200, otherGate.upload(new JsonArray().add(otherGate.passed(1, caseAt, "110000", pseudonym(later)))).status());
    flag(patient, "CONFIRMED");

    Reply query = server.post("/api/v1/admin/exposure-queries", admin, new JsonObject()
      .put("case", new JsonObject().put("personId", patient.accountId())).put("windowMinutes", 30)
      .put("reason", "确诊病例 2026-031 流调"));

    assertEquals(201, query.status(), query.toString());
    JsonObject answer = query.json();
    assertEquals(1, answer.getJsonArray("casePassages").size());
    assertEquals(1, answer.getInteger("unattributedScans"), "the scan whose token did not verify names nobody");
    JsonArray contacts = answer.getJsonArray("contacts");
    assertEquals(2, contacts.size(), contacts.encodePrettily());
    JsonObject partner = contacts.getJsonObject(0);
    assertEquals("131000", partner.getString("issuer"));
    assertEquals(partnerSubject, partner.getString("subject"));
    assertEquals(false, partner.getBoolean("ownRegion"));
    assertNull(partner.getString("personId"));
    assertEquals(-20, partner.getJsonArray("passages").getJsonObject(0).getInteger("minutesFromCase"));
    JsonObject resident = contacts.getJsonObject(1);
    assertEquals(near.accountId(), resident.getString("personId"));
    assertEquals(10, resident.getJsonArray("passages").getJsonObject(0).getInteger("minutesFromCase"));
    assertEquals("确诊病例 2026-031 流调", TestDatabase.query("select reason from audit_log where action = 'exposure.queried' "
      + "and subject_id = ?", answer.getLong("queryId").toString()).get(0).get("reason"));

    Reply flagged = server.post("/api/v1/admin/exposure-queries/" + answer.getLong("queryId") + "/close-contacts", admin,
      new JsonObject().put("reason", "与确诊病例同时段经过通州检查站"));

    assertEquals(201, flagged.status(), flagged.toString());
    assertEquals(1, flagged.json().getJsonArray("flagged").size());
    assertEquals("RED", flagged.json().getJsonArray("flagged").getJsonObject(0).getString("colour"));
    assertEquals(1, flagged.json().getInteger("otherRegions"));
    assertEquals("RED", server.get("/api/v1/me/colour", nearToken).json().getString("colour"));
    Map<String, Object> flagRow = TestDatabase.query("select flag, effective_at from person_flags where account_id = ?::uuid",
      near.accountId()).get(0);
    assertEquals("CLOSE_CONTACT", flagRow.get("flag"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'person.flag_set' and subject_id = ? "
      + "and details->>'exposureQueryId' = ?", near.accountId(), answer.getLong("queryId").toString()));
    // The contact's green code stops at the next checkpoint that syncs.
    TestDevice checkpoint = TestDevice.enrolled(server, admin);
    checkpoint.sync();
    assertEquals(Reason.REVOKED, checkpoint.verifier().verify(nearGreenCode.getString("qrText")).reason());

    Reply again = server.post("/api/v1/admin/exposure-queries/" + answer.getLong("queryId") + "/close-contacts", admin,
      new JsonObject().put("reason", "再次确认"));
    assertEquals(0, again.json().getJsonArray("flagged").size());
    assertEquals(1, again.json().getInteger("alreadyFlagged"));
    assertEquals(1, TestDatabase.count("select count(*) from person_flags where account_id = ?::uuid", near.accountId()));
  }

  @Test
  void onlyACaseUnderTreatmentJustifiesAQueryAndTheRefusalIsNotKept() {
    Resident healthy = server.registerResident();
    Map<String, String> before = TestDatabase.snapshot();

    Reply refused = server.post("/api/v1/admin/exposure-queries", admin, new JsonObject()
      .put("case", new JsonObject().put("personId", healthy.accountId())).put("windowMinutes", 30).put("reason", "好奇"));

    assertEquals(409, refused.status());
    assertEquals("NOT_A_CASE", refused.code());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void aPartnersCaseIsQueriedByItsPseudonym() {
    TestDevice gate = TestDevice.enrolled(server, admin);
    String partnerCase = TestDevice.pseudonym();
    Instant at = server.clock.instant().minusSeconds(3600);
    String someone = TestDevice.pseudonym();
    assertEquals(200, gate.upload(new JsonArray().add(gate.passed(1, at, "131000", partnerCase))
      .add(gate.passed(2, at.plusSeconds(120), "131000", someone))).status());

    Reply query = server.post("/api/v1/admin/exposure-queries", admin, new JsonObject()
      .put("case", new JsonObject().put("issuer", "131000").put("subject", partnerCase)).put("windowMinutes", 5)
      .put("reason", "廊坊市通报确诊病例"));

    assertEquals(201, query.status(), query.toString());
    assertEquals(1, query.json().getJsonArray("contacts").size());
    assertEquals(someone, query.json().getJsonArray("contacts").getJsonObject(0).getString("subject"));
    Reply flagged = server.post("/api/v1/admin/exposure-queries/" + query.json().getLong("queryId") + "/close-contacts", admin,
      new JsonObject().put("reason", "x"));
    assertEquals(0, flagged.json().getJsonArray("flagged").size(), "partner residents are the partner's to flag");
    assertTrue(server.post("/api/v1/admin/exposure-queries/999999/close-contacts", admin,
      new JsonObject().put("reason", "x")).status() == 404);
  }

  @Test
  void aPassageUploadedDaysAfterItsScanIsStillFoundByTheMinuteOfReceipt() {
    // A gate offline for three days uploads when it is back: the records are received now, scanned then.
    TestDevice gate = TestDevice.enrolled(server, admin);
    String partnerCase = TestDevice.pseudonym();
    String someone = TestDevice.pseudonym();
    Instant scanned = server.clock.instant().minus(java.time.Duration.ofDays(3));
    assertEquals(200, gate.upload(new JsonArray().add(gate.passed(1, scanned, "131000", partnerCase))
      .add(gate.passed(2, scanned.plusSeconds(60), "131000", someone))).status());

    Reply query = server.post("/api/v1/admin/exposure-queries", admin, new JsonObject()
      .put("case", new JsonObject().put("issuer", "131000").put("subject", partnerCase)).put("windowMinutes", 5)
      .put("since", scanned.minus(java.time.Duration.ofDays(1)).toString()).put("reason", "离线检查站补传后流调"));
    Reply tooBroad = server.post("/api/v1/admin/exposure-queries", admin, new JsonObject()
      .put("case", new JsonObject().put("issuer", "131000").put("subject", partnerCase)).put("windowMinutes", 5)
      .put("since", scanned.minus(java.time.Duration.ofDays(90)).toString()).put("reason", "过宽"));

    assertEquals(201, query.status(), query.toString());
    assertEquals(1, query.json().getJsonArray("casePassages").size(), query.toString());
    assertEquals(someone, query.json().getJsonArray("contacts").getJsonObject(0).getString("subject"));
    assertEquals(400, tooBroad.status(), tooBroad.toString());
    assertEquals("EXPOSURE_QUERY_TOO_BROAD", tooBroad.code());
  }
}
