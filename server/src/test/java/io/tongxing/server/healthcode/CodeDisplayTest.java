package io.tongxing.server.healthcode;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.qr.QrScanner;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Showing a code: one answer per token, the same bytes and ETag from every node of the region, a 304
 * for a phone that holds the current code already, and the caller authorized on every request.
 */
@ExtendWith(VertxExtension.class)
class CodeDisplayTest {

  private static final String CODE = "/api/v1/me/health-code";
  private static final String PNG = CODE + "/qr.png";
  private static final String SVG = CODE + "/qr.svg";
  private static TestServer node;
  private static TestServer otherNode;
  /** The database behind both nodes, for what changes without telling them. */
  private static Pool database;

  @BeforeAll
  static void start(Vertx vertx) {
    PgConnectOptions options = TestDatabase.otherDatabase("codedisplay");
    database = PgBuilder.pool().connectingTo(options).using(vertx).build();
    MutableClock clock = new MutableClock(TestServer.START);
    node = TestServer.start(vertx, new JsonObject(), List.of(), options, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
      clock, TestDatabase.KEYS);
    otherNode = TestServer.start(vertx, new JsonObject(), List.of(), options,
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, TestDatabase.KEYS);
  }

  @AfterAll
  static void stop() {
    node.stop();
    otherNode.stop();
    database.close().await();
  }

  @Test
  void aChangeShowsAtOnceOnTheNodeThatMadeItAndWithinMillisecondsOnTheOther() throws InterruptedException {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);
    String green = node.get(CODE, token).json().getString("token");
    assertEquals(green, otherNode.get(CODE, token).json().getString("token"), "both nodes now hold the green code");

    JsonObject fever = normalCheckIn().put("temperature", 38.6).put("symptoms", new JsonArray().add("FEVER"));
    JsonObject yellow = node.post("/api/v1/me/check-ins", token, fever).json().getJsonObject("healthCode");

