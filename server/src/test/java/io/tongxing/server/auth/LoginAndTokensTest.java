package io.tongxing.server.auth;

import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class LoginAndTokensTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    // A low per-source limit, so the source lockout can be shown with a handful of requests.
    server = TestServer.start(vertx, new JsonObject().put("auth", new JsonObject()
      .put("login", new JsonObject().put("maxFailuresPerSource", 8))), List.of());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void fiveWrongPasswordsLockTheAccountWith429AndRetryAfter() {
    Resident resident = server.registerResident();
    for (int i = 0; i < 5; i++) {
      assertEquals(401, login(resident.phone(), "Wrong-password-" + i, Fixtures.ipAddress()).status());
    }

    Reply locked = login(resident.phone(), resident.password(), Fixtures.ipAddress());

    assertEquals(429, locked.status(), "even the right password is refused while locked");
    assertEquals("LOGIN_LOCKED", locked.code());
    long retryAfter = Long.parseLong(locked.headers().get("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);

    server.clock.advance(Duration.ofSeconds(retryAfter + 1));
    assertEquals(200, login(resident.phone(), resident.password(), Fixtures.ipAddress()).status(), "unlocked after the wait");
  }

  @Test
  void oneSourceTryingManyAccountsIsLockedOut() {
    String source = Fixtures.ipAddress();
    for (int i = 0; i < 8; i++) {
      assertEquals(401, login(Fixtures.phone(), "Wrong-password-1", source).status());
    }
    Resident resident = server.registerResident();

    assertEquals(429, login(resident.phone(), resident.password(), source).status(), "the source is locked");
    assertEquals(200, login(resident.phone(), resident.password(), Fixtures.ipAddress()).status(), "other sources are not");
  }

  @Test
  void theLockoutIsStoredInTheDatabaseWithoutThePhoneNumber() {
    Resident resident = server.registerResident();
    login(resident.phone(), "Wrong-password-1", Fixtures.ipAddress());

    assertEquals(0, TestDatabase.count("select count(*) from throttle where key like ?", "%" + resident.phone() + "%"));
    assertTrue(TestDatabase.count("select count(*) from throttle where key like 'login:%'") > 0);
  }

  @Test
  void aRefreshTokenRotatesAndItsReuseRevokesTheLogin() {
    Resident resident = server.registerResident();
    JsonObject first = server.login(resident.phone(), resident.password());

    Reply second = refresh(first.getString("refreshToken"));
    assertEquals(200, second.status());
    assertNotEquals(first.getString("refreshToken"), second.json().getString("refreshToken"));
    assertEquals(200, server.get("/api/v1/me", second.json().getString("accessToken")).status());

    Reply reuse = refresh(first.getString("refreshToken"));
    assertEquals(401, reuse.status());
    assertEquals("REFRESH_TOKEN_REUSED", reuse.code());

    Reply afterReuse = refresh(second.json().getString("refreshToken"));
    assertEquals(401, afterReuse.status(), "the whole family is revoked, also the newest token");
    Reply newestAccess = server.get("/api/v1/me", second.json().getString("accessToken"));
    assertEquals(401, newestAccess.status(), "and the access tokens of that login end with it, at once");
    assertEquals("LOGIN_REVOKED", newestAccess.code());
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'auth.refresh_token_reused' and subject_id = ?",
      resident.accountId()));
  }

  @Test
  void anotherLoginIsNotAffectedByTheReuse() {
    Resident resident = server.registerResident();
    JsonObject phoneA = server.login(resident.phone(), resident.password());
    JsonObject phoneB = server.login(resident.phone(), resident.password());
    refresh(phoneA.getString("refreshToken"));
    refresh(phoneA.getString("refreshToken"));

    assertEquals(200, refresh(phoneB.getString("refreshToken")).status());
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    Resident resident = server.registerResident();
    JsonObject tokens = server.login(resident.phone(), resident.password());

    Reply logout = server.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", tokens.getString("refreshToken")));

    assertEquals(204, logout.status());
    assertEquals(401, refresh(tokens.getString("refreshToken")).status());
    Reply access = server.get("/api/v1/me", tokens.getString("accessToken"));
    assertEquals(401, access.status(), "the access token of the login ends at once, not after its 15 minutes");
    assertEquals("LOGIN_REVOKED", access.code());
  }

  @Test
  void logoutEndsOnlyItsOwnLoginsAccessTokens() {
    Resident resident = server.registerResident();
    JsonObject phoneA = server.login(resident.phone(), resident.password());
    JsonObject phoneB = server.login(resident.phone(), resident.password());

    server.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", phoneA.getString("refreshToken")));

    assertEquals(401, server.get("/api/v1/me", phoneA.getString("accessToken")).status());
    assertEquals(200, server.get("/api/v1/me", phoneB.getString("accessToken")).status(), "the other phone stays logged in");
  }

  @Test
  void anExpiredRefreshTokenIsRefused() {
    Resident resident = server.registerResident();
    JsonObject tokens = server.login(resident.phone(), resident.password());
    server.clock.advance(Duration.ofDays(31));
    try {
      Reply reply = refresh(tokens.getString("refreshToken"));
      assertEquals(401, reply.status());
      assertEquals("INVALID_REFRESH_TOKEN", reply.code());
    } finally {
      server.clock.advance(Duration.ofDays(-31));
    }
  }

  @Test
  void aPasswordResetWithACodeRevokesEveryLogin() {
    Resident resident = server.registerResident();
    JsonObject tokens = server.login(resident.phone(), resident.password());
    server.requestCode(resident.phone(), "RESET_PASSWORD");

    Reply reset = server.post("/api/v1/auth/password-reset", null, new JsonObject().put("phone", resident.phone())
      .put("code", server.codes.lastCodeFor(resident.phone())).put("newPassword", "A-brand-new-password"));

    assertEquals(204, reset.status(), reset.toString());
    assertEquals(401, refresh(tokens.getString("refreshToken")).status());
    assertEquals("LOGIN_REVOKED", server.get("/api/v1/me", tokens.getString("accessToken")).code(),
      "the access tokens of every login end with the reset");
    assertEquals(401, login(resident.phone(), resident.password(), Fixtures.ipAddress()).status());
    assertEquals(200, login(resident.phone(), "A-brand-new-password", Fixtures.ipAddress()).status());
  }

  @Test
  void badLoginAndRefreshBodiesNameTheField() {
    Reply noPassword = server.post("/api/v1/auth/login", null, new JsonObject().put("login", "13800000000"));
    assertEquals(400, noPassword.status());
    assertEquals("password", noPassword.field());

    Reply badToken = server.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", "short"));
    assertEquals(400, badToken.status());
    assertEquals("refreshToken", badToken.field());

    Reply extra = server.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", "a".repeat(43)).put("x", 1));
    assertEquals(400, extra.status());
    assertEquals("x", extra.field());
  }

  private static Reply refresh(String refreshToken) {
    return server.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refreshToken));
  }

  private static Reply login(String login, String password, String source) {
    return server.call(HttpMethod.POST, "/api/v1/auth/login", null,
      new JsonObject().put("login", login).put("password", password).encode(),
      MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", source));
  }
}
