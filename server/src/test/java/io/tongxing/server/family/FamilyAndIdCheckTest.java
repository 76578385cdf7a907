package io.tongxing.server.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.verify.OfficerHint;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Family members and the checkpoint's ID-number check on a real server: consent by a code to the
 * member's own phone, with no oracle of who is registered; the guardian's check-in, code and passes;
 * the member seeing and ending the link; each refusal (no consent, too many, unknown person, rate
 * limits, bad numbers) with its error in both languages and nothing changed; and ID checks answered
 * with a signed code the device verifies as it verifies a scan.
 */
@ExtendWith(VertxExtension.class)
class FamilyAndIdCheckTest {

  private static final int ID_CHECKS_PER_HOUR = 4;

  private static TestServer server;
  private static String admin;
  private static String staff;
  private static TestDevice device;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, new JsonObject().put("idChecks", new JsonObject().put("perDevicePerHour", ID_CHECKS_PER_HOUR)),
      List.of());
    admin = server.staffToken(Role.ADMIN);
    staff = PaperCardEndToEndTest.deskStaff(server, admin);
    device = TestDevice.enrolled(server, admin);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aMemberConsentsByTheCodeOnTheirOwnPhoneAndTheRequestTellsTheGuardianNothingElse() {
    Resident member = server.registerResident();
    Resident guardian = server.registerResident();
    String token = server.accessToken(guardian);

    // When the guardian asks for a registered person (right name), a registered person (wrong name) and nobody
    Reply right = request(token, "测试居民", member.idNumber(), "PHONE_CODE");
    String codeForMember = server.codes.lastCodeFor(member.phone());
    Resident other = server.registerResident();
    String codeBefore = lastCodeOrNone(other.phone());
    Reply wrongName = request(token, "别人的名字", other.idNumber(), "PHONE_CODE");
    Reply nobody = request(token, "测试居民", Fixtures.idNumber(), "PHONE_CODE");

    // Then all three are answered alike: PENDING, with only what the guardian typed, and no colour.
    for (Reply reply : List.of(right, wrongName, nobody)) {
      assertEquals(202, reply.status(), reply.toString());
      assertEquals("PENDING", reply.json().getString("state"));
      assertEquals(null, reply.json().getValue("colour"));
      assertEquals(Set.of("id", "name", "maskedIdNumber", "relation", "state", "consent", "requestedAt", "consentedAt", "endedAt",
        "colour", "paperCard"), reply.json().fieldNames());
    }
    assertEquals(codeBefore, lastCodeOrNone(other.phone()), "no code goes to a resident whose name was not given");

    // And a code for nobody fails exactly as a wrong code does.
    Reply noCode = server.post("/api/v1/me/dependants/" + nobody.json().getString("id") + "/consent", token,
      new JsonObject().put("code", "123456"));
    Reply wrongCode = server.post("/api/v1/me/dependants/" + right.json().getString("id") + "/consent", token,
      new JsonObject().put("code", codeForMember.equals("000000") ? "000001" : "000000"));
    assertEquals(400, noCode.status());
    assertEquals(noCode.status() + noCode.body().toString(), wrongCode.status() + wrongCode.body().toString());

    // When the member reads the right code out, the link is active.
    Reply consented = server.post("/api/v1/me/dependants/" + right.json().getString("id") + "/consent", token,
      new JsonObject().put("code", codeForMember));
    assertEquals(200, consented.status(), consented.toString());
    assertEquals("ACTIVE", consented.json().getString("state"));
    assertEquals("GREEN", consented.json().getString("colour"));
    String id = consented.json().getString("id");

    // The guardian checks in for the member, and shows the member's code, which a checkpoint passes.
    Reply checkIn = server.post("/api/v1/me/dependants/" + id + "/check-ins", token,
      new JsonObject().put("temperature", 36.5).put("symptoms", new io.vertx.core.json.JsonArray().add("NONE")));
    assertEquals(201, checkIn.status(), checkIn.toString());
    assertEquals(1, TestDatabase.count("select count(*) from check_ins where account_id = ?::uuid", member.accountId()));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'dependant.checked-in' and subject_id = ?",
      member.accountId()));
    Reply code = server.get("/api/v1/me/dependants/" + id + "/health-code", token);
    assertEquals(200, code.status(), code.toString());
    device.sync();
    assertEquals(Reason.ACCEPTED, device.verifier().verify(code.json().getString("qrText")).reason());
    assertEquals(200, server.get("/api/v1/me/dependants/" + id + "/passes", token).status());

    // The member sees who looks after them, and ends it; the guardian then sees nothing of the member.
    String memberToken = server.accessToken(member);
    Reply guardians = server.get("/api/v1/me/guardians", memberToken);
    assertEquals(1, guardians.array().size());
    assertEquals("ACTIVE", guardians.array().getJsonObject(0).getString("state"));
    assertEquals("测*民", guardians.array().getJsonObject(0).getString("guardianName"));
    Reply ended = server.post("/api/v1/me/guardians/" + id + "/end", memberToken, new JsonObject().put("reason", "I can manage"));
    assertEquals(200, ended.status(), ended.toString());
    assertEquals("ENDED", ended.json().getString("state"));
    Reply after = server.get("/api/v1/me/dependants/" + id + "/health-code", token);
    assertEquals(404, after.status());
    assertEquals("DEPENDANT_NOT_FOUND", after.code());
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'dependant.ended' and details->>'dependantId' = ?",
      id));
  }

  @Test
  void everyRefusalNamesItsReasonInBothLanguagesAndChangesNothing() {
    Resident guardian = server.registerResident();
    String token = server.accessToken(guardian);
    String pendingNumber = Fixtures.idNumber();
    Reply pending = request(token, "张三", pendingNumber, "DESK");
    String pendingId = pending.json().getString("id");

    // No consent yet: nothing of the member is shown, checked in for or printed.
    refused(404, "DEPENDANT_NOT_FOUND", () -> server.get("/api/v1/me/dependants/" + pendingId + "/health-code", token));
    refused(404, "DEPENDANT_NOT_FOUND", () -> server.post("/api/v1/me/dependants/" + pendingId + "/check-ins", token,
      new JsonObject().put("temperature", 36.5).put("symptoms", new io.vertx.core.json.JsonArray().add("NONE"))));
    refused(404, "DEPENDANT_NOT_FOUND", () -> server.call(HttpMethod.POST, "/api/v1/me/dependants/" + pendingId + "/paper-card",
      token, null));
    refused(409, "DEPENDANT_NOT_AWAITING_CODE", () -> server.post("/api/v1/me/dependants/" + pendingId + "/consent", token,
      new JsonObject().put("code", "123456")));

    // The same person twice; then too many: five open requests and links at most.
    refused(409, "DEPENDANT_EXISTS", () -> request(token, "张三", pendingNumber, "DESK"));
    for (int i = 0; i < 4; i++) {
      assertEquals(202, request(token, "李四", Fixtures.idNumber(), "DESK").status());
    }
    refused(409, "TOO_MANY_DEPENDANTS", () -> request(token, "王五", Fixtures.idNumber(), "DESK"));
    Reply english = server.call(HttpMethod.POST, "/api/v1/me/dependants", token, new JsonObject().put("name", "王五")
      .put("idNumber", Fixtures.idNumber()).put("relation", "PARENT").put("consent", "DESK").encode(),
      MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en"));
    assertEquals("You can look after at most 5 family members (pending requests included).", english.json().getString("message"));

    // Unknown persons: the desk cannot print for, nor link to, a resident who does not exist.
    refused(404, "PERSON_NOT_FOUND", () -> server.call(HttpMethod.POST, "/api/v1/community/residents/"
      + java.util.UUID.randomUUID() + "/paper-card", staff, null));
    refused(404, "GUARDIAN_NOT_FOUND", () -> server.post("/api/v1/community/dependants", staff, new JsonObject()
      .put("guardianIdNumber", Fixtures.idNumber()).put("name", "赵六").put("idNumber", Fixtures.idNumber())
      .put("relation", "PARENT")));
    Resident registered = server.registerResident();
    refused(409, "DEPENDANT_NAME_MISMATCH", () -> server.post("/api/v1/community/dependants", staff, new JsonObject()
      .put("guardianIdNumber", guardian.idNumber()).put("name", "不是这个名字").put("idNumber", registered.idNumber())
      .put("relation", "SIBLING")));

    // Bad input: yourself, a number with a wrong check digit.
    Resident single = server.registerResident();
    String singleToken = server.accessToken(single);
    refused(400, "DEPENDANT_IS_SELF", () -> request(singleToken, "测试居民", single.idNumber(), "DESK"));
    refused(400, "INVALID_ID_NUMBER_CHECK_DIGIT", () -> request(singleToken, "某人", Fixtures.idNumberWithWrongCheckDigit(), "DESK"));
  }

  @Test
  void aGuardianMakesAtMostTenRequestsADay() {
    Resident guardian = server.registerResident();
    String token = server.accessToken(guardian);
    for (int i = 0; i < 10; i++) {
      Reply made = request(token, "李四", Fixtures.idNumber(), "DESK");
      assertEquals(202, made.status(), made.toString());
      assertEquals(200, server.post("/api/v1/me/dependants/" + made.json().getString("id") + "/end", token,
        new JsonObject().put("reason", "typed the wrong number")).status());
    }
    Reply limited = refused(429, "DEPENDANT_REQUESTS_LIMIT", () -> request(token, "李四", Fixtures.idNumber(), "DESK"));
    assertTrue(Long.parseLong(limited.headers().get("Retry-After")) > 0);
  }

  @Test
  void anIdNumberCheckAnswersWithTheSignedCodeTheDeviceVerifiesAndIsLimitedAndAudited() {
    Resident green = server.registerResident();
    Resident red = server.registerResident();
    assertEquals(201, server.post("/api/v1/admin/persons/" + red.accountId() + "/flags", admin, new JsonObject()
      .put("flag", "CONFIRMED").put("reason", "case 2026-051").put("effectiveAt", "2026-03-14T08:00:00+08:00")).status());
    device.sync();
    long checksBefore = TestDatabase.count("select count(*) from id_checks where device_id = ?::uuid", device.deviceId);

    Verdict pass = idCheck(green.idNumber(), "no_phone");
    assertEquals(Reason.ACCEPTED, pass.reason(), pass.toString());
    assertEquals(Verdict.Source.ID_NUMBER, pass.source());
    assertEquals(OfficerHint.COMPARE_ID_PHOTO, pass.hint().orElseThrow());
    assertEquals("测*民", pass.credential().orElseThrow().credential().maskedName());
    Verdict stop = idCheck(red.idNumber(), "phone_unusable");
    assertEquals(Reason.CODE_RED, stop.reason());
    Verdict unknown = idCheck(Fixtures.idNumber(), "code_unreadable");
    assertEquals(Reason.ID_NOT_REGISTERED, unknown.reason());
    assertEquals(Outcome.REVIEW, unknown.outcome());
    // Offline, the device cannot ask: REVIEW, "needs a network".
    assertEquals(Outcome.REVIEW, device.verifier().idCheckUnanswered(Reason.ID_CHECK_NEEDS_NETWORK).outcome());

    assertEquals(checksBefore + 3, TestDatabase.count("select count(*) from id_checks where device_id = ?::uuid", device.deviceId));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'id-check.answered' and subject_id = ? "
      + "and reason = 'NO_PHONE'", green.accountId()));
    assertEquals(0, TestDatabase.count("select count(*) from audit_log where details::text like ?", "%" + green.idNumber() + "%"));

    // A bad number is refused, and changes nothing.
    Map<String, String> before = TestDatabase.snapshot();
    String body = new JsonObject().put("idNumber", Fixtures.idNumberWithWrongCheckDigit()).put("reason", "no_phone").encode();
    Reply bad = device.call(HttpMethod.POST, "/api/v1/device/id-checks", body);
    assertEquals(400, bad.status(), bad.toString());
    assertEquals("INVALID_ID_NUMBER_CHECK_DIGIT", bad.code());
    assertEquals(before, TestDatabase.snapshot());

    // The fourth check of the hour is the last; the fifth is refused and changes nothing.
    idCheck(green.idNumber(), "confirm_scan");
    before = TestDatabase.snapshot();
    Reply limited = device.call(HttpMethod.POST, "/api/v1/device/id-checks",
      new JsonObject().put("idNumber", green.idNumber()).put("reason", "no_phone").encode());
    assertEquals(429, limited.status(), limited.toString());
    assertEquals("ID_CHECKS_LIMIT", limited.code());
    assertEquals(before, TestDatabase.snapshot());
    assertEquals(Outcome.REVIEW, device.verifier().idCheckUnanswered(Reason.ID_CHECK_REFUSED).outcome());
  }

  /** An ID-number check as the device makes it: its own signed request, the answer verified for that request. */
  private static Verdict idCheck(String idNumber, String reason) {
    String path = "/api/v1/device/id-checks";
    String body = new JsonObject().put("idNumber", idNumber).put("reason", reason).encode();
    String jti = TestDevice.jti();
    Reply reply = device.send(HttpMethod.POST, path, body,
      TestDevice.proof(device.keys, device.deviceId, "POST", path, body, server.clock.instant(), jti));
    assertEquals(200, reply.status(), reply.toString());
    return device.verifier().verifyIdCheck(reply.json().getString("answer"), device.pinned, device.deviceId, jti);
  }

  private static Reply request(String token, String name, String idNumber, String consent) {
    return server.post("/api/v1/me/dependants", token, new JsonObject().put("name", name).put("idNumber", idNumber)
      .put("relation", "PARENT").put("consent", consent));
  }

  /** The call is refused with this status and code, a message in each language, and the database is unchanged. */
  private static Reply refused(int status, String code, java.util.function.Supplier<Reply> call) {
    Map<String, String> before = TestDatabase.snapshot();
    Reply reply = call.get();
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(code, reply.code());
    assertEquals(before, TestDatabase.snapshot(), code + " changed nothing");
    assertTrue(reply.json().getString("message").codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
      == Character.UnicodeScript.HAN), "zh-CN by default: " + reply.json().getString("message"));
    return reply;
  }

  private static String lastCodeOrNone(String phone) {
    try {
      return server.codes.lastCodeFor(phone);
    } catch (IllegalStateException e) {
      return "none";
    }
  }
}
