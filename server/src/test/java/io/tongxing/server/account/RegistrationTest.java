package io.tongxing.server.account;

import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class RegistrationTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aResidentRegistersLogsInAndSeesMaskedNumbers() {
    Resident resident = server.registerResident();

    JsonObject me = server.get("/api/v1/me", server.accessToken(resident)).json();

    assertEquals("RESIDENT", me.getString("role"));
    assertEquals(resident.accountId(), me.getString("accountId"));
    assertEquals(resident.idNumber().charAt(0) + "*************" + resident.idNumber().substring(14), me.getString("maskedIdNumber"));
    assertEquals(resident.phone().substring(0, 3) + "****" + resident.phone().substring(7), me.getString("maskedPhone"));
    assertEquals("GREEN", me.getString("colour"));
  }

  @Test
  void anEnterpriseRegistersWithItsCreditCodeAndLogsInWithIt() {
    String token = server.enterpriseToken();

    JsonObject me = server.get("/api/v1/me", token).json();

    assertEquals("ENTERPRISE", me.getString("role"));
    assertEquals(18, me.getString("creditCode").length());
  }

  @Test
  void theSameIdNumberCannotRegisterTwice() {
    Resident first = server.registerResident();
    String phone = Fixtures.phone();
    server.requestCode(phone, "REGISTER");

    Reply reply = server.post("/api/v1/residents", null, registration(first.idNumber(), phone, server.codes.lastCodeFor(phone)));

    assertEquals(409, reply.status(), reply.toString());
    assertEquals("ID_NUMBER_TAKEN", reply.code());
    assertEquals("idNumber", reply.field());
  }

  @Test
  void aWrongOneTimeCodeIsRefusedAndCounted() {
    String phone = Fixtures.phone();
    server.requestCode(phone, "REGISTER");
    String right = server.codes.lastCodeFor(phone);
    String wrong = right.equals("000000") ? "111111" : "000000";

    Reply reply = server.post("/api/v1/residents", null, registration(Fixtures.idNumber(), phone, wrong));

    assertEquals(400, reply.status());
    assertEquals("code", reply.field());
    assertEquals(1, TestDatabase.count("select max(attempts) from one_time_codes where consumed_at is null and attempts > 0"),
      "the failed attempt is recorded");
  }

  @Test
  void aSecondCodeWithinAMinuteIsRefusedWithRetryAfter() {
    String phone = Fixtures.phone();
    JsonObject request = new JsonObject().put("phone", phone).put("purpose", "REGISTER");
    assertEquals(202, server.post("/api/v1/auth/one-time-codes", null, request).status());

    Reply again = server.post("/api/v1/auth/one-time-codes", null, request);

    assertEquals(429, again.status());
    assertTrue(Integer.parseInt(again.headers().get("Retry-After")) > 0);
  }

  static Stream<Arguments> badRegistrations() {
    return Stream.of(
      bad("invalid ID check digit", b -> b.put("idNumber", Fixtures.idNumberWithWrongCheckDigit()), "idNumber", "INVALID_ID_NUMBER_CHECK_DIGIT"),
      bad("impossible birth date 19990231", b -> b.put("idNumber", withCheck("11010519990231123")), "idNumber", "INVALID_ID_NUMBER_BIRTH_DATE"),
      bad("birth date in the future", b -> b.put("idNumber", withCheck("11010520300101123")), "idNumber", "INVALID_ID_NUMBER_FUTURE_BIRTH_DATE"),
      bad("unknown province prefix", b -> b.put("idNumber", withCheck("99010519800101123")), "idNumber", "INVALID_ID_NUMBER_PROVINCE"),
      bad("ID with letters", b -> b.put("idNumber", "11010519800101A23X"), "idNumber", "VALIDATION_FAILED"),
      bad("ID too short", b -> b.put("idNumber", "1101051980010112"), "idNumber", "VALIDATION_FAILED"),
      bad("ID as a number", b -> b.put("idNumber", 110105198001011234L), "idNumber", "VALIDATION_FAILED"),
      bad("landline instead of mobile", b -> b.put("phone", "01012345678"), "phone", "VALIDATION_FAILED"),
      bad("phone starting 12", b -> b.put("phone", "12812345678"), "phone", "VALIDATION_FAILED"),
      bad("name missing", b -> { b.remove("name"); return b; }, "name", "VALIDATION_FAILED"),
      bad("name too long", b -> b.put("name", "张".repeat(51)), "name", "VALIDATION_FAILED"),
      bad("name blank", b -> b.put("name", "   "), "name", "VALIDATION_FAILED"),
      bad("name wrong type", b -> b.put("name", 42), "name", "VALIDATION_FAILED"),
      bad("password too short", b -> b.put("password", "short"), "password", "VALIDATION_FAILED"),
      bad("code not six digits", b -> b.put("code", "12345"), "code", "VALIDATION_FAILED"),
      bad("unknown field", b -> b.put("isAdmin", true), "isAdmin", "VALIDATION_FAILED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRegistrations")
  void badRegistrationsAreRefusedNamingTheFieldAndChangeNothing(String name, UnaryOperator<JsonObject> change, String field,
                                                              String code) {
    String phone = Fixtures.phone();
    server.requestCode(phone, "REGISTER");
    JsonObject body = change.apply(registration(Fixtures.idNumber(), phone, server.codes.lastCodeFor(phone)));
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.post("/api/v1/residents", null, body);

    assertEquals(400, reply.status(), reply.toString());
    assertEquals(code, reply.code(), reply.toString());
    assertEquals(field, reply.field(), reply.toString());
    assertFalse(reply.body().toString().contains("Exception"), "no stack trace");
    assertEquals(before, TestDatabase.snapshot(), "nothing changed in the database");
  }

  static Stream<Arguments> badEnterprises() {
    String valid = Fixtures.creditCode();
    char wrong = valid.charAt(17) == '0' ? '1' : '0';
    return Stream.of(
      Arguments.of("wrong check character", valid.substring(0, 17) + wrong, "INVALID_CREDIT_CODE_CHECK"),
      Arguments.of("letter I is not in the alphabet", "91110108MA01IK8T3" + "0", "INVALID_CREDIT_CODE"),
      Arguments.of("letter O is not in the alphabet", "91110108MA01OK8T3" + "0", "INVALID_CREDIT_CODE"),
      Arguments.of("seventeen characters", valid.substring(0, 17), "VALIDATION_FAILED"),
      Arguments.of("punctuation", "91110108MA01-K8T30", "VALIDATION_FAILED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEnterprises")
  void badCreditCodesAreRefusedAndChangeNothing(String name, String creditCode, String code) {
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.post("/api/v1/enterprises", null, new JsonObject()
      .put("name", "测试企业").put("creditCode", creditCode).put("password", "Enterprise-pass-1"));

    assertEquals(400, reply.status(), reply.toString());
    assertEquals(code, reply.code());
    assertEquals("creditCode", reply.field());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void malformedJsonIsRefusedNamingTheBody() {
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.call(HttpMethod.POST, "/api/v1/residents", null, Buffer.buffer("{\"name\": \"x\","));

    assertEquals(400, reply.status());
    assertEquals("MALFORMED_JSON", reply.code());
    assertEquals("body", reply.field());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void anOversizedBodyIsRefusedBeforeParsing() {
    Map<String, String> before = TestDatabase.snapshot();
    String huge = "{\"name\": \"" + "x".repeat(20_000) + "\"}";

    Reply reply = server.call(HttpMethod.POST, "/api/v1/residents", null, Buffer.buffer(huge));

    assertEquals(413, reply.status());
    assertEquals("BODY_TOO_LARGE", reply.code());
    assertEquals("body", reply.field());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWith415() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain");

    Reply reply = server.call(HttpMethod.POST, "/api/v1/residents", null, Buffer.buffer("hello"), headers);

    assertEquals(415, reply.status(), reply.toString());
    assertEquals("Content-Type", reply.field());
  }

  @Test
  void errorsSpeakTheCallersLanguage() {
    MultiMap english = MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en-US,en;q=0.9");
    JsonObject body = registration(Fixtures.idNumberWithWrongCheckDigit(), Fixtures.phone(), "123456");

    Reply chinese = server.post("/api/v1/residents", null, body);
    Reply inEnglish = server.call(HttpMethod.POST, "/api/v1/residents", null, body.encode(), english);

    assertEquals("身份证号码校验码错误。", chinese.json().getString("message"));
    assertEquals("The resident ID number's check digit is wrong.", inEnglish.json().getString("message"));
  }

  private static JsonObject registration(String idNumber, String phone, String code) {
    return new JsonObject().put("name", "测试居民").put("idNumber", idNumber).put("phone", phone)
      .put("password", "Resident-pass-1").put("code", code);
  }

  private static String withCheck(String first17) {
    return first17 + ResidentIdNumbers.checkCharacter(first17);
  }

  private static Arguments bad(String name, UnaryOperator<JsonObject> change, String field, String code) {
    return Arguments.of(name, change, field, code);
  }
}
