package io.tongxing.server.federation;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.jose.Base64Url;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.util.List;

/**
 * Beijing (110000) and Langfang (131000): two real region servers on loopback, each on its own
 * database with its own keys, sharing one test clock, introduced to each other. Langfang accepts
 * no bulletins from Beijing (for the out-of-scope case).
 */
final class TwoRegions {

  final MutableClock clock = new MutableClock(TestServer.START);
  final KeyMaterial beijingKeys = KeyMaterial.random(new SecureRandom());
  final KeyMaterial langfangKeys = KeyMaterial.random(new SecureRandom());
  final String contactKey;
  final Vertx vertx;
  TestServer beijing;
  TestServer langfang;
  String beijingAdmin;
  String langfangAdmin;
  String langfangAtBeijing;
  String beijingAtLangfang;

  private final String beijingDatabase;
  private final String langfangDatabase;

  TwoRegions(Vertx vertx) {
    this(vertx, "fed", null);
  }

  /**
   * The regions on databases {@code <prefix>_beijing} and {@code <prefix>_langfang}; Beijing accepts
   * from Langfang what {@code langfangInbound} says (null: everything on every corridor).
   */
  TwoRegions(Vertx vertx, String prefix, JsonObject langfangInbound) {
    this.vertx = vertx;
    this.beijingDatabase = prefix + "_beijing";
    this.langfangDatabase = prefix + "_langfang";
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.contactKey = Base64Url.encode(key);
    beijing = start(beijingDatabase, "110000", "北京市", "Beijing", beijingKeys, 0);
    langfang = start(langfangDatabase, "131000", "廊坊市", "Langfang", langfangKeys, 0);
    beijingAdmin = beijing.staffToken(Role.ADMIN);
    langfangAdmin = langfang.staffToken(Role.ADMIN);
    langfangAtBeijing = introduce(beijing, beijingAdmin, langfang, "131000", "廊坊市", "Langfang", langfangInbound != null
      ? langfangInbound : everywhere(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE", "BULLETIN")));
    beijingAtLangfang = introduce(langfang, langfangAdmin, beijing, "110000", "北京市", "Beijing",
      everywhere(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE")));
  }

  TestServer start(String database, String code, String name, String nameEn, KeyMaterial keys, int port) {
    JsonObject overrides = new JsonObject()
      .put("region", new JsonObject().put("code", code).put("name", name).put("nameEn", nameEn))
      .put("http", new JsonObject().put("port", port))
      // The tests fetch on demand (POST …/fetches does what the timer does); the outbox looks every 200 ms.
      .put("federation", new JsonObject().put("fetchIntervalSeconds", 0).put("outboxIntervalMillis", 200));
    return TestServer.start(vertx, overrides, List.of(), TestDatabase.otherDatabase(database),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, keys);
  }

  /** Restarts Langfang on its port and database, as after an outage. */
  void restartLangfang(int port) {
    langfang = start(langfangDatabase, "131000", "廊坊市", "Langfang", langfangKeys, port);
    langfangAdmin = langfang.staffToken(Role.ADMIN);
  }

  static JsonObject everywhere(List<String> kinds) {
    return new JsonObject().put("kinds", new JsonArray(kinds)).put("corridors", new JsonArray().add("*"));
  }

  private String introduce(TestServer at, String admin, TestServer partner, String code, String name, String nameEn,
                           JsonObject inbound) {
    JsonArray all = new JsonArray(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE", "BULLETIN"));
    TestServer.Reply reply = at.post("/api/v1/admin/partners", admin, new JsonObject()
      .put("regionCode", code).put("name", name).put("nameEn", nameEn)
      .put("baseUrl", "http://localhost:" + partner.port())
      .put("trustKeyThumbprint", partner.server.services().trustKeyThumbprint().await())
      .put("contactKey", contactKey)
      .put("scope", new JsonObject()
        .put("inbound", inbound)
        .put("outbound", new JsonObject().put("kinds", all).put("corridors", new JsonArray().add("*"))))
      .put("reason", "联防联控协议 2020"));
    if (reply.status() != 201) {
      throw new IllegalStateException("introduction failed: " + reply);
    }
    return reply.json().getString("id");
  }

  void stop() {
    beijing.stop();
    langfang.stop();
  }
}
