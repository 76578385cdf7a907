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
public final class TwoRegions {

  public final MutableClock clock = new MutableClock(TestServer.START);
  public final KeyMaterial beijingKeys = KeyMaterial.random(new SecureRandom());
  public final KeyMaterial langfangKeys = KeyMaterial.random(new SecureRandom());
  public final String contactKey;
  public final Vertx vertx;
  public TestServer beijing;
  public TestServer langfang;
  public String beijingAdmin;
  public String langfangAdmin;
  public String langfangAtBeijing;
  public String beijingAtLangfang;

  private final JsonObject federation;
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
    this(vertx, prefix, langfangInbound, new JsonObject());
  }

  /** As above, with {@code federation} settings of both servers (limits on partner calls, say) overridden. */
  public TwoRegions(Vertx vertx, String prefix, JsonObject langfangInbound, JsonObject federation) {
    this(vertx, federation, prefix);
    introduceEachOther(langfangInbound, "http://localhost:" + langfang.port());
  }

  /** Both regions started with these {@code federation} settings, not yet introduced to each other. */
  public static TwoRegions notIntroduced(Vertx vertx, String prefix, JsonObject federation) {
    return new TwoRegions(vertx, federation, prefix);
  }

  private TwoRegions(Vertx vertx, JsonObject federation, String prefix) {
    this.vertx = vertx;
    this.federation = federation;
    this.beijingDatabase = prefix + "_beijing";
    this.langfangDatabase = prefix + "_langfang";
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.contactKey = Base64Url.encode(key);
    beijing = start(beijingDatabase, "110000", "北京市", "Beijing", beijingKeys, 0);
    langfang = start(langfangDatabase, "131000", "廊坊市", "Langfang", langfangKeys, 0);
    beijingAdmin = beijing.staffToken(Role.ADMIN);
    langfangAdmin = langfang.staffToken(Role.ADMIN);
  }

  /**
   * Each admin introduces the other region; Beijing reaches Langfang at {@code langfangUrl} and
   * accepts from it what {@code langfangInbound} says (null: everything on every corridor).
   */
  public void introduceEachOther(JsonObject langfangInbound, String langfangUrl) {
    langfangAtBeijing = introduce(beijing, beijingAdmin, langfangUrl, langfang, "131000", "廊坊市", "Langfang",
      langfangInbound != null ? langfangInbound
        : everywhere(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE", "BULLETIN")));
    beijingAtLangfang = introduce(langfang, langfangAdmin, beijing, "110000", "北京市", "Beijing",
      everywhere(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE")));
  }

  /** Beijing's database: another node of Beijing starts on it. */
  public String beijingDatabase() {
    return beijingDatabase;
  }

  /** A region server on database {@code database}, with these tests' federation settings. */
  public TestServer start(String database, String code, String name, String nameEn, KeyMaterial keys, int port) {
    return start(database, code, name, nameEn, keys, port, new JsonObject());
  }

  /** As above, with more configuration overridden (its public address, say). */
  public TestServer start(String database, String code, String name, String nameEn, KeyMaterial keys, int port,
                          JsonObject more) {
    JsonObject overrides = new JsonObject()
      .put("region", new JsonObject().put("code", code).put("name", name).put("nameEn", nameEn))
      .put("http", new JsonObject().put("port", port))
      // The tests fetch on demand (POST …/fetches does what the timer does); the outbox looks every 200 ms.
      .put("federation", new JsonObject().put("fetchIntervalSeconds", 0).put("outboxIntervalMillis", 200).mergeIn(federation, true));
    overrides.mergeIn(more, true);
    return TestServer.start(vertx, overrides, List.of(), TestDatabase.otherDatabase(database),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, keys);
  }

  /** Restarts Langfang on its port and database, as after an outage. */
  void restartLangfang(int port) {
    langfang = start(langfangDatabase, "131000", "廊坊市", "Langfang", langfangKeys, port);
    langfangAdmin = langfang.staffToken(Role.ADMIN);
  }

  public static JsonObject everywhere(List<String> kinds) {
    return new JsonObject().put("kinds", new JsonArray(kinds)).put("corridors", new JsonArray().add("*"));
  }

  private String introduce(TestServer at, String admin, TestServer partner, String code, String name, String nameEn,
                           JsonObject inbound) {
    return introduce(at, admin, "http://localhost:" + partner.port(), partner, code, name, nameEn, inbound);
  }

  /** {@code at}'s admin introduces {@code partner}, reached at {@code baseUrl}; returns its partner id at {@code at}. */
  public String introduce(TestServer at, String admin, String baseUrl, TestServer partner, String code, String name,
                          String nameEn, JsonObject inbound) {
    JsonArray all = new JsonArray(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE", "BULLETIN"));
    TestServer.Reply reply = at.post("/api/v1/admin/partners", admin, new JsonObject()
      .put("regionCode", code).put("name", name).put("nameEn", nameEn)
      .put("baseUrl", baseUrl)
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

  public void stop() {
    beijing.stop();
    langfang.stop();
  }
}
