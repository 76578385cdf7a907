package io.tongxing.server.pass;

import io.tongxing.server.pass.PassWorld.Login;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.token.MaskedName;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, item 1: nobody learns who is registered from an endpoint that takes an ID number,
 * unless they already have the right to know. An enterprise's listing of an employee is answered the
 * same whether or not a resident matches, links to a resident only when name and number both match,
 * and yields documents with nothing the enterprise did not give; the resident sees the listing and
 * can refuse it. Lookups are limited per enterprise and audited; community staff see their own
 * community unless they give a reason; a permit, a registration and a partner's notice answer the
 * same for nobody as for somebody they may not see.
 */
@ExtendWith(VertxExtension.class)
class NoOracleTest {

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
  void listingAnEmployeeAnswersTheSameWhetherOrNotAResidentMatches() {
    Login enterprise = world.enterprise();
    Resident registered = world.resident();
    Resident another = world.resident();

    JsonObject matching = listed(enterprise, registered.name(), registered.idNumber());
    JsonObject wrongName = listed(enterprise, "王小明", another.idNumber());
    JsonObject nobody = listed(enterprise, "王小明", Fixtures.idNumber());

    for (JsonObject employee : List.of(matching, wrongName, nobody)) {
      assertEquals(List.of("addedAt", "homeRegion", "id", "kind", "maskedIdNumber", "name", "state"),
        employee.fieldNames().stream().sorted().toList(), employee.encode());
      assertEquals("RESIDENT", employee.getString("kind"), "the kind the enterprise stated, not what matched");
      assertEquals("ACTIVE", employee.getString("state"));
    }
    assertEquals("王小明", nobody.getString("name"), "the name as the enterprise gave it");
  }

  @Test
  void aWorkLetterCarriesOnlyTheNameAndNumberTheEnterpriseGave() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    // The enterprise knows the ID number and makes up a name; before issue 14 the letter stated the registered one.
    String madeUp = listed(enterprise, "王小明", resident.idNumber()).getString("id");
    String linked = world.employee(enterprise, world.resident());

    JsonObject letter = world.document(enterprise, "WORK_LETTER", madeUp);
    JsonObject linkedLetter = world.document(enterprise, "WORK_LETTER", linked);

