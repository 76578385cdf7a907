package io.tongxing.server.checkpoint;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admins register checkpoints, version their policies and bind officers; every change is audited. */
@ExtendWith(VertxExtension.class)
class CheckpointAdminTest {

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

  private static JsonObject registration(String id) {
    return new JsonObject().put("id", id).put("nameZh", "永乐店检查站").put("nameEn", "Yongledian checkpoint")
      .put("region", "110112").put("corridorId", "beijing-langfang").put("location", "103 国道京津界")
      .put("direction", "BOTH").put("reason", "新设检查站");
  }

  @Test
  void aRegisteredCheckpointStartsWithTheDefaultPolicyAsVersionOne() {
    String id = "cp-yld-" + UUID.randomUUID().toString().substring(0, 8);

    Reply reply = server.post("/api/v1/admin/checkpoints", admin, registration(id));

    assertEquals(201, reply.status(), reply.toString());
    JsonObject policy = reply.json().getJsonObject("policy");
    assertEquals(1, policy.getInteger("version"));
    assertEquals(new JsonArray().add("GREEN"), policy.getJsonArray("acceptedColours"));
    assertEquals(false, policy.getBoolean("passRequired"));
    assertEquals("OPTIONAL", policy.getString("holderProof"));
    assertEquals(21600, policy.getInteger("maxStatusAgeSeconds"));
    assertEquals("beijing-langfang", reply.json().getString("corridorId"));
    // Stored exactly as devices receive it (docs/token-format.md §8).
    String stored = TestDatabase.query("select policy::text as p from checkpoint_policies where checkpoint_id = ?", id)
      .get(0).get("p").toString();
    assertTrue(stored.contains("\"corridor\": \"beijing-langfang\"") && stored.contains("\"region\": \"110112\""), stored);
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'checkpoint.registered' and subject_id = ?", id));
  }

  @Test
  void aPolicyChangeIsTheNextVersionWithItsReason() {
    String id = TestDevice.registerCheckpoint(server, admin);
    JsonObject strict = new JsonObject().put("acceptedKinds", new JsonArray().add("COMMUTER_PASS"))
      .put("holderProof", "REQUIRED").put("maxStatusAgeSeconds", 3600).put("clockSkewSeconds", 60);

    Reply reply = server.put("/api/v1/admin/checkpoints/" + id + "/policy", admin,
      new JsonObject().put("policy", strict).put("reason", "疫情升级：凭通行证通行"));

    assertEquals(200, reply.status(), reply.toString());
    assertEquals(2, reply.json().getInteger("version"));
    assertTrue(reply.json().getBoolean("passRequired"));
    assertEquals("REQUIRED", reply.json().getString("holderProof"));
    assertEquals(3600, reply.json().getInteger("maxStatusAgeSeconds"));
    assertEquals(2, server.get("/api/v1/admin/checkpoints/" + id, admin).json().getJsonObject("policy").getInteger("version"));
    assertEquals(2, TestDatabase.count("select count(*) from checkpoint_policies where checkpoint_id = ?", id), "version 1 kept");
    assertEquals("疫情升级：凭通行证通行", TestDatabase.query("select reason from audit_log where action = 'checkpoint.policy_changed' "
      + "and subject_id = ?", id).get(0).get("reason"));
  }

  @Test
  void aPolicyThatRefusesGreenCodesIsRefused() {
    String id = TestDevice.registerCheckpoint(server, admin);
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.put("/api/v1/admin/checkpoints/" + id + "/policy", admin, new JsonObject()
      .put("policy", new JsonObject().put("acceptedColours", new JsonArray().add("YELLOW"))).put("reason", "x"));

    assertEquals(400, reply.status());
    assertEquals("POLICY_MUST_ACCEPT_GREEN", reply.code());
    assertEquals("policy.acceptedColours", reply.field());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void badRegistrationsAreRefusedAndStoreNothing() {
    String id = TestDevice.registerCheckpoint(server, admin);
    Map<String, String> before = TestDatabase.snapshot();

    Reply duplicate = server.post("/api/v1/admin/checkpoints", admin, registration(id));
    Reply outside = server.post("/api/v1/admin/checkpoints", admin, registration("cp-outside").put("region", "131022"));
    Reply badId = server.post("/api/v1/admin/checkpoints", admin, registration("Bad Id!"));
    Reply unknownMember = server.post("/api/v1/admin/checkpoints", admin, registration("cp-x").put("policy",
      new JsonObject().put("acceptAnything", true)));

    assertEquals(409, duplicate.status());
    assertEquals("CHECKPOINT_EXISTS", duplicate.code());
    assertEquals(400, outside.status());
    assertEquals("CHECKPOINT_OUTSIDE_REGION", outside.code());
    assertEquals("region", outside.field());
    assertEquals(400, badId.status());
    assertEquals("id", badId.field());
    assertEquals(400, unknownMember.status());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void onlyOfficersAreBoundAndBindingIsIdempotent() {
    String id = TestDevice.registerCheckpoint(server, admin);
    UUID officer = server.server.services().accounts().createStaffBySystem(Role.OFFICER, "officer" + System.nanoTime() % 1_000_000,
      "王警官", "Officer-pass-1", "test").await();
    UUID community = server.server.services().accounts().createStaffBySystem(Role.COMMUNITY_STAFF,
      "community" + System.nanoTime() % 1_000_000, "社区", "Community-pass-1", "test").await();
    String path = "/api/v1/admin/checkpoints/" + id + "/officers/";

    Reply bound = server.put(path + officer, admin, new JsonObject().put("reason", "排班"));
    Reply again = server.put(path + officer, admin, new JsonObject().put("reason", "排班"));
    Reply notOfficer = server.put(path + community, admin, new JsonObject().put("reason", "排班"));

    assertEquals(200, bound.status(), bound.toString());
    assertEquals(1, again.array().size(), "bound once");
    assertEquals("王警官", again.array().getJsonObject(0).getString("displayName"));
    assertEquals(409, notOfficer.status());
    assertEquals("NOT_AN_OFFICER", notOfficer.code());
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'checkpoint.officer_bound' and subject_id = ?", id));

    // Percent-encoded, as a client must: raw UTF-8 bytes in a URL reach the server as Latin-1 characters,
    // C1 controls among them, which the contract's text rules now refuse.
    Reply unbound = server.call(HttpMethod.DELETE, path + officer + "?reason="
      + java.net.URLEncoder.encode("调岗", java.nio.charset.StandardCharsets.UTF_8), admin, null);
    assertEquals(204, unbound.status(), unbound.toString());
    assertTrue(server.get("/api/v1/admin/checkpoints/" + id, admin).json().getJsonArray("officers").isEmpty());
    assertEquals(404, server.call(HttpMethod.DELETE, path + officer + "?reason=again", admin, null).status());
  }

  @Test
  void theListShowsEveryCheckpointWithItsCounts() {
    String id = TestDevice.registerCheckpoint(server, admin);
    TestDevice.enrolledAt(server, admin, id);

    JsonArray list = server.get("/api/v1/admin/checkpoints", admin).array();

    JsonObject mine = list.stream().map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
    assertEquals(1, mine.getInteger("policyVersion"));
    assertEquals(1, mine.getInteger("officerCount"));
    assertEquals(1, mine.getInteger("activeDeviceCount"));
    assertFalse(server.get("/api/v1/admin/checkpoints/" + id, admin).json().getJsonArray("devices").isEmpty());
    assertEquals(404, server.get("/api/v1/admin/checkpoints/cp-nowhere", admin).status());
  }
}
