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
import io.vertx.pgclient.PgConnectOptions;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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

  @BeforeAll
  static void start(Vertx vertx) {
    PgConnectOptions database = TestDatabase.otherDatabase("codedisplay");
    MutableClock clock = new MutableClock(TestServer.START);
    node = TestServer.start(vertx, new JsonObject(), List.of(), database, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
      clock, TestDatabase.KEYS);
    otherNode = TestServer.start(vertx, new JsonObject(), List.of(), database,
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, TestDatabase.KEYS);
  }

  @AfterAll
  static void stop() {
    node.stop();
    otherNode.stop();
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