    assertTrue(letter.getString("statement").contains("王小明"), letter.getString("statement"));
    assertFalse(letter.getString("statement").contains(resident.name()), "never the registered name");
    JsonObject claims = claims(letter.getString("document"));
    assertEquals(MaskedName.of("王小明"), claims.getString("n"));
    assertEquals(resident.idNumber().substring(14), claims.getString("d"), "the last four of the number the enterprise gave");
    assertFalse(claims.containsKey("sub"), "no pseudonym: it would say the person is registered");
    assertEquals(claims.fieldNames(), claims(linkedLetter.getString("document")).fieldNames(),
      "a letter for a linked employee has the same claims: nothing tells the two apart");
  }

  @Test
  void onlyNameAndNumberTogetherLinkAListingAndTheEnterpriseHearsOneAnswerForEveryOtherCase() {
    Login enterprise = world.enterprise();
    String corridor = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 30);
    world.admit(corridor, enterprise);
    Resident resident = world.resident();
    String wrongName = listed(enterprise, "王小明", resident.idNumber()).getString("id");
    String unregistered = listed(enterprise, resident.name(), Fixtures.idNumber()).getString("id");
    Login other = world.enterprise();
    String spacedName = listed(other, " " + resident.name().charAt(0) + "\u3000" + resident.name().substring(1), resident.idNumber())
      .getString("id");

    Reply notLinked = world.apply(enterprise, wrongName, corridor, null);
    Reply notRegistered = world.apply(enterprise, unregistered, corridor, null);

    assertEquals(409, notLinked.status(), notLinked.toString());
    assertEquals("EMPLOYEE_NOT_CONFIRMED", notLinked.code());
    assertEquals(notLinked.json(), notRegistered.json(), "the same answer, word for word");
    JsonObject mine = server.get("/api/v1/me/employers", world.token(resident)).json();
    assertEquals(List.of(spacedName), mine.getJsonArray("employers").stream()
      .map(e -> ((JsonObject) e).getString("listingId")).toList(), "spaces do not make another name; a wrong name does");
  }

  @Test
  void aListingMadeBeforeThePersonRegistersLinksWhenTheyDo() {
    Login enterprise = world.enterprise();
    String idNumber = Fixtures.idNumber();
    String listing = listed(enterprise, "赵磊", idNumber).getString("id");

    Resident registered = register("赵磊", idNumber);

    JsonObject employer = server.get("/api/v1/me/employers", world.token(registered)).json().getJsonArray("employers")
      .getJsonObject(0);
    assertEquals(listing, employer.getString("listingId"));
    assertEquals(enterprise.login(), employer.getJsonObject("enterprise").getString("creditCode"));
  }

  @Test
  void theResidentRefusesAnEnterpriseItsPassEndsNoListingLinksAgainUntilTheyTakeItBack() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String corridor = world.corridor("WORK_COMMUTE", List.of("110115", "131022"), 30);
    world.admit(corridor, enterprise);
    String employee = world.employee(enterprise, resident);
    world.document(enterprise, "WORK_LETTER", employee);
    Reply applied = world.apply(enterprise, employee, corridor, null);
    PassWorld.expect(201, applied);
    String pass = world.approve(applied.json().getString("id")).json().getJsonObject("pass").getString("id");
    String token = world.token(resident);

    Reply refused = server.post("/api/v1/me/employers/" + employee + "/refusal", token, new JsonObject().put("reason", "我不在该单位工作"));

    assertEquals(201, refused.status(), refused.toString());
    assertEquals(enterprise.login(), refused.json().getJsonObject("enterprise").getString("creditCode"));
    JsonObject shown = world.pass(resident, pass);
    assertEquals("REVOKED", shown.getString("state"));
    assertEquals("EMPLOYER_LINK_ENDED", shown.getJsonArray("events").getJsonObject(shown.getJsonArray("events").size() - 1)
      .getString("cause"));
    JsonObject mine = server.get("/api/v1/me/employers", token).json();
    assertTrue(mine.getJsonArray("employers").isEmpty());
    assertEquals(1, mine.getJsonArray("refused").size());
    assertEquals("EMPLOYEE_NOT_CONFIRMED", world.apply(enterprise, employee, corridor, null).code(), "as if it never matched");
    PassWorld.expect(200, server.call(HttpMethod.PUT, "/api/v1/enterprise/employees/" + employee, world.token(enterprise),
      new JsonObject().put("name", resident.name().charAt(0) + " " + resident.name().substring(1)).encode()));
    assertTrue(server.get("/api/v1/me/employers", token).json().getJsonArray("employers").isEmpty(),
      "a listing renamed to a spelling of the same name does not link again either");
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'employee.link_refused' and actor_id = ?::uuid",
      resident.accountId()));

    Reply withdrawn = server.call(HttpMethod.DELETE, "/api/v1/me/employer-refusals/" + enterprise.accountId(), token, null);

    assertEquals(204, withdrawn.status(), withdrawn.toString());
    assertEquals(employee, server.get("/api/v1/me/employers", token).json().getJsonArray("employers").getJsonObject(0)
      .getString("listingId"));
    assertEquals(201, world.apply(enterprise, employee, corridor, null).status());
    assertEquals("LISTING_NOT_FOUND", server.post("/api/v1/me/employers/" + world.employee(world.enterprise(), world.resident())
      + "/refusal", token, new JsonObject()).code(), "nobody refuses another's listing");
  }

  @Test
  void lookupsAreLimitedPerEnterpriseAndEveryOneIsAudited(Vertx vertx) {
    TestServer limited = TestServer.start(vertx, new JsonObject().put("lookups", new JsonObject().put("enterprisePerDay", 3)),
      List.of());
    try {
      PassWorld there = new PassWorld(limited);
      Login enterprise = there.enterprise();
      String token = there.token(enterprise);
      for (int i = 0; i < 2; i++) {
        PassWorld.expect(201, limited.post("/api/v1/enterprise/employees", token, new JsonObject().put("name", "员工" + i)
          .put("idNumber", Fixtures.idNumber())));
      }
      String job = limited.post("/api/v1/enterprise/employee-imports", token, new JsonObject()).json().getString("id");
      Reply tooMany = limited.call(HttpMethod.PUT, "/api/v1/enterprise/employee-imports/" + job + "/file", token,
        Buffer.buffer("name,idNumber,homeRegion\n甲," + Fixtures.idNumber() + ",\n乙," + Fixtures.idNumber() + ",\n",
          StandardCharsets.UTF_8.name()), MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/csv"));

      assertEquals(429, tooMany.status(), tooMany.toString());
      assertEquals("LOOKUPS_EXCEEDED", tooMany.code());
      assertNotNull(tooMany.headers().get("Retry-After"));
      Reply third = limited.post("/api/v1/enterprise/employees", token, new JsonObject().put("name", "员工2")
        .put("idNumber", Fixtures.idNumber()));
      assertEquals(201, third.status(), "the refused file spent nothing: " + third);
      assertEquals("LOOKUPS_EXCEEDED", limited.post("/api/v1/enterprise/employees", token, new JsonObject().put("name", "员工3")
        .put("idNumber", Fixtures.idNumber())).code());
      assertEquals(201, limited.post("/api/v1/enterprise/employees", there.token(there.enterprise()), new JsonObject()
        .put("name", "员工").put("idNumber", Fixtures.idNumber())).status(), "another enterprise has its own budget");
      assertEquals(3, TestDatabase.count("select count(*) from audit_log where action = 'employee.added' and actor_id = ?::uuid",
        enterprise.accountId().toString()));
    } finally {
      limited.stop();
    }
  }

  @Test
  void anImportAddsEveryRowWhetherOrNotAResidentMatchesAndAuditsItsLookups() {
    Login enterprise = world.enterprise();
    Resident resident = world.resident();
    String token = world.token(enterprise);
    String job = server.post("/api/v1/enterprise/employee-imports", token, new JsonObject()).json().getString("id");

    Reply imported = server.call(HttpMethod.PUT, "/api/v1/enterprise/employee-imports/" + job + "/file", token,
      Buffer.buffer("name,idNumber,homeRegion\n" + resident.name() + "," + resident.idNumber() + ",\n王小明," + Fixtures.idNumber()
        + ",\n"), MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/csv"));

    assertEquals(200, imported.status(), imported.toString());
    assertEquals(2, imported.json().getInteger("added"));
    assertEquals(1, server.get("/api/v1/me/employers", world.token(resident)).json().getJsonArray("employers").size());
    assertEquals(2, TestDatabase.count("select (details->>'lookups')::int from audit_log where action = 'employees.looked_up' "
      + "and details->>'importId' = ?", job));
  }

  @Test
  void communityStaffFindTheirOwnResidentsAndOthersOnlyWithAnAuditedReason() {
    PassWorld.Staff staff = world.communityWithStaff();
    String token = world.token(staff.login());
    Resident ours = world.resident();
    PassWorld.expect(200, server.put("/api/v1/me/community", world.token(ours), new JsonObject().put("communityCode", staff.community())));
    Resident elsewhere = world.resident();

    Reply found = server.post("/api/v1/admin/persons/search", token, new JsonObject().put("idNumber", ours.idNumber()));
    Reply hidden = server.post("/api/v1/admin/persons/search", token, new JsonObject().put("idNumber", elsewhere.idNumber()));
    Reply nobody = server.post("/api/v1/admin/persons/search", token, new JsonObject().put("idNumber", Fixtures.idNumber()));
    Reply withReason = server.post("/api/v1/admin/persons/search", token, new JsonObject().put("idNumber", elsewhere.idNumber())
      .put("reason", "协查：密接人员排查"));

    assertEquals(200, found.status(), found.toString());
    assertEquals(404, hidden.status(), hidden.toString());
    assertEquals(nobody.json(), hidden.json(), "another community's resident looks like nobody");
    assertEquals(200, withReason.status(), withReason.toString());
    assertEquals(404, server.get("/api/v1/admin/persons/" + elsewhere.accountId(), token).status());
    assertEquals(200, server.get("/api/v1/admin/persons/" + elsewhere.accountId() + "?reason=%E5%8D%8F%E6%9F%A5", token).status());
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'person.looked_up' and actor_id = ?::uuid "
      + "and subject_id = ? and reason = '协查：密接人员排查'", staff.login().accountId().toString(), elsewhere.accountId()));
    assertEquals(6, TestDatabase.count("select count(*) from audit_log where action = 'person.looked_up' and actor_id = ?::uuid",
      staff.login().accountId().toString()), "every lookup, found or not");
  }

  @Test
  void aPermitByIdNumberAnswersTheSameForNobodyAsForAnotherCommunitysResident() {
    PassWorld.Staff staff = world.communityWithStaff();
    String token = world.token(staff.login());
    Resident elsewhere = world.resident();

    Reply other = server.post("/api/v1/community/permits", token, new JsonObject().put("idNumber", elsewhere.idNumber()));
    Reply nobody = server.post("/api/v1/community/permits", token, new JsonObject().put("idNumber", Fixtures.idNumber()));

    assertEquals(409, other.status(), other.toString());
    assertEquals("RESIDENT_NOT_IN_COMMUNITY", other.code());
    assertEquals(other.json(), nobody.json());
    assertEquals(2, TestDatabase.count("select count(*) from audit_log where action = 'community.permit_lookup_unmatched' "
      + "and actor_id = ?::uuid", staff.login().accountId().toString()));
  }

  @Test
  void registeringAnIdNumberThatIsTakenSpendsTheOneTimeCode() {
    Resident owner = world.resident();
    String phone = Fixtures.phone();
    server.requestCode(phone, "REGISTER");
    String code = server.codes.lastCodeFor(phone);

    Reply taken = server.post("/api/v1/residents", null, registration("李娜", owner.idNumber(), phone, code));
    Reply again = server.post("/api/v1/residents", null, registration("李娜", Fixtures.idNumber(), phone, code));

    assertEquals("ID_NUMBER_TAKEN", taken.code(), taken.toString());
    assertEquals("CODE_INVALID", again.code(), "one answer per code: no asking in a loop");
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'account.registration_refused' "
      + "and subject_id = ?", owner.accountId()));
  }

  // ---- helpers ----

  private static JsonObject listed(Login enterprise, String name, String idNumber) {
    Reply reply = server.post("/api/v1/enterprise/employees", world.token(enterprise), new JsonObject().put("name", name)
      .put("idNumber", idNumber));
    PassWorld.expect(201, reply);
    return reply.json();
  }

  private static Resident register(String name, String idNumber) {
    String phone = Fixtures.phone();
    server.requestCode(phone, "REGISTER");
    Reply reply = server.post("/api/v1/residents", null, registration(name, idNumber, phone, server.codes.lastCodeFor(phone)));
    PassWorld.expect(201, reply);
    return new Resident(reply.json().getString("accountId"), name, idNumber, phone, "Resident-pass-" + phone);
  }

  private static JsonObject registration(String name, String idNumber, String phone, String code) {
    return new JsonObject().put("name", name).put("idNumber", idNumber).put("phone", phone).put("password", "Resident-pass-" + phone)
      .put("code", code);
  }

  private static JsonObject claims(String jws) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8));
  }
}
