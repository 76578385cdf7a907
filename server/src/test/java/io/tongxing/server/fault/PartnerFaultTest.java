package io.tongxing.server.fault;

import io.tongxing.server.federation.TwoRegions;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.CapturedLogs;
import io.tongxing.server.support.MisbehavingPartner;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.token.RegionCode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A partner that is slow or answers garbage: Beijing gives up on it within its bounds, keeps the
 * last good copy of its documents (devices keep getting them), shows the copy's age and a specific
 * error to the console, and meanwhile answers its own requests and delivers its other partners'
 * messages without waiting. Baoding (130600) is a real region server behind a {@link MisbehavingPartner};
 * Langfang (131000) is a partner that works.
 */
@ExtendWith(VertxExtension.class)
class PartnerFaultTest {

  /** Beijing's bounds on partner calls, small so the test is quick; production defaults are 5 s / 10 s / 20 s / 8 MB. */
  private static final long IDLE_MILLIS = 2_000;
  private static final long TOTAL_MILLIS = 3_000;
  private static final long MAX_BYTES = 1024 * 1024;
  private static final String BAODING = "130600";

  private static TwoRegions regions;
  private static TestServer beijing;
  private static TestServer baoding;
  private static MisbehavingPartner partner;
  private static String baodingAtBeijing;
  private static String adminToken;
  private static Resident resident;
  private static String residentToken;

