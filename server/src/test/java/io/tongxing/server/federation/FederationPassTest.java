package io.tongxing.server.federation;

import io.tongxing.server.http.Role;
import io.tongxing.server.pass.PassWorld;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Langfang commuter pass at a Beijing checkpoint, through two real region servers on loopback:
 * the pass is made in Langfang through its API, the Beijing device enrolls and syncs from Beijing
 * only, and verifies offline with what its sync gave it — Langfang's keys from the trust bundle and
 * Langfang's status list from the partner lists Beijing keeps.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationPassTest {

  /** The one corridor on which Beijing recognizes Langfang's passes. */
  private static final String CORRIDOR = "jing-lang-sanhe";
  /** Another corridor through Tongzhou, where Beijing recognizes Langfang's health codes only. */
  private static final String OTHER_CORRIDOR = "jing-lang-dachang";

  private static TwoRegions regions;
  private static PassWorld langfang;

  @BeforeAll
  static void start(Vertx vertx) {
    // Beijing's agreement: Langfang's health codes everywhere, its commuter passes on one corridor.
    JsonObject inbound = TwoRegions.everywhere(List.of("HEALTH_CODE", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE"))
      .put("recognitions", new JsonArray().add(new JsonObject().put("kind", "COMMUTER_PASS").put("corridor", CORRIDOR)));
    regions = new TwoRegions(vertx, "fedpass", inbound);
    langfang = new PassWorld(regions.langfang);
    for (String id : List.of(CORRIDOR, OTHER_CORRIDOR)) {
      PassWorld.expect(201, regions.langfang.post("/api/v1/admin/corridors", langfang.admin(), new JsonObject().put("id", id)
        .put("nameZh", "京廊通勤通道").put("nameEn", "Beijing–Langfang commuter corridor")
        .put("regions", new JsonArray().add("131082").add("110112")).put("model", "WORK_COMMUTE").put("validityDays", 30)));
    }
  }

  @AfterAll
  static void stop() {
    regions.stop();
  }

  /** A commuter living in Sanhe (Langfang) working in Tongzhou (Beijing), with an approved pass. */
  private record Commuter(Resident resident, JsonObject pass) {
    String qr() {
      return pass.getString("qrText");
    }

    long list() {
      return pass.getJsonObject("status").getLong("list");
    }
  }

  private static Commuter commuterWithPass() {
    return commuterWithPass(CORRIDOR);
  }

  private static Commuter commuterWithPass(String corridor) {
    PassWorld.Login enterprise = langfang.enterprise();
    Resident resident = langfang.resident();
    langfang.admit(corridor, enterprise);
    String employee = langfang.employee(enterprise, resident);
    langfang.document(enterprise, "WORK_LETTER", employee);
    Reply applied = langfang.apply(enterprise, employee, corridor, null);
    PassWorld.expect(201, applied);
    Reply approved = langfang.approve(applied.json().getString("id"));
    PassWorld.expect(200, approved);
    JsonObject pass = langfang.pass(resident, approved.json().getJsonObject("pass").getString("id"));
    assertEquals("VALID", pass.getString("state"));
    return new Commuter(resident, pass);
  }

  /** A device at a new Beijing checkpoint in Tongzhou on the corridor, requiring a pass. */
  private static TestDevice beijingDevice(JsonObject policy) {
    return beijingDevice(CORRIDOR, policy.copy().put("acceptedKinds", new JsonArray().add("COMMUTER_PASS")));
  }

  private static TestDevice beijingDevice(String corridor, JsonObject policy) {
    TestServer beijing = regions.beijing;
    String admin = beijing.staffToken(Role.ADMIN);
    String checkpoint = TestDevice.registerCheckpoint(beijing, admin, corridor, policy);
    return TestDevice.enrolledAt(beijing, admin, checkpoint);
  }

  @Test
  @Order(1)
  void aLangfangPassPassesAtABeijingCheckpointAndStopsAfterItIsSuspendedInLangfang() {
    Commuter commuter = commuterWithPass();
    JsonObject fetched = fetchLangfang();
    assertTrue(fetched.getJsonArray("errors").isEmpty(), fetched.encode());
    TestDevice device = beijingDevice(new JsonObject());

    Reply first = device.sync();

    assertEquals(200, first.status(), first.toString());
    assertTrue(device.statusLists("131000").containsKey(commuter.list()), "the device holds Langfang's list of the pass");
    Verdict verdict = device.verifier().verify(commuter.qr());
    assertEquals(Reason.ACCEPTED, verdict.reason(), verdict.toString());
    assertEquals(Outcome.PASS, verdict.outcome());

    // Langfang re-signs its unchanged lists; Beijing fetches them; the device downloads nothing for that.
    regions.clock.advance(Duration.ofMinutes(10));
    fetchLangfang();
    Reply current = device.sync();
    assertEquals(200, current.status(), current.toString());
    assertEquals(new JsonArray(), current.json().getJsonArray("statusLists"), "an up-to-date device downloads no list");
    assertFalse(current.json().containsKey("trustBundle"));

    // The holder turns red in Langfang: the pass is suspended there.
    regions.clock.advance(Duration.ofMinutes(1));
    langfang.flag(commuter.resident(), "CLOSE_CONTACT");
    assertEquals("SUSPENDED", langfang.pass(commuter.resident(), commuter.pass().getString("id")).getString("state"));
    // Until Beijing fetches from Langfang, its devices know nothing of it.
    device.sync();
    assertEquals(Reason.ACCEPTED, device.verifier().verify(commuter.qr()).reason());

    fetchLangfang();
    Reply after = device.sync();

    assertEquals(200, after.status(), after.toString());
    assertEquals(1, after.json().getJsonArray("statusLists").size(), "only Langfang's changed list is sent");
    Verdict stopped = device.verifier().verify(commuter.qr());
    assertEquals(Reason.SUSPENDED, stopped.reason(), stopped.toString());
    assertEquals(Outcome.STOP, stopped.outcome());
  }

  @Test
  @Order(2)
  void langfangPassesAreRecognizedOnlyOnTheCorridorTheAgreementPairsThemWith() {
    Commuter onOther = commuterWithPass(OTHER_CORRIDOR);
    Resident resident = langfang.resident();
    String healthCode = regions.langfang.get("/api/v1/me/health-code", langfang.token(resident)).json().getString("qrText");
    fetchLangfang();
    JsonObject listed = regions.beijing.get("/api/v1/admin/partners", regions.beijing.staffToken(Role.ADMIN)).array().stream()
      .map(JsonObject.class::cast).filter(p -> "131000".equals(p.getString("regionCode"))).findFirst().orElseThrow();
    assertEquals(new JsonArray().add(new JsonObject().put("kind", "COMMUTER_PASS").put("corridor", CORRIDOR)),
      listed.getJsonObject("scope").getJsonObject("inbound").getJsonArray("recognitions"), listed.encode());

    TestDevice other = beijingDevice(OTHER_CORRIDOR, new JsonObject());
    assertEquals(200, other.sync().status());
    TestDevice paired = beijingDevice(new JsonObject());
    assertEquals(200, paired.sync().status());

    assertEquals(Reason.ISSUER_NOT_RECOGNIZED_FOR_KIND, other.verifier().verify(onOther.qr()).reason(),
      "no Langfang pass on a corridor the agreement does not pair with passes");
    assertEquals(Reason.ACCEPTED, other.verifier().verify(healthCode).reason(), "Langfang's health codes everywhere");
    assertEquals(Reason.ACCEPTED, paired.verifier().verify(commuterWithPass().qr()).reason());
    // The public bundle, for verifiers on no particular corridor, carries only what holds on every corridor.
    io.tongxing.trust.Recognition published = new io.tongxing.server.support.Checkpoint(regions.beijing).sync().trust()
      .issuer(io.tongxing.token.RegionCode.of("131000")).orElseThrow().recognition();
    assertEquals(java.util.Set.of(io.tongxing.token.TokenKind.HEALTH_CODE), published.kinds());
    assertEquals(java.util.Set.of("*"), published.corridors());
  }

  @Test
  @Order(Integer.MAX_VALUE) // Langfang goes down
  void whenLangfangIsUnreachableTheDeviceSyncsTheLastGoodCopyAndJudgesItsAge() {
    Commuter commuter = commuterWithPass();
    fetchLangfang();
    // Status data older than 15 minutes is REVIEW at this checkpoint.
    TestDevice device = beijingDevice(new JsonObject().put("maxStatusAgeSeconds", 900));
    assertEquals(200, device.sync().status());
    assertEquals(Reason.ACCEPTED, device.verifier().verify(commuter.qr()).reason());
    int port = regions.langfang.port();
    regions.langfang.stop();
    try {
      unreachable(commuter, device);
    } finally {
      regions.restartLangfang(port);
    }
  }

  private static void unreachable(Commuter commuter, TestDevice device) {
    regions.clock.advance(Duration.ofMinutes(10));
    JsonObject failed = fetchLangfang();
    assertFalse(failed.getJsonArray("errors").isEmpty(), "Langfang cannot be reached: " + failed.encode());
    Reply synced = device.sync();

    assertEquals(200, synced.status(), synced.toString());
    assertTrue(device.statusLists("131000").containsKey(commuter.list()), "the last good copy stays");
    Verdict young = device.verifier().verify(commuter.qr());
    assertEquals(Reason.ACCEPTED, young.reason(), young.toString());
    assertTrue(young.statusAge().orElseThrow().compareTo(Duration.ofMinutes(10)) >= 0, young.toString());
    assertTrue(partnerDocument("status-list/" + commuter.list()).getLong("ageSeconds") >= 600, "the console shows the age");
    assertTrue(partnerDocument("trust-bundle").getString("lastError") != null, "and why");

    regions.clock.advance(Duration.ofMinutes(10));
    fetchLangfang();
    Reply later = device.sync();

    assertEquals(200, later.status(), later.toString());
    assertEquals(new JsonArray(), later.json().getJsonArray("statusLists"), "the same copy is not sent again");
    Verdict stale = device.verifier().verify(commuter.qr());
    assertEquals(Reason.STATUS_STALE, stale.reason(), stale.toString());
    assertEquals(Outcome.REVIEW, stale.outcome());
  }

  // ---- helpers ----

  private static JsonObject fetchLangfang() {
    Reply reply = regions.beijing.call(HttpMethod.POST, "/api/v1/admin/partners/" + regions.langfangAtBeijing + "/fetches",
      regions.beijing.staffToken(Role.ADMIN), null);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private static JsonObject partnerDocument(String document) {
    return regions.beijing.get("/api/v1/admin/partners", regions.beijing.staffToken(Role.ADMIN)).array().stream()
      .map(JsonObject.class::cast).filter(p -> "131000".equals(p.getString("regionCode"))).findFirst().orElseThrow()
      .getJsonArray("documents").stream().map(JsonObject.class::cast)
      .filter(d -> document.equals(d.getString("document"))).findFirst().orElseThrow();
  }
}
