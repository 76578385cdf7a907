package io.tongxing.server.http;

import io.tongxing.server.support.CapturedLogs;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Resident;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exercises registration, login, refresh, check-in and person search — and their failures — then
 * searches everything logged for the identity number, phone number and tokens involved.
 */
@ExtendWith(VertxExtension.class)
class LogHygieneTest {

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
  void logsNeverContainIdNumbersPhoneNumbersOrTokens() {
    int from = CapturedLogs.length();
    Resident resident = server.registerResident();
    JsonObject tokens = server.login(resident.phone(), resident.password());
    String access = tokens.getString("accessToken");
    JsonObject refreshed = server.post("/api/v1/auth/refresh", null,
      new JsonObject().put("refreshToken", tokens.getString("refreshToken"))).json();
    server.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", tokens.getString("refreshToken")));
    server.post("/api/v1/me/check-ins", refreshed.getString("accessToken"), new JsonObject().put("temperature", 38.0)
      .put("symptoms", new JsonArray().add("FEVER")));
    server.post("/api/v1/auth/login", null, new JsonObject().put("login", resident.phone()).put("password", "Wrong-password-1"));
    server.post("/api/v1/residents", null, new JsonObject().put("name", "x").put("idNumber", resident.idNumber())
      .put("phone", resident.phone()).put("password", "Resident-pass-1").put("code", "000000"));
    String badId = Fixtures.idNumberWithWrongCheckDigit();
    server.post("/api/v1/residents", null, new JsonObject().put("name", "x").put("idNumber", badId)
      .put("phone", resident.phone()).put("password", "Resident-pass-1").put("code", "000000"));
    String admin = server.staffToken(Role.ADMIN);
    server.post("/api/v1/admin/persons/search", admin, new JsonObject().put("idNumber", resident.idNumber()));
    server.post("/api/v1/admin/persons/search", admin, new JsonObject().put("phone", resident.phone()));
    server.get("/api/v1/me", access + "x");

    String logged = CapturedLogs.text().substring(from);

    // The JSON encoder escapes "/" as "\\/".
    assertTrue(logged.contains("residents") && logged.contains("request refused") && logged.contains("colour changed"),
      "the capture saw the requests (otherwise this test proves nothing)");
    for (String secret : List.of(resident.idNumber(), badId, resident.phone(), access, tokens.getString("refreshToken"),
      refreshed.getString("refreshToken"), refreshed.getString("accessToken"), resident.password())) {
      assertFalse(logged.contains(secret), "a log line contains a secret value");
    }
    assertFalse(logged.contains(resident.idNumber().substring(0, 17)), "not even the ID without its check digit");
    assertEquals(-1, logged.indexOf(resident.phone().substring(3)), "not even the phone without its prefix");
  }
}