    assertEquals("YELLOW", yellow.getString("colour"));
    assertEquals(yellow.getString("token"), node.get(CODE, token).json().getString("token"), "the node that checked in, at once");
    assertEquals(yellow.getString("token"), shownWithin(otherNode, token, code -> !code.equals(green)),
      "the other node as soon as the notice arrives");
  }

  @Test
  void aCodeIsShownFromTheNodesMemoryUntilANoticeNamesItsResident() throws InterruptedException {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);
    String held = otherNode.get(CODE, token).json().getString("token");

    revokeUntold(resident);

    assertEquals(held, otherNode.get(CODE, token).json().getString("token"), "the display did not read the database");
    database.preparedQuery("select pg_notify('tongxing_changes', $1)").execute(Tuple.of("CODES:" + resident.accountId())).await();
    String after = shownWithin(otherNode, token, code -> !code.equals(held));
    assertNotEquals(held, after, "a new code in place of the revoked one");
  }

  @Test
  void aNodeThatMayHaveMissedNoticesForgetsEveryCodeItHeld() throws InterruptedException {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);
    String held = otherNode.get(CODE, token).json().getString("token");

    // Both nodes' listening connections end; what changes meanwhile is told to no one.
    database.query("select pg_terminate_backend(pid) from pg_stat_activity "
      + "where datname = current_database() and query like 'LISTEN%'").execute().await();
    revokeUntold(resident);
    awaitListeners(2);

    assertNotEquals(held, otherNode.get(CODE, token).json().getString("token"), "listening again, it read the database");
  }

  @Test
  void aNodeCountsTheDisplaysItAnsweredFromMemory() {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);
    double hits = currentCodeGets(node, "hit");
    double misses = currentCodeGets(node, "miss");

    node.get(CODE, token);
    node.get(CODE, token);
    node.get(PNG, token);

    assertEquals(misses + 1, currentCodeGets(node, "miss"), "the first display read the database");
    assertEquals(hits + 2, currentCodeGets(node, "hit"), "the JSON again and the image came from memory");
  }

  /** {@code cache_gets_total{cache="current_codes",result=…}} as the node's /metrics reports it. */
  private static double currentCodeGets(TestServer server, String result) {
    String prefix = "cache_gets_total{cache=\"current_codes\",result=\"" + result + "\"} ";
    return server.get("/metrics", null).body().toString().lines().filter(line -> line.startsWith(prefix))
      .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()))).findFirst()
      .orElseThrow(() -> new AssertionError("no " + prefix));
  }

  @Test
  void aCodeHeldInMemoryIsReplacedAsItNearsExpiry() {
    Resident resident = node.registerResident();
    String held = node.get(CODE, node.accessToken(resident)).json().getString("token");

    node.clock.advance(Duration.ofHours(23).plusMinutes(5));

    assertNotEquals(held, node.get(CODE, node.accessToken(resident)).json().getString("token"),
      "within an hour of expiry a new code is issued, as without the memory");
  }

  @Test
  void theCodeIsRevalidatedByItsETagAndComesBackWholeOnceItChanged() {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);
    Reply first = node.get(CODE, token);

    Reply unchanged = ifNoneMatch(node, CODE, token, first.headers().get("ETag"));
    node.clock.advance(Duration.ofMinutes(5));
    JsonObject checkedIn = node.post("/api/v1/me/check-ins", token, normalCheckIn()).json().getJsonObject("healthCode");
    Reply changed = ifNoneMatch(node, CODE, token, first.headers().get("ETag"));

    assertEquals("private, no-cache", first.headers().get("Cache-Control"));
    assertEquals(304, unchanged.status());
    assertEquals(0, unchanged.body().length());
    assertEquals(first.headers().get("ETag"), unchanged.headers().get("ETag"));
    assertEquals(200, changed.status());
    assertEquals(checkedIn.getString("token"), changed.json().getString("token"));
    assertNotEquals(first.headers().get("ETag"), changed.headers().get("ETag"));
  }

  @Test
  void everyNodeAnswersWithTheSameBytesAndETags() {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);

    for (String path : List.of(CODE, PNG, PNG + "?scale=3", SVG)) {
      for (String language : List.of("zh-CN", "en")) {
        Reply here = get(node, path, token, language);
        Reply there = get(otherNode, path, token, language);
        Reply revalidated = call(otherNode, path, token, MultiMap.caseInsensitiveMultiMap()
          .add("Accept-Language", language).add("If-None-Match", here.headers().get("ETag")));

        assertEquals(200, here.status(), path);
        assertNotNull(here.headers().get("ETag"), path);
        assertEquals(here.headers().get("ETag"), there.headers().get("ETag"), path);
        assertArrayEquals(here.body().getBytes(), there.body().getBytes(), path + " " + language);
        assertEquals(304, revalidated.status(), path);
      }
    }
  }

  @Test
  void anImageIsKeptByThePhoneAloneUntilItsTokenExpires() throws Exception {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);
    JsonObject code = node.get(CODE, token).json();
    node.clock.advance(Duration.ofMinutes(7));

    Reply png = node.get(PNG, token);
    Reply english = get(node, SVG, token, "en");
    Reply chinese = get(node, SVG, token, "zh-CN");

    long left = Duration.between(node.clock.instant(), Instant.parse(code.getString("expiresAt"))).getSeconds();
    assertEquals("private, max-age=" + left, png.headers().get("Cache-Control"));
    assertEquals("image/png", png.headers().get("Content-Type"));
    assertEquals(Optional.of(code.getString("qrText")), scan(png));
    assertEquals("private, max-age=" + left, english.headers().get("Cache-Control"));
    assertEquals("Accept-Language", english.headers().get("Vary"));
    assertNotEquals(english.headers().get("ETag"), chinese.headers().get("ETag"));
    assertNotEquals(english.body(), chinese.body());
  }

  @Test
  void anETagOpensNothingWithoutTheCallersOwnToken() throws Exception {
    Resident holder = node.registerResident();
    Resident other = node.registerResident();
    String etag = node.get(PNG, node.accessToken(holder)).headers().get("ETag");
    String othersToken = node.accessToken(other);

    Reply anonymous = ifNoneMatch(node, PNG, null, etag);
    Reply someoneElse = ifNoneMatch(node, PNG, othersToken, etag);

    assertEquals(401, anonymous.status());
    assertEquals(200, someoneElse.status());
    assertNotEquals(etag, someoneElse.headers().get("ETag"));
    assertEquals(Optional.of(node.get(CODE, othersToken).json().getString("qrText")), scan(someoneElse));
  }

  @Test
  void aColourChangeAnswersTheOldImagesETagWithTheNewCode() throws Exception {
    Resident resident = node.registerResident();
    String token = node.accessToken(resident);
    String green = node.get(PNG, token).headers().get("ETag");

    JsonObject fever = normalCheckIn().put("temperature", 38.6).put("symptoms", new JsonArray().add("FEVER"));
    JsonObject yellow = node.post("/api/v1/me/check-ins", token, fever).json().getJsonObject("healthCode");
    Reply after = ifNoneMatch(otherNode, PNG, token, green);

    assertEquals("YELLOW", yellow.getString("colour"));
    assertEquals(200, after.status());
    assertNotEquals(green, after.headers().get("ETag"));
    assertEquals(Optional.of(yellow.getString("qrText")), scan(after));
  }

  /** Marks the resident's codes revoked in the database alone, telling no node. */
  private static void revokeUntold(Resident resident) {
    database.preparedQuery("update issued_tokens set status = 1 where account_id = $1 and kind = 'HEALTH_CODE'")
      .execute(Tuple.of(UUID.fromString(resident.accountId()))).await();
  }

  private static void awaitListeners(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (database.query("select count(*) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'")
      .execute().await().iterator().next().getLong(0) < count) {
      assertTrue(System.nanoTime() < deadline, "the nodes listen again within seconds");
      Thread.sleep(50);
    }
  }

  /** The token {@code server} shows once it matches {@code shown}; fails if it still does not after five seconds. */
  private static String shownWithin(TestServer server, String token, Predicate<String> shown) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String code = server.get(CODE, token).json().getString("token");
    while (!shown.test(code) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      code = server.get(CODE, token).json().getString("token");
    }
    return code;
  }

  private static Reply get(TestServer server, String path, String token, String language) {
    return call(server, path, token, MultiMap.caseInsensitiveMultiMap().add("Accept-Language", language));
  }

  private static Reply ifNoneMatch(TestServer server, String path, String token, String etag) {
    return call(server, path, token, MultiMap.caseInsensitiveMultiMap().add("If-None-Match", etag));
  }

  private static Reply call(TestServer server, String path, String token, MultiMap headers) {
    return server.call(HttpMethod.GET, path, token, null, headers);
  }

  private static Optional<String> scan(Reply png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QrScanner().scanArgb(pixels, image.getWidth(), image.getHeight());
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.6).put("symptoms", new JsonArray().add("NONE"));
  }
}
