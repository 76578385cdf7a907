package io.tongxing.server.federation;

import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.verify.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agreement changed while in force, between two real region servers: a narrower scope reaches
 * Beijing's checkpoint at its next sync, a new address is used by the next fetch, and each change
 * is audited with what it was before; bad amendments change nothing.
 */
@ExtendWith(VertxExtension.class)
class PartnerAmendmentTest {

  private static TwoRegions regions;

  @BeforeAll
  static void start(Vertx vertx) {
    regions = new TwoRegions(vertx, "amend", null);
  }

  @AfterAll
  static void stop() {
    regions.stop();
  }

  @Test
  void aNarrowerScopeStopsAPartnerCodeAtTheNextSyncAndWideningItAgainRecognizesIt() {
    Resident commuter = regions.langfang.registerResident();
    JsonObject code = regions.langfang.get("/api/v1/me/health-code", regions.langfang.accessToken(commuter)).json();
    long list = code.getJsonObject("status").getLong("list");
    fetch();
    assertEquals(Reason.ACCEPTED, checkpoint(list).verify(code.getString("qrText")).reason());

    Reply narrowed = amend(new JsonObject().put("scope", scope(List.of("COMMUTER_PASS"))).put("reason", "协议变更：仅互认通勤证"));

    assertEquals(200, narrowed.status(), narrowed.toString());
    assertEquals(new JsonArray().add("COMMUTER_PASS"),
      narrowed.json().getJsonObject("scope").getJsonObject("inbound").getJsonArray("kinds"));
    assertEquals(Reason.ISSUER_NOT_RECOGNIZED_FOR_KIND, checkpoint(list).verify(code.getString("qrText")).reason());
    JsonObject entry = lastAudit("partner.amended");
    assertEquals("协议变更：仅互认通勤证", entry.getString("reason"));
    JsonObject change = entry.getJsonObject("details").getJsonObject("scope");
    assertTrue(change.getJsonObject("from").getJsonObject("inbound").getJsonArray("kinds").contains("HEALTH_CODE"), entry.encode());
    assertEquals(new JsonArray().add("COMMUTER_PASS"), change.getJsonObject("to").getJsonObject("inbound").getJsonArray("kinds"));

    assertEquals(200, amend(new JsonObject().put("scope", scope(List.of("HEALTH_CODE", "COMMUTER_PASS"))).put("reason", "恢复"))
      .status());
    assertEquals(Reason.ACCEPTED, checkpoint(list).verify(code.getString("qrText")).reason());
  }

  @Test
  void aNewAddressIsWhereTheNextFetchGoesAndTheOldOneIsAudited() {
    String old = partner().getString("baseUrl");
    String nowhere = "http://localhost:" + freePort();

    Reply moved = amend(new JsonObject().put("baseUrl", nowhere + "/").put("reason", "廊坊平台迁移"));

    assertEquals(200, moved.status(), moved.toString());
    assertEquals(nowhere, moved.json().getString("baseUrl"), "kept without the trailing slash");
    JsonObject fetched = fetch();
    assertTrue(!fetched.getJsonArray("errors").isEmpty(), "nothing answers at the new address: " + fetched.encode());
    assertEquals(new JsonObject().put("from", old).put("to", nowhere),
      lastAudit("partner.amended").getJsonObject("details").getJsonObject("baseUrl"));

    assertEquals(200, amend(new JsonObject().put("baseUrl", old).put("reason", "迁移回退")).status());
    assertTrue(fetch().getJsonArray("errors").isEmpty(), "the old address answers again");
  }

