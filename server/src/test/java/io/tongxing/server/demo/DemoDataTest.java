package io.tongxing.server.demo;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo data of both demo regions, each seeded into a fresh database of its own: the corridor,
 * the commuter's pass — verified offline as a checkpoint on the corridor would, against the server's
 * trust bundle and status list — and the checkpoint with its officer; and a second seeding changes
 * nothing.
 */
@ExtendWith(VertxExtension.class)
class DemoDataTest {

  /** Every table the demo writes to. */
  private static final List<String> TABLES = List.of("accounts", "residents", "enterprises", "counties", "county_risk_levels",
    "check_ins", "person_flags", "corridors", "corridor_enterprises", "employees", "pass_proofs", "pass_applications", "passes",
    "pass_events", "checkpoints", "checkpoint_policies", "checkpoint_officers", "issued_tokens", "audit_log", "communities",
    "staff_communities", "resident_communities");

  private static TestServer beijing;
  private static TestServer langfang;

  @BeforeAll
  static void start(Vertx vertx) {
    beijing = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase("demo_beijing"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    langfang = TestServer.start(vertx, new JsonObject().put("region", new JsonObject().put("code", "131000")
        .put("name", "廊坊市").put("nameEn", "Langfang")), List.of(), TestDatabase.otherDatabase("demo_langfang"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @AfterAll
  static void stop() {
    beijing.stop();
    langfang.stop();
  }

  @Test
  void beijingsDemoHasTheCorridorAVerifiablePassAndTheCheckpointAndSeedingTwiceChangesNothing() {
    seededTwice(beijing, DemoData.DemoRegion.BEIJING);
  }

  @Test
  void langfangsDemoHasItsOwnPeopleAndEnterpriseOnTheSameCorridor() {
    seededTwice(langfang, DemoData.DemoRegion.LANGFANG);
    JsonObject login = langfang.login(DemoData.DemoRegion.LANGFANG.commuterPhone(), DemoData.RESIDENT_PASSWORD);
    JsonObject me = langfang.get("/api/v1/me", login.getString("accessToken")).json();
    assertTrue(me.encode().contains("赵"), me.encode());
  }

  private static void seededTwice(TestServer server, DemoData.DemoRegion region) {
    DemoData demo = new DemoData(server.server.services(), server.clock, server.config.zone(), region);
    demo.seed().await();
    Map<String, Long> first = counts(server);

    JsonObject corridor = server.server.services().passes().corridors().get(DemoData.CORRIDOR).await();
    assertEquals("WORK_COMMUTE", corridor.getString("model"));
    assertEquals(new JsonArray().add("110000").add("131000"), corridor.getJsonArray("regions"));

    String token = server.login(region.commuterPhone(), DemoData.RESIDENT_PASSWORD).getString("accessToken");
    Reply passes = server.get("/api/v1/me/passes", token);
    assertEquals(200, passes.status(), passes.toString());
    assertEquals(1, passes.array().size(), passes.toString());
    JsonObject pass = server.get("/api/v1/me/passes/" + passes.array().getJsonObject(0).getString("id"), token).json();
    assertEquals("VALID", pass.getString("state"), pass.encode());
    assertEquals(DemoData.CORRIDOR, pass.getJsonObject("corridor").getString("id"));
    Reply png = server.get("/api/v1/me/passes/" + pass.getString("id") + "/qr.png", token);
    assertEquals(200, png.status(), png.toString());

    CheckpointPolicy atTheCheckpoint = CheckpointPolicy.builder(RegionCode.of(region.checkpointRegion()))
      .corridor(DemoData.CORRIDOR).passRequired().build();
    Verdict verdict = new Checkpoint(server).sync(pass.getJsonObject("status").getLong("list"))
      .verify(pass.getString("qrText"), atTheCheckpoint);
    assertEquals(Reason.ACCEPTED, verdict.reason(), verdict.toString());
    assertEquals(Outcome.PASS, verdict.outcome());

    JsonObject checkpoint = server.server.services().checkpoints().view(region.checkpointId()).await();
    assertEquals(DemoData.CORRIDOR, checkpoint.getString("corridorId"), checkpoint.encode());
    assertEquals(region.checkpointRegion(), checkpoint.getString("region"));
    assertEquals(1, checkpoint.getJsonArray("officers").size(), checkpoint.encode());
    assertNotNull(checkpoint.getJsonObject("policy"));

    demo.seed().await();

    assertEquals(first, counts(server), "a second seeding adds nothing");
    String walkthrough = demo.walkthrough("http://localhost:" + server.port()).await();
    assertTrue(walkthrough.contains("/api/v1/me/passes/" + pass.getString("id") + "/qr.png"), walkthrough);
    assertTrue(walkthrough.matches("(?s).*enrollment code [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4} .*"), walkthrough);
  }

  @Test
  void theCommunityDeskWorksOutOfTheBoxAndTheBannerDropsARevokedPass(Vertx vertx) {
    // its own database: the pass it revokes is the one the other tests verify
    TestServer server = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase("demo_truth"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    try {
      DemoData demo = new DemoData(server.server.services(), server.clock, server.config.zone(), DemoData.DemoRegion.BEIJING);
      demo.seed().await();
      String staff = server.login("community", DemoData.STAFF_PASSWORD).getString("accessToken");

      Reply found = server.post("/api/v1/community/residents/search", staff, new JsonObject().put("name", "张"));

      assertEquals(200, found.status(), found.toString());
      assertEquals(1, found.array().size(), "the commuter lives in the demo community: " + found);
      assertTrue(demo.logins().contains(DemoData.DemoRegion.BEIJING.community()), demo.logins());

      JsonObject pass = demo.commuterPass().await();
      String admin = server.login("admin", DemoData.STAFF_PASSWORD).getString("accessToken");
      server.post("/api/v1/admin/passes/" + pass.getString("id") + "/revocation", admin, new JsonObject().put("reason", "test"));
      demo.seed().await();

      String walkthrough = demo.walkthrough("http://localhost:" + server.port()).await();
      assertFalse(walkthrough.contains("/api/v1/me/passes/"), "no QR of a revoked pass: " + walkthrough);
      assertTrue(walkthrough.contains(pass.getString("id") + " is REVOKED"), walkthrough);
    } finally {
      server.stop();
    }
  }

  private static Map<String, Long> counts(TestServer server) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      Row row = server.server.services().pool().query("select count(*) as n from " + table).execute().await().iterator().next();
      counts.put(table, row.getLong("n"));
    }
    return counts;
  }
}
