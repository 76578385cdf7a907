package io.tongxing.server.colour;

import io.tongxing.server.http.Role;
import io.tongxing.server.rules.RuleSet;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What admins do: county risk levels, person flags, rules; all of it audited. */
@ExtendWith(VertxExtension.class)
class AdminTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
  private static TestServer server;
  private static String admin;
  private static String staff;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.staffToken(Role.ADMIN);
    staff = server.staffToken(Role.COMMUNITY_STAFF);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aCountyTurningHighRiskTurnsItsRecentVisitorsRed() {
    String county = randomCounty();
    Resident visitor = server.registerResident();
    String token = server.accessToken(visitor);
    server.post("/api/v1/me/check-ins", token, new JsonObject().put("temperature", 36.5)
      .put("symptoms", new JsonArray().add("NONE"))
      .put("visits", new JsonArray().add(new JsonObject().put("countyCode", county).put("date", TODAY.minusDays(3).toString()))));

    Reply set = server.put("/api/v1/admin/counties/" + county + "/risk-level", admin,
      new JsonObject().put("level", "HIGH").put("reason", "cluster of 12 cases"));

    assertEquals(200, set.status(), set.toString());
    assertEquals(1, set.json().getInteger("coloursChanged"));
    JsonObject colour = server.get("/api/v1/me/colour", token).json();
    assertEquals("RED", colour.getString("colour"));
    assertEquals("high-risk-travel", colour.getString("ruleId"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'county.risk_level_set' and subject_id = ? "
      + "and reason = 'cluster of 12 cases' and actor_role = 'ADMIN'", county));
  }

  @Test
  void flaggingAPersonFoundByIdNumberTurnsTheCodeRedWithAnAuditRow() {
    Resident resident = server.registerResident();
    Reply found = server.post("/api/v1/admin/persons/search", staff, new JsonObject().put("idNumber", resident.idNumber())
      .put("reason", "流调：密接排查"));
    assertEquals(200, found.status(), found.toString());
    String personId = found.json().getString("personId");
    assertEquals(resident.accountId(), personId);

    Reply flagged = server.post("/api/v1/admin/persons/" + personId + "/flags", admin,
      new JsonObject().put("flag", "CLOSE_CONTACT").put("reason", "same train car as case 2026-031")
        .put("effectiveAt", "2026-03-14T08:00:00+08:00"));

    assertEquals(201, flagged.status(), flagged.toString());
    assertEquals("RED", flagged.json().getString("colour"));
    assertEquals("close-contact", flagged.json().getString("ruleId"));
    JsonObject person = server.get("/api/v1/admin/persons/" + personId + "?reason=%E6%B5%81%E8%B0%83", staff).json();
    assertEquals("CLOSE_CONTACT", person.getJsonArray("flags").getJsonObject(0).getString("flag"));
    assertEquals("RED", person.getJsonObject("colour").getString("colour"));
    assertTrue(person.getString("maskedIdNumber").contains("****"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'person.flag_set' and subject_id = ? "
      + "and reason = 'same train car as case 2026-031'", personId));
  }

  @Test
  void releasingAConfirmedCaseStartsYellowHomeObservation() {
    Resident resident = server.registerResident();
    flag(resident, "CONFIRMED", "2026-03-01T08:00:00+08:00");

    Reply released = flag(resident, "RELEASED", "2026-03-15T09:00:00+08:00");

    assertEquals("YELLOW", released.json().getString("colour"));
    assertEquals("released-home-observation", released.json().getString("ruleId"));
  }

  static Stream<Arguments> badAdminRequests() {
    return Stream.of(
      Arguments.of("unknown flag", "flags", new JsonObject().put("flag", "RECOVERED").put("reason", "x"), "flag"),
      Arguments.of("flag without reason", "flags", new JsonObject().put("flag", "CONFIRMED"), "reason"),
      Arguments.of("flag with blank reason", "flags", new JsonObject().put("flag", "CONFIRMED").put("reason", " "), "reason"),
      Arguments.of("flag in the future", "flags", new JsonObject().put("flag", "CONFIRMED").put("reason", "x")
        .put("effectiveAt", "2026-04-01T00:00:00+08:00"), "effectiveAt"),
      Arguments.of("flag at an impossible time", "flags", new JsonObject().put("flag", "CONFIRMED").put("reason", "x")
        .put("effectiveAt", "2026-02-30T00:00:00+08:00"), "effectiveAt"),
      Arguments.of("unknown risk level", "risk", new JsonObject().put("level", "SEVERE").put("reason", "x"), "level"),
      Arguments.of("risk level without reason", "risk", new JsonObject().put("level", "HIGH"), "reason"),
      Arguments.of("risk level with an unknown field", "risk", new JsonObject().put("level", "HIGH").put("reason", "x")
        .put("cases", 51), "cases"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAdminRequests")
  void badAdminRequestsAreRefusedAndChangeNothing(String name, String kind, JsonObject body, String field) {
    Resident resident = server.registerResident();
    Map<String, String> before = TestDatabase.snapshot();
    String path = kind.equals("flags") ? "/api/v1/admin/persons/" + resident.accountId() + "/flags"
      : "/api/v1/admin/counties/" + randomCounty() + "/risk-level";

    Reply reply = kind.equals("flags") ? server.post(path, admin, body) : server.put(path, admin, body);

    assertEquals(400, reply.status(), reply.toString());
    assertEquals(field, reply.field(), reply.toString());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void aCountyCodeInThePathIsChecked() {
    Map<String, String> before = TestDatabase.snapshot();

    Reply notACounty = server.put("/api/v1/admin/counties/110100/risk-level", admin,
      new JsonObject().put("level", "HIGH").put("reason", "x"));
    Reply notDigits = server.put("/api/v1/admin/counties/11010x/risk-level", admin,
      new JsonObject().put("level", "HIGH").put("reason", "x"));

    assertEquals(400, notACounty.status());
    assertEquals("code", notACounty.field());
    assertEquals(400, notDigits.status());
    assertEquals("code", notDigits.field(), notDigits.toString());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void anUnknownPersonIs404() {
    Reply reply = server.get("/api/v1/admin/persons/" + java.util.UUID.randomUUID(), admin);

    assertEquals(404, reply.status());
    assertEquals("PERSON_NOT_FOUND", reply.code());
  }

  @Test
  void addingACountyTwiceIsAConflict() {
    String county = randomCounty();
    JsonObject body = new JsonObject().put("code", county).put("name", "测试县");
    assertEquals(201, server.post("/api/v1/admin/counties", admin, body).status());

    Reply again = server.post("/api/v1/admin/counties", admin, body);

    assertEquals(409, again.status());
    assertEquals("COUNTY_EXISTS", again.code());
    assertTrue(server.get("/api/v1/counties", null).array().stream()
      .anyMatch(c -> ((JsonObject) c).getString("code").equals(county)));
  }

  @Test
  void publishingNewRuleParametersCreatesAVersionAndRecordsIt() {
    JsonObject current = server.get("/api/v1/admin/rules", admin).json();
    int version = current.getInteger("version");
    JsonObject definition = RuleSet.defaultDefinition();
    definition.getJsonObject("normalCheckIn").put("feverThresholdCelsius", 37.5);

    Reply published = server.put("/api/v1/admin/rules", admin, new JsonObject()
      .put("reason", "fever threshold per provincial notice").put("definition", definition));

    assertEquals(201, published.status(), published.toString());
    assertEquals(version + 1, published.json().getInteger("version"));
    assertEquals(version + 1, server.get("/api/v1/admin/rules", admin).json().getInteger("version"));
    Resident resident = server.registerResident();
    JsonObject checkIn = server.post("/api/v1/me/check-ins", server.accessToken(resident), new JsonObject()
      .put("temperature", 37.4).put("symptoms", new JsonArray().add("NONE"))).json();
    assertEquals("GREEN", checkIn.getString("colour"), "37.4 °C is normal under the new threshold");
    assertEquals(version + 1, checkIn.getInteger("ruleVersion"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'rules.published' and subject_id = ?",
      String.valueOf(version + 1)));

    // Back to the defaults, so other tests see them.
    assertEquals(201, server.put("/api/v1/admin/rules", admin, new JsonObject().put("reason", "back to defaults")
      .put("definition", RuleSet.defaultDefinition())).status());
  }

  @Test
  void incompleteRuleSetsAreRefused() {
    JsonObject definition = RuleSet.defaultDefinition();
    definition.getJsonObject("rules").remove("close-contact");
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.put("/api/v1/admin/rules", admin, new JsonObject().put("reason", "x").put("definition", definition));

    assertEquals(400, reply.status());
    assertEquals("definition.rules.close-contact", reply.field(), reply.toString());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void ruleParametersAreBounded() {
    JsonObject definition = RuleSet.defaultDefinition();
    definition.getJsonObject("rules").getJsonObject("close-contact").put("recoveryDays", 0);

    Reply reply = server.put("/api/v1/admin/rules", admin, new JsonObject().put("reason", "x").put("definition", definition));

    assertEquals(400, reply.status());
    assertEquals("definition.rules.close-contact.recoveryDays", reply.field(), reply.toString());
  }

  @Test
  void theAuditLogIsReadableAndAppendOnly() throws SQLException {
    flag(server.registerResident(), "SUSPECTED", "2026-03-15T08:00:00+08:00");
    JsonArray entries = server.get("/api/v1/admin/audit?limit=5", admin).json().getJsonArray("entries");
    assertEquals(5, entries.size());
    long id = entries.getJsonObject(0).getLong("id");

    try (Connection c = TestDatabase.jdbc(); Statement statement = c.createStatement()) {
      SQLException update = assertThrows(SQLException.class,
        () -> statement.executeUpdate("update audit_log set reason = 'nothing happened' where id = " + id));
      assertTrue(update.getMessage().contains("append-only"), update.getMessage());
      assertThrows(SQLException.class, () -> statement.executeUpdate("delete from audit_log where id = " + id));
      assertThrows(SQLException.class, () -> statement.executeUpdate("truncate audit_log"));
    }
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where id = ?", id));
  }

  @Test
  void auditPagingParametersAreValidated() {
    Reply reply = server.get("/api/v1/admin/audit?limit=1000", admin);

    assertEquals(400, reply.status());
    assertEquals("limit", reply.field(), reply.toString());
  }

  @Test
  void aRiskLevelSetForLaterTakesEffectWithTheSweep() {
    String county = randomCounty();
    Resident visitor = server.registerResident();
    server.post("/api/v1/me/check-ins", server.accessToken(visitor), new JsonObject().put("temperature", 36.5)
      .put("symptoms", new JsonArray().add("NONE"))
      .put("visits", new JsonArray().add(new JsonObject().put("countyCode", county).put("date", TODAY.minusDays(1).toString()))));
    String later = server.clock.instant().plusSeconds(3600).toString();

    Reply set = server.put("/api/v1/admin/counties/" + county + "/risk-level", admin,
      new JsonObject().put("level", "HIGH").put("reason", "from the next hour").put("effectiveFrom", later));
    assertEquals(0, set.json().getInteger("coloursChanged"), "not in force yet");

    server.clock.advance(java.time.Duration.ofHours(2));
    try {
      server.server.services().sweep().run().await();
    } finally {
      server.clock.advance(java.time.Duration.ofHours(-2));
    }
    assertEquals("RED", TestDatabase.query("select colour from colour_states where account_id = ?::uuid",
      visitor.accountId()).get(0).get("colour"));
  }

  static Stream<Arguments> badAccountRequests() {
    return Stream.of(
      Arguments.of("staff with a resident role", "/api/v1/admin/staff", new JsonObject().put("username", "newstaff")
        .put("displayName", "x").put("role", "RESIDENT").put("password", "Staff-pass-123"), "role"),
      Arguments.of("staff with an upper-case user name", "/api/v1/admin/staff", new JsonObject().put("username", "NewStaff")
        .put("displayName", "x").put("role", "OFFICER").put("password", "Staff-pass-123"), "username"),
      Arguments.of("staff with a short password", "/api/v1/admin/staff", new JsonObject().put("username", "newstaff")
        .put("displayName", "x").put("role", "OFFICER").put("password", "short"), "password"),
      Arguments.of("search by both ID and phone", "/api/v1/admin/persons/search", new JsonObject()
        .put("idNumber", "11010519491231002X").put("phone", "13812345678"), "body"),
      Arguments.of("search by a bad ID check digit", "/api/v1/admin/persons/search", new JsonObject()
        .put("idNumber", "110105194912310021"), "idNumber"),
      Arguments.of("one-time code for a landline", "/api/v1/auth/one-time-codes", new JsonObject()
        .put("phone", "01012345678").put("purpose", "REGISTER"), "phone"),
      Arguments.of("one-time code for an unknown purpose", "/api/v1/auth/one-time-codes", new JsonObject()
        .put("phone", "13812345678").put("purpose", "LOGIN"), "purpose"),
      Arguments.of("a county with a city code", "/api/v1/admin/counties", new JsonObject()
        .put("code", "110100").put("name", "x"), "code"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAccountRequests")
  void badAccountAndSearchRequestsAreRefusedAndChangeNothing(String name, String path, JsonObject body, String field) {
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.post(path, admin, body);

    assertEquals(400, reply.status(), reply.toString());
    assertEquals(field, reply.field(), reply.toString());
    assertEquals(before, TestDatabase.snapshot());
  }

  private static Reply flag(Resident resident, String flag, String at) {
    Reply reply = server.post("/api/v1/admin/persons/" + resident.accountId() + "/flags", admin,
      new JsonObject().put("flag", flag).put("reason", "test").put("effectiveAt", at));
    assertEquals(201, reply.status(), reply.toString());
    return reply;
  }

  private static String randomCounty() {
    List<String> provinces = List.of("32", "33", "34", "35", "36", "37", "41", "42", "43", "44");
    SecureRandom random = new SecureRandom();
    return provinces.get(random.nextInt(provinces.size())) + String.format("%02d", 1 + random.nextInt(99))
      + String.format("%02d", 1 + random.nextInt(99));
  }

}