  @BeforeAll
  static void start(Vertx vertx) {
    regions = new TwoRegions(vertx, "pfault", null, new JsonObject().put("partnerHttp", new JsonObject()
      .put("connectTimeoutMillis", 1_000).put("idleTimeoutMillis", IDLE_MILLIS).put("totalTimeoutMillis", TOTAL_MILLIS)
      .put("maxBodyBytes", MAX_BYTES)));
    beijing = regions.beijing;
    adminToken = regions.beijingAdmin;
    // Baoding names the misbehaving front as its address, so its bundle sends Beijing there for its status lists too.
    partner = MisbehavingPartner.listening(vertx);
    baoding = regions.start("pfault_baoding", BAODING, "保定市", "Baoding",
      io.tongxing.server.crypto.KeyMaterial.random(new SecureRandom()), 0,
      new JsonObject().put("http", new JsonObject().put("publicUrl", partner.baseUrl())));
    partner.inFrontOf(baoding.port());
    baodingAtBeijing = regions.introduce(beijing, adminToken, partner.baseUrl(), baoding, BAODING, "保定市", "Baoding",
      TwoRegions.everywhere(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE", "BULLETIN")));
    // A Baoding code gives Baoding a status list; Beijing keeps a good copy of it and of Baoding's bundle.
    Resident traveller = baoding.registerResident();
    assertEquals(200, baoding.get("/api/v1/me/health-code", baoding.accessToken(traveller)).status());
    JsonObject first = fetchBaoding();
    assertEquals(new JsonArray(), first.getJsonArray("errors"), first.encode());
    assertTrue(first.getInteger("listsChanged") + first.getInteger("listsNotModified") >= 1, first.encode());
    resident = beijing.registerResident();
    assertEquals(201, beijing.post("/api/v1/me/check-ins", beijing.accessToken(resident), new JsonObject().put("temperature", 36.5)
      .put("symptoms", new JsonArray().add("NONE"))).status());
  }

  @AfterAll
  static void stop() {
    partner.stop();
    baoding.stop();
    regions.stop();
  }

  /** Each test moves the clock on by ten minutes: log in again. */
  @BeforeEach
  void freshTokens() {
    adminToken = beijing.staffToken(Role.ADMIN);
    residentToken = beijing.accessToken(resident);
  }

  @AfterEach
  void honestAgain() {
    partner.behave(MisbehavingPartner.Behaviour.HONEST);
  }

  @ParameterizedTest
  @EnumSource(names = {"SILENT", "TRICKLING"})
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSlowPartnerIsGivenUpOnInTimeWhileBeijingAnswersAndDeliversToOthers(MisbehavingPartner.Behaviour slow) throws Exception {
    Map<String, String> kept = keptDocuments();
    partner.behave(slow);
    regions.clock.advance(Duration.ofMinutes(10));
    // A message to Baoding first: its delivery waits for the slow partner too.
    queueNotice(BAODING);
    int before = partner.requests();

    long started = System.nanoTime();
    CompletableFuture<Reply> fetch = CompletableFuture.supplyAsync(() -> beijing.call(HttpMethod.POST,
      "/api/v1/admin/partners/" + baodingAtBeijing + "/fetches", adminToken, null));
    awaitTrue(() -> partner.requests() > before + 1, "Beijing is waiting for Baoding (a fetch and a message)");

    long health = millis(() -> assertEquals(200, beijing.get("/health", null).status()));
    long code = millis(() -> assertEquals(200, beijing.get("/api/v1/me/health-code", residentToken).status()));
    long queued = System.nanoTime();
    String toLangfang = queueNotice("131000");
    awaitTrue(() -> "DELIVERED".equals(sentMessage(toLangfang).getString("state")), "Langfang gets its notice");
    long delivered = (System.nanoTime() - queued) / 1_000_000;
    boolean fetchStillWaiting = !fetch.isDone();
    Reply fetched = fetch.get(10, TimeUnit.SECONDS);
    long gaveUp = (System.nanoTime() - started) / 1_000_000;

    System.out.printf("partner %s: gave up after %d ms; meanwhile /health %d ms, health code %d ms, "
      + "notice to another partner delivered in %d ms%n", slow, gaveUp, health, code, delivered);
    assertTrue(health < TOTAL_MILLIS / 4 && code < TOTAL_MILLIS / 4, "Beijing answers at once: " + health + " / " + code + " ms");
    assertTrue(fetchStillWaiting, "Langfang's notice did not wait for Baoding (" + delivered + " ms)");
    assertEquals(200, fetched.status(), fetched.toString());
    assertTrue(gaveUp < TOTAL_MILLIS + 1_500, "the fetch gives up within its bound: " + gaveUp + " ms");
    assertTrue(fetched.json().getJsonArray("errors").encode().contains("timed out"), fetched.toString());
    theLastGoodCopyStaysAndTheConsoleShowsWhy(kept, "timed out");
  }

  @ParameterizedTest
  @CsvSource({
    "RANDOM_BYTES, malformed, true",
    "TRUNCATED, malformed, true",
    "WRONG_SHAPE, malformed, true",
    "OVERSIZED, too large, false"})
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aPartnerAnsweringGarbageChangesNothingButItsErrorAndTheCopysAge(MisbehavingPartner.Behaviour garbage, String error,
                                                                       boolean listsAskedFor) {
    Map<String, String> kept = keptDocuments();
    partner.behave(garbage);
    regions.clock.advance(Duration.ofMinutes(10));
    int logFrom = CapturedLogs.length();

    long started = System.nanoTime();
    JsonObject fetched = fetchBaoding();
    long gaveUp = (System.nanoTime() - started) / 1_000_000;
    List<String> warned = CapturedLogs.messages(logFrom, "WARN");

    System.out.printf("partner %s: refused after %d ms: %s%n", garbage, gaveUp, fetched.getJsonArray("errors"));
    assertTrue(gaveUp < TOTAL_MILLIS, "refused without waiting for a timeout: " + gaveUp + " ms");
    assertFalse(fetched.getBoolean("bundleChanged"));
    assertTrue(fetched.getJsonArray("errors").encode().contains(error), fetched.encode());
    // The operator reads, at WARN, which partner's document was refused and why — each one.
    for (Object refused : fetched.getJsonArray("errors")) {
      String document = ((String) refused).substring(0, ((String) refused).indexOf(':'));
      assertTrue(warned.stream().anyMatch(line -> line.startsWith("partner " + BAODING + " " + document + ": ")
        && line.contains(error)), document + " at WARN: " + warned);
    }
    theLastGoodCopyStaysAndTheConsoleShowsWhy(kept, error);
    // A refused bundle: Beijing still asks for the lists its last good one names, refused too, and
    // keeps no row for numbers it never held. An oversized answer ends the fetch like a timeout.
    JsonObject listed = baodingAtBeijing();
    assertEquals(listsAskedFor, document(listed, "status-list/1").getString("checkedAt")
      .equals(document(listed, "trust-bundle").getString("checkedAt")), listed.encode());
    assertEquals(List.of("status-list/1", "trust-bundle"), listed.getJsonArray("documents").stream()
      .map(d -> ((JsonObject) d).getString("document")).sorted().toList(), "no row for lists Baoding never had");
  }

  private static void theLastGoodCopyStaysAndTheConsoleShowsWhy(Map<String, String> kept, String error) {
    assertEquals(kept, keptDocuments(), "the last good copies are kept");
    JsonObject listed = baodingAtBeijing();
    JsonObject bundle = document(listed, "trust-bundle");
    assertTrue(bundle.getString("lastError", "").contains(error), "the console says why: " + bundle.encode());
    assertTrue(bundle.getLong("ageSeconds") >= 600, "and how old the copy is: " + bundle.encode());
    assertTrue(document(listed, "status-list/1").getLong("ageSeconds") >= 600, listed.encode());

    TestDevice device = TestDevice.enrolled(beijing, adminToken);
    Reply synced = device.sync();
    assertEquals(200, synced.status(), synced.toString());
    assertTrue(device.statusLists(BAODING).containsKey(1L), "a device still gets Baoding's list");
    assertTrue(device.trust().issuer(RegionCode.of(BAODING)).isPresent(), "and Baoding's keys");
  }

  // ---- helpers ----

  /** Baoding as the console sees it at Beijing. */
  private static JsonObject baodingAtBeijing() {
    return beijing.get("/api/v1/admin/partners", adminToken).array().stream().map(JsonObject.class::cast)
      .filter(p -> BAODING.equals(p.getString("regionCode"))).findFirst().orElseThrow();
  }

  private static JsonObject document(JsonObject partner, String name) {
    return partner.getJsonArray("documents").stream().map(JsonObject.class::cast)
      .filter(d -> name.equals(d.getString("document"))).findFirst()
      .orElseThrow(() -> new AssertionError("no " + name + " in " + partner.encode()));
  }

  private static JsonObject fetchBaoding() {
    Reply reply = beijing.call(HttpMethod.POST, "/api/v1/admin/partners/" + baodingAtBeijing + "/fetches", adminToken, null);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  /** Every document Beijing keeps of Baoding, by name: the signed body and its content version. */
  private static Map<String, String> keptDocuments() {
    Map<String, String> kept = new java.util.TreeMap<>();
    try (var c = java.sql.DriverManager.getConnection(io.tongxing.server.db.Database.jdbcUrl(
          TestDatabase.otherDatabase("pfault_beijing")), TestDatabase.otherDatabase("pfault_beijing").getUser(),
          TestDatabase.otherDatabase("pfault_beijing").getPassword());
         var s = c.prepareStatement("select document, md5(body) || ':' || coalesce(content_version::text, '') from partner_documents "
           + "where partner_id = ?::uuid and body is not null")) {
      s.setString(1, baodingAtBeijing);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          kept.put(rs.getString(1), rs.getString(2));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertTrue(kept.containsKey("trust-bundle") && kept.containsKey("status-list/1"), kept.toString());
    return kept;
  }

  private static String queueNotice(String region) {
    Reply sent = beijing.post("/api/v1/admin/federation/close-contact-notices", adminToken, new JsonObject()
      .put("partnerRegion", region).put("idNumber", io.tongxing.server.support.Fixtures.idNumber())
      .put("category", "SECONDARY_CONTACT").put("date", "2026-03-14").put("reason", "次密接"));
    assertEquals(202, sent.status(), sent.toString());
    return sent.json().getString("messageId");
  }

  private static JsonObject sentMessage(String id) {
    return beijing.get("/api/v1/admin/federation/messages", adminToken).json().getJsonArray("sent")
      .stream().map(JsonObject.class::cast).filter(m -> id.equals(m.getString("id"))).findFirst().orElseThrow();
  }

  private static long millis(Runnable request) {
    long started = System.nanoTime();
    request.run();
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static void awaitTrue(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