  @Test
  void badAmendmentsAreRefusedAndChangeNothing() {
    JsonObject before = partner();
    long audited = auditCount();

    Reply badUrl = amend(new JsonObject().put("baseUrl", "ftp://langfang.example").put("reason", "x"));
    Reply nothing = amend(new JsonObject().put("reason", "只有理由"));
    Reply noReason = amend(new JsonObject().put("baseUrl", "https://langfang.example"));
    Reply unknownField = amend(new JsonObject().put("regionCode", "120000").put("reason", "改地区"));
    Reply unknownKind = amend(new JsonObject().put("scope", scope(List.of("LOTTERY_TICKET"))).put("reason", "x"));
    Reply same = amend(new JsonObject().put("baseUrl", before.getString("baseUrl")).put("reason", "无变化"));

    assertEquals(400, badUrl.status(), badUrl.toString());
    assertEquals("INVALID_BASE_URL", badUrl.json().getString("code"));
    assertEquals(400, nothing.status(), nothing.toString());
    assertEquals(400, noReason.status(), noReason.toString());
    assertEquals(400, unknownField.status(), unknownField.toString());
    assertEquals(400, unknownKind.status(), unknownKind.toString());
    assertEquals(200, same.status(), same.toString());
    assertEquals(before, partner(), "the agreement is as it was");
    assertEquals(audited, auditCount(), "nothing was audited: nothing changed");
  }

  @Test
  void anEndedAgreementCannotBeAmended() {
    TwoRegions ended = regions;
    String langfangAtBeijing = ended.langfangAtBeijing;
    String beijingAtLangfang = ended.beijingAtLangfang;
    // Langfang ends its agreement with Beijing; Beijing's side (used by the other tests) stays.
    assertEquals(200, ended.langfang.put("/api/v1/admin/partners/" + beijingAtLangfang + "/state", ended.langfangAdmin,
      new JsonObject().put("state", "ENDED").put("reason", "协议终止")).status());

    Reply refused = ended.langfang.call(HttpMethod.PATCH, "/api/v1/admin/partners/" + beijingAtLangfang, ended.langfangAdmin,
      new JsonObject().put("baseUrl", "https://beijing.example").put("reason", "x"));
    Reply unknown = regions.beijing.call(HttpMethod.PATCH, "/api/v1/admin/partners/" + java.util.UUID.randomUUID(),
      regions.beijingAdmin, new JsonObject().put("baseUrl", "https://langfang.example").put("reason", "x"));
    Reply notAdmin = regions.beijing.call(HttpMethod.PATCH, "/api/v1/admin/partners/" + langfangAtBeijing,
      regions.beijing.accessToken(regions.beijing.registerResident()), new JsonObject().put("baseUrl", "https://x.example")
        .put("reason", "x"));

    assertEquals(409, refused.status(), refused.toString());
    assertEquals("PARTNER_ENDED", refused.json().getString("code"));
    assertEquals(404, unknown.status(), unknown.toString());
    assertEquals(403, notAdmin.status(), notAdmin.toString());
  }

  // ---- helpers ----

  private static JsonObject scope(List<String> inboundKinds) {
    return new JsonObject().put("inbound", TwoRegions.everywhere(inboundKinds))
      .put("outbound", TwoRegions.everywhere(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE")));
  }

  private static Reply amend(JsonObject body) {
    return regions.beijing.call(HttpMethod.PATCH, "/api/v1/admin/partners/" + regions.langfangAtBeijing, regions.beijingAdmin, body);
  }

  private static JsonObject fetch() {
    Reply reply = regions.beijing.call(HttpMethod.POST, "/api/v1/admin/partners/" + regions.langfangAtBeijing + "/fetches",
      regions.beijingAdmin, null);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private static Checkpoint checkpoint(long list) {
    return new Checkpoint(regions.beijing).sync().syncPartner("131000", list);
  }

  private static JsonObject partner() {
    JsonObject partner = regions.beijing.get("/api/v1/admin/partners", regions.beijingAdmin).array().stream()
      .map(JsonObject.class::cast).filter(p -> regions.langfangAtBeijing.equals(p.getString("id"))).findFirst().orElseThrow();
    partner.remove("documents"); // ages move on by themselves
    return partner;
  }

  private static JsonArray audit() {
    return regions.beijing.get("/api/v1/admin/audit?limit=200&q=partner.", regions.beijingAdmin).json().getJsonArray("entries");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject lastAudit(String action) {
    return audit().stream().map(JsonObject.class::cast).filter(e -> action.equals(e.getString("action"))).findFirst()
      .orElseThrow(() -> new AssertionError("no audit entry " + action));
  }

  private static long auditCount() {
    return audit().size();
  }
}
