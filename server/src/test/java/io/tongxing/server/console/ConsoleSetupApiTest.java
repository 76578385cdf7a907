package io.tongxing.server.console;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.demo.DemoData;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the console needs beyond the earlier API: the staff accounts with their community and
 * checkpoints, a new password for a staff member, the enterprises with their corridors, a person's
 * passes and applications (a revoked pass with when and why), the county boundaries; and refusals of
 * the contract said in a person's words, in both languages.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSetupApiTest {

  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase("console_setup"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    new DemoData(server.server.services(), server.clock, server.config.zone()).seed().await();
    admin = server.login("admin", "Demo-Staff-2020").getString("accessToken");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void theStaffListShowsEachAccountWithItsCommunityAndCheckpoints() {
    JsonArray staff = server.get("/api/v1/admin/staff", admin).array();

    JsonObject community = find(staff, "community");
    assertEquals("COMMUNITY_STAFF", community.getString("role"));
    assertEquals(DemoData.DemoRegion.BEIJING.community(), community.getJsonObject("community").getString("code"));
    JsonObject officer = find(staff, "officer");
    assertEquals(new JsonArray().add(DemoData.DemoRegion.BEIJING.checkpointId()), officer.getJsonArray("checkpoints"));
    assertNull(find(staff, "admin").getValue("community"));
    assertFalse(staff.encode().contains("password"), "no hash is ever listed");
  }

  @Test
  void anAdminGivesAStaffMemberANewPasswordAndTheOldOneAndItsSessionsEnd() {
    JsonObject created = server.post("/api/v1/admin/staff", admin, new JsonObject().put("username", "forgetful")
      .put("displayName", "健忘的民警").put("role", "OFFICER").put("password", "Old-password-1").put("reason", "test")).json();
    String refresh = server.login("forgetful", "Old-password-1").getString("refreshToken");

    Reply changed = server.put("/api/v1/admin/staff/" + created.getString("accountId") + "/password", admin,
      new JsonObject().put("password", "New-password-2").put("reason", "忘记密码，本人到场核实"));

    assertEquals(200, changed.status(), changed.toString());
    assertEquals("forgetful", changed.json().getString("username"));
    assertEquals(200, server.post("/api/v1/auth/login", null, new JsonObject().put("login", "forgetful")
      .put("password", "New-password-2")).status());
    assertEquals(401, server.post("/api/v1/auth/login", null, new JsonObject().put("login", "forgetful")
      .put("password", "Old-password-1")).status());
    assertEquals(401, server.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refresh)).status(),
      "the sessions of the old password end");
    Reply audit = server.get("/api/v1/admin/audit?q=password_set", admin);
    assertTrue(audit.json().encode().contains("忘记密码，本人到场核实"), audit.toString());
  }

  @Test
  void aPasswordForAnAccountThatIsNoStaffIsRefused() {
    String resident = server.registerResident().accountId();

    Reply reply = server.put("/api/v1/admin/staff/" + resident + "/password", admin,
      new JsonObject().put("password", "New-password-2").put("reason", "test"));

    assertEquals(404, reply.status(), reply.toString());
    assertEquals("STAFF_ACCOUNT_NOT_FOUND", reply.code());
  }

  @Test
  void theEnterprisesAreListedWithTheCorridorsTheyWereAdmittedTo() {
    JsonArray enterprises = server.get("/api/v1/admin/enterprises", admin).array();

    JsonObject demo = enterprises.stream().map(JsonObject.class::cast)
      .filter(e -> DemoData.DemoRegion.BEIJING.enterpriseCode().equals(e.getString("creditCode"))).findFirst().orElseThrow();
    assertEquals(new JsonArray().add(DemoData.CORRIDOR), demo.getJsonArray("corridors"));
  }

  @Test
  void thePersonViewListsThePassesWithoutTokensAndARevokedPassSaysWhenAndWhy() {
    String commuter = server.server.services().accounts().findResident(null, DemoData.DemoRegion.BEIJING.commuterPhone())
      .await().toString();
    JsonObject before = server.get("/api/v1/admin/persons/" + commuter + "/passes", admin).json();
    JsonObject pass = before.getJsonArray("passes").getJsonObject(0);
    assertFalse(pass.containsKey("token") || pass.containsKey("qrText"), "only the holder shows the pass");

    server.post("/api/v1/admin/passes/" + pass.getString("id") + "/revocation", admin,
      new JsonObject().put("reason", "单位停工"));
    JsonObject after = server.get("/api/v1/admin/persons/" + commuter + "/passes", admin).json();

    assertEquals("REVOKED", after.getJsonArray("passes").getJsonObject(0).getString("state"));
    JsonObject applied = after.getJsonArray("applications").getJsonObject(0).getJsonObject("pass");
    assertEquals("REVOKED", applied.getString("state"));
    assertEquals("REVOKED_BY_REVIEWER", applied.getString("revokedCause"));
    assertEquals("单位停工", applied.getString("revokedReason"));
    assertTrue(applied.containsKey("revokedAt"), applied.encode());
    assertEquals(404, server.get("/api/v1/admin/persons/" + java.util.UUID.randomUUID() + "/passes", admin).status());
  }

  @Test
  void thePersonViewSpeaksAboutTheResidentNotToThem() {
    String red = server.server.services().accounts().findResident(null, "13800000004").await().toString();

    JsonObject person = server.get("/api/v1/admin/persons/" + red, admin).json();

    String summary = person.getJsonObject("colour").getString("summary");
    assertTrue(summary.startsWith("该居民的健康码为红码"), summary);
    assertFalse(person.encode().contains("您"), person.encode());
  }

  @Test
  void theCountyBoundariesNameEveryCountyOfTheRegion() {
    Reply map = server.get("/api/v1/counties/map", null);

    assertEquals(200, map.status(), map.toString());
    JsonArray features = map.json().getJsonArray("features");
    JsonArray counties = server.get("/api/v1/counties", null).array();
    for (Object county : counties) {
      String name = ((JsonObject) county).getString("name");
      assertTrue(features.stream().anyMatch(f -> name.equals(((JsonObject) f).getJsonObject("properties").getString("name"))),
        name + " has a boundary");
    }
  }

  @Test
  void aContractRefusalSaysWhatIsWrongInThePersonsLanguageWithoutSchemaText() {
    JsonObject tooShort = new JsonObject().put("username", "shortpw").put("displayName", "某人").put("role", "OFFICER")
      .put("password", "short");

    Reply zh = server.post("/api/v1/admin/staff", admin, tooShort);
    Reply en = server.call(io.vertx.core.http.HttpMethod.POST, "/api/v1/admin/staff", admin, tooShort.encode(),
      io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en"));

    assertEquals(400, zh.status(), zh.toString());
    assertEquals("password", zh.field());
    assertEquals("至少 10 个字符", zh.json().getString("message"), zh.toString());
    assertEquals("must be at least 10 characters", en.json().getString("message"));
    JsonObject violation = zh.json().getJsonObject("details").getJsonArray("violations").stream().map(JsonObject.class::cast)
      .filter(v -> "minLength".equals(v.getString("keyword"))).findFirst().orElseThrow();
    assertEquals(10, violation.getInteger("limit"));
    assertEquals("至少 10 个字符", violation.getString("message"));
  }

  @Test
  void aMissingFieldIsNamedAndSaidToBeRequired() {
    Reply reply = server.post("/api/v1/admin/communities", admin, new JsonObject().put("code", "110101001002"));

    assertEquals(400, reply.status(), reply.toString());
    assertEquals("name", reply.field());
    assertEquals("必须填写", reply.json().getString("message"));
  }

  private static JsonObject find(JsonArray staff, String username) {
    return staff.stream().map(JsonObject.class::cast).filter(s -> username.equals(s.getString("username"))).findFirst()
      .orElseThrow(() -> new AssertionError(username + " not in " + staff.encode()));
  }

}
