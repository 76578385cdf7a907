package io.tongxing.server.region;

import com.nimbusds.jose.util.Base64URL;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.auth.RevokedLogins;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.db.RegionJobs;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.verify.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes of one region on one database (a database of this class's own), on loopback: what one
 * node changes, the other serves within seconds, and the region's work is done once, not twice.
 */
@ExtendWith(VertxExtension.class)
class MultiNodeTest {

  private static final String TODAY = "2026-03-15";
  private static PgConnectOptions database;
  private static TestServer a;
  private static TestServer b;
  private static Pool pool;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestDatabase.otherDatabase("multinode");
    MutableClock clock = new MutableClock(TestServer.START);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    a = TestServer.start(vertx, new JsonObject(), List.of(), database, metrics, clock, TestDatabase.KEYS);
    b = TestServer.start(vertx, new JsonObject(), List.of(), database, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
      clock, TestDatabase.KEYS);
    pool = PgBuilder.pool().connectingTo(database).using(vertx).build();
  }

  @AfterAll
  static void stop() {
    a.stop();
    b.stop();
    pool.close().await();
  }

  @Test
  void checkInsOnBothNodesAtOnceGetStatusIndicesNoOtherTokenHas() throws Exception {
    List<Resident> residents = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      residents.add((i % 2 == 0 ? a : b).registerResident());
    }
    // Logged in after registering (each registration moves the clock a minute past the code's throttle).
    List<Callable<Integer>> checkIns = new ArrayList<>();
    for (int i = 0; i < residents.size(); i++) {
      TestServer node = i % 2 == 0 ? a : b;
      String token = node.accessToken(residents.get(i));
      checkIns.add(() -> node.post("/api/v1/me/check-ins", token, normalCheckIn()).status());
    }
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      for (var done : clients.invokeAll(checkIns)) {
        assertEquals(201, done.get());
      }
    } finally {
      clients.shutdown();
    }

    Row places = pool.query("select count(*), count(distinct (list_id, idx)) from issued_tokens").execute().await().iterator().next();
    assertTrue(places.getLong(0) >= 24, "every check-in issued a code");
    assertEquals(places.getLong(0), places.getLong(1), "no status index used twice");
  }

  @Test
  void aCodeRevokedThroughOneNodeIsRevokedInTheListTheOtherServes() {
    Resident resident = a.registerResident();
    Reply checkedIn = a.post("/api/v1/me/check-ins", a.accessToken(resident), normalCheckIn());
    JsonObject green = checkedIn.json().getJsonObject("healthCode");
    long list = green.getJsonObject("status").getLong("list");
    assertEquals(Reason.ACCEPTED, new Checkpoint(b).sync(list).verify(green.getString("qrText")).reason());

    Reply flagged = a.post("/api/v1/admin/persons/" + resident.accountId() + "/flags", a.staffToken(Role.ADMIN),
      new JsonObject().put("flag", "CLOSE_CONTACT").put("reason", "same bus as case 2026-077")
        .put("effectiveAt", "2026-03-14T08:00:00+08:00"));

    assertEquals(201, flagged.status(), flagged.toString());
    Reason seenThroughB = new Checkpoint(b).sync(list).verify(green.getString("qrText")).reason();
    assertNotEquals(Reason.ACCEPTED, seenThroughB, "B's status list already marks the green code");
  }

  @Test
  void aKeyRotatedOnOneNodeSignsTheOtherNodesCodesWithinSeconds() throws InterruptedException {
    String oldKid = kid(checkIn(b));

    Reply rotated = a.post("/api/v1/admin/signing-keys/rotations", a.staffToken(Role.ADMIN),
      new JsonObject().put("purpose", "TOKEN").put("immediate", true).put("reason", "drill: suspected compromise"));
    assertEquals(201, rotated.status(), rotated.toString());
    String newKid = rotated.json().getString("kid");

    assertTrue(b.get("/.well-known/jwks.json", null).body().toString().contains(newKid), "B publishes it at once");
    String signedByB = oldKid;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!signedByB.equals(newKid) && System.nanoTime() < deadline) {
      signedByB = kid(checkIn(b));
      if (!signedByB.equals(newKid)) {
        Thread.sleep(100);
      }
    }
    assertNotEquals(oldKid, newKid);
    assertEquals(newKid, signedByB, "B signs with A's new key within seconds (it used to cache keys for 30 s)");
    JsonObject code = checkIn(b);
    assertEquals(Reason.ACCEPTED, new Checkpoint(b).sync(code.getJsonObject("status").getLong("list"))
      .verify(code.getString("qrText")).reason(), "and B's bundle and status list carry it");
  }

  @Test
  void aLogoutThroughOneNodeEndsTheAccessTokenOnTheOtherAtOnce() throws InterruptedException {
    Resident resident = a.registerResident();
    JsonObject tokens = a.login(resident.phone(), resident.password());
    String access = tokens.getString("accessToken");
    assertEquals(200, b.get("/api/v1/me", access).status(), "B takes A's token");

    Reply logout = a.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", tokens.getString("refreshToken")));

    assertEquals(204, logout.status());
    assertEquals("LOGIN_REVOKED", a.get("/api/v1/me", access).code(), "A refuses it as soon as the logout is answered");
    assertEquals("LOGIN_REVOKED", refusedWithin(b, access).code(), "B as soon as the notice arrives (milliseconds)");
  }

  @Test
  void aRefreshTokenReusedOnOneNodeEndsTheAccessTokensTheOtherIssued() throws InterruptedException {
    Resident resident = a.registerResident();
    JsonObject stolen = a.login(resident.phone(), resident.password());
    Reply rotatedOnB = b.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", stolen.getString("refreshToken")));
    String newest = rotatedOnB.json().getString("accessToken");
    assertEquals(200, b.get("/api/v1/me", newest).status());

    Reply reused = a.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", stolen.getString("refreshToken")));

    assertEquals("REFRESH_TOKEN_REUSED", reused.code());
    assertEquals("LOGIN_REVOKED", a.get("/api/v1/me", newest).code());
    assertEquals("LOGIN_REVOKED", refusedWithin(b, newest).code());
    assertEquals("LOGIN_REVOKED", refusedWithin(b, stolen.getString("accessToken")).code());
  }

  @Test
  void aNodeStartedAfterALogoutAndANodeThatCannotListenBothRefuseTheToken(Vertx vertx) {
    Resident resident = a.registerResident();
    JsonObject tokens = a.login(resident.phone(), resident.password());
    a.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", tokens.getString("refreshToken")));
    JsonObject other = a.login(resident.phone(), resident.password());

    TestServer late = TestServer.start(vertx, new JsonObject(), List.of(), database,
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), a.clock, TestDatabase.KEYS);
    try {
      assertEquals("LOGIN_REVOKED", late.get("/api/v1/me", tokens.getString("accessToken")).code(),
        "a node that missed the notice reads recent revocations when it starts");
      assertEquals(200, late.get("/api/v1/me", other.getString("accessToken")).status());
    } finally {
      late.stop();
    }

    ChangeNotices deaf = ChangeNotices.listen(vertx, database).await();
    deaf.close().await();
    RevokedLogins asking = new RevokedLogins(pool, deaf, Duration.ofMinutes(15), a.clock);
    UUID revokedLogin = a.server.services().accessTokens().verify(tokens.getString("accessToken")).orElseThrow().login();
    UUID standingLogin = a.server.services().accessTokens().verify(other.getString("accessToken")).orElseThrow().login();
    assertTrue(asking.isRevoked(revokedLogin).await(), "while it cannot hear notices, a node asks the database");
    assertFalse(asking.isRevoked(standingLogin).await());
  }

  /** B's answer once it refuses the token; fails if it still takes it after five seconds. */
  private static Reply refusedWithin(TestServer node, String access) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Reply reply = node.get("/api/v1/me", access);
    while (reply.status() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      reply = node.get("/api/v1/me", access);
    }
    assertEquals(401, reply.status(), reply.toString());
    return reply;
  }

  @Test
  void aRiskLevelSetOnOneNodeColoursACheckInOnTheOther() {
    String county = "331082";
    Reply set = a.put("/api/v1/admin/counties/" + county + "/risk-level", a.staffToken(Role.ADMIN),
      new JsonObject().put("level", "MEDIUM").put("reason", "three new cases"));
    assertEquals(200, set.status(), set.toString());

    Resident traveller = b.registerResident();
    Reply checkedIn = b.post("/api/v1/me/check-ins", b.accessToken(traveller), normalCheckIn()
      .put("visits", new JsonArray().add(new JsonObject().put("countyCode", county).put("date", "2026-03-13"))));

    assertEquals(201, checkedIn.status(), checkedIn.toString());
    assertEquals("YELLOW", b.get("/api/v1/me/colour", b.accessToken(traveller)).json().getString("colour"));
  }

  @Test
  void aScheduledJobRunsOnceForTheRegionHoweverManyNodesTick(Vertx vertx) {
    AtomicInteger runs = new AtomicInteger();
    List<Future<Boolean>> ticks = new ArrayList<>();
    for (int node = 0; node < 4; node++) {
      RegionJobs jobs = new RegionJobs(vertx, pool, "node-" + node);
      ticks.add(jobs.runIfDue("multinode-test", Duration.ofMinutes(10), () -> Future.succeededFuture(runs.incrementAndGet())));
    }
    Future.all(ticks).await();

    assertEquals(1, runs.get(), "one node ran it, three found it done");
    assertEquals(1L, pool.query("select count(*) from region_jobs where job = 'multinode-test'").execute().await()
      .iterator().next().getLong(0));
  }

  private static JsonObject checkIn(TestServer node) {
    Resident resident = node.registerResident();
    Reply reply = node.post("/api/v1/me/check-ins", node.accessToken(resident), normalCheckIn());
    assertEquals(201, reply.status(), reply.toString());
    return reply.json().getJsonObject("healthCode");
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));
  }

  private static String kid(JsonObject code) {
    String token = code.getString("token");
    return new JsonObject(new Base64URL(token.substring(0, token.indexOf('.'))).decodeToString()).getString("kid");
  }
}
