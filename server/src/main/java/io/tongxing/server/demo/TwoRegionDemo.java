package io.tongxing.server.demo;

import io.tongxing.jose.Base64Url;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.server.auth.DemoOneTimeCodeSender;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.db.Database;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.JcaProviders;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * {@code --demo-two-regions}: Beijing (110000, on {@code http.port}, 8080 by default) and Langfang (131000, on
 * {@code twoRegionDemo.secondPort}, 8081 by default; 0 takes a free port and the banner says which) in one
 * process, each on its own embedded database under {@code data/<region>/}, seeded with its own demo data
 * (Beijing's or Langfang's people, enterprise, commuter pass and checkpoint on the shared corridor) and
 * introduced to each other (every kind, every corridor, both ways).
 */
public final class TwoRegionDemo {

  private TwoRegionDemo() {
  }

  public static void run(Vertx vertx, ServerConfig config) {
    byte[] contactKey = new byte[32];
    new SecureRandom().nextBytes(contactKey);
    JsonObject defaults = config.withDemoData().json();
    Region beijing = start(vertx, defaults, "110000", "北京市", "Beijing", config.httpPort(), "beijing");
    Region langfang = start(vertx, defaults, "131000", "廊坊市", "Langfang", config.twoRegionDemoSecondPort(), "langfang");
    introduce(beijing, langfang, contactKey);
    introduce(langfang, beijing, contactKey);
    // Fetch each other's documents now rather than at the first timer tick, so that what the banner
    // says to scan passes as soon as it is printed.
    beijing.server.services().federation().documents().fetchAll().await();
    langfang.server.services().federation().documents().fetchAll().await();
    DemoData.DemoRegion lf = langfang.demo.region();
    JsonObject commuterPass = langfang.demo.commuterPass().await();
    String pass = DemoData.usable(commuterPass) ? commuterPass.getString("id") : null;
    String lfBase = "http://localhost:" + langfang.port;
    String bjBase = "http://localhost:" + beijing.port;
    System.out.println("\n  Tongxing 通行 — two regions in one process, introduced to each other\n"
      + "  北京市 110000   " + bjBase + "   (each has fetched the other's trust bundle and status lists; again every 30 s)\n"
      + "  廊坊市 131000   " + lfBase + "\n"
      + "  Both: the logins below (admin / " + DemoData.STAFF_PASSWORD + " …); Langfang's residents log in with 1390000000x\n"
      + "\n  北京市 " + bjBase + beijing.demo.walkthrough(bjBase).await()
      + "\n  廊坊市 " + lfBase + langfang.demo.walkthrough(lfBase).await()
      + "\n  Scan a Langfang commuter's pass at the Beijing checkpoint (" + DemoData.DemoRegion.BEIJING.checkpointId() + "):\n"
      + "    T=$(curl -s -XPOST " + lfBase + "/api/v1/auth/login -H 'content-type: application/json' \\\n"
      + "          -d '{\"login\":\"" + lf.commuterPhone() + "\",\"password\":\"" + DemoData.RESIDENT_PASSWORD
      + "\"}' | jq -r .accessToken)\n"
      + (pass == null ? "    (the commuter's pass is " + (commuterPass == null ? "missing" : commuterPass.getString("state"))
          + ": there is none to scan until a new application is approved)\n"
        : "    curl -s -H \"authorization: Bearer $T\" -o pass.png " + lfBase + "/api/v1/me/passes/" + pass + "/qr.png\n")
      + "    curl -s -H \"authorization: Bearer $T\" -o code.png " + lfBase + "/api/v1/me/health-code/qr.png\n"
      + (pass == null ? "" : "    java -jar server/target/tongxing-server.jar verify --server " + bjBase + " --region "
        + DemoData.DemoRegion.BEIJING.checkpointRegion() + " --corridor " + DemoData.CORRIDOR + " --pass-required pass.png\n")
      + "    java -jar server/target/tongxing-server.jar verify --server " + bjBase + " code.png\n"
      + "  (PASS; the Android app in checkpoint mode, enrolled at " + DemoData.DemoRegion.BEIJING.checkpointId()
      + " with the code above,\n   gets Langfang's keys and status lists in its sync with Beijing)\n"
      + "\n  Federation: GET  /api/v1/admin/partners            (admin of either: state, document ages)\n"
      + "        POST /api/v1/admin/federation/close-contact-notices on " + beijing.port + " naming a " + langfang.port
      + " resident's ID number\n"
      + "        GET  /api/v1/me/colour on " + langfang.port + " as that resident: red within seconds\n"
      + "        Partner status lists for devices: " + bjBase + "/partners/131000/status-lists/1\n"
      + "\n  北京市" + beijing.demo.logins()
      + "\n  廊坊市" + langfang.demo.logins());
  }

  private record Region(RegionServer server, Database database, DemoData demo, String code, String name, String nameEn,
                        int port) {
  }

  private static Region start(Vertx vertx, JsonObject defaults, String code, String name, String nameEn, int port, String dir) {
    JsonObject json = defaults.copy();
    json.getJsonObject("region").put("code", code).put("name", name).put("nameEn", nameEn);
    json.getJsonObject("http").put("port", port);
    json.getJsonObject("db").getJsonObject("embedded").put("dataDir", "data/" + dir + "/pg");
    json.getJsonObject("keys").put("file", "data/" + dir + "/keys.json");
    ServerConfig config = new ServerConfig(json);
    Database database = Database.open(config);
    SecureRandom random = new SecureRandom();
    KeyMaterial keys = KeyMaterial.load(config.keys(), true, random);
    RegionServer server = RegionServer.start(vertx, config, new Dependencies(database.connectOptions(), keys, Clock.systemUTC(),
      random, new DemoOneTimeCodeSender(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(),
      JcaProviders.nativeOrDefault(config.nativeCryptoProvider()))).await();
    DemoData demo = new DemoData(server.services(), Clock.systemUTC(), config.zone(), DemoData.DemoRegion.of(code));
    int bound = server.port();
    // Stop this region's HTTP and database on exit (Ctrl-C, SIGTERM), so a later start finds no
    // postmaster of ours still holding the data directory.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop().await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
        // stopping anyway
      }
      database.close();
    }, "tongxing-shutdown-" + dir));
    demo.seed().await();
    server.startedUp();
    return new Region(server, database, demo, code, name, nameEn, bound);
  }

  private static void introduce(Region at, Region partner, byte[] contactKey) {
    JsonArray all = new JsonArray(List.of("HEALTH_CODE", "COMMUTER_PASS", "CLOSE_CONTACT_NOTICE", "RELEASE_NOTICE", "BULLETIN"));
    JsonObject direction = new JsonObject().put("kinds", all).put("corridors", new JsonArray().add("*"));
    var admin = new Principal(at.server.services().accounts().accountByUsername("admin").await(), Role.ADMIN);
    if (at.server.services().federation().partners().byRegion(at.server.services().pool(),
      io.tongxing.token.RegionCode.of(partner.code)).await().isPresent()) {
      return; // introduced on an earlier start
    }
    at.server.services().federation().partners().introduce(admin, new JsonObject()
      .put("regionCode", partner.code).put("name", partner.name).put("nameEn", partner.nameEn)
      .put("baseUrl", "http://localhost:" + partner.port)
      .put("trustKeyThumbprint", partner.server.services().trustKeyThumbprint().await())
      .put("contactKey", Base64Url.encode(contactKey))
      .put("scope", new JsonObject().put("inbound", direction).put("outbound", direction.copy()))
      .put("reason", "demo: 京廊联防联控")).await();
  }
}
