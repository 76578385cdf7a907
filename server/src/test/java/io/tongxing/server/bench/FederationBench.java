package io.tongxing.server.bench;

import com.nimbusds.jose.jwk.ECKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.jose.Base64Url;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.RecordingCodeSender;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.status.StatusListToken;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.StatusLists;
import io.tongxing.verify.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Time from a status change in Langfang to a Beijing checkpoint's PASS becoming STOP, given a device
 * sync: two real servers, real clock, default federation intervals (partners fetched every 30 s).
 * The device syncs every 200 ms, so the figure is the server-to-server part plus at most 0.2 s.
 * Reference printed beside it: the fetch interval, the expected worst case.
 *
 * <pre>mvn -B -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.tongxing.server.bench.FederationBench</pre>
 */
public final class FederationBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    Vertx vertx = Vertx.vertx();
    WebClient web = WebClient.create(vertx);
    RegionServer beijing = start(vertx, "bench_beijing", "110000", "北京市", "Beijing");
    RegionServer langfang = start(vertx, "bench_langfang", "131000", "廊坊市", "Langfang");
    String b = "http://localhost:" + beijing.port();
    String l = "http://localhost:" + langfang.port();
    String bAdmin = admin(beijing, web, b);
    String lAdmin = admin(langfang, web, l);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    JsonObject scope = new JsonObject()
      .put("inbound", new JsonObject().put("kinds", new JsonArray().add("HEALTH_CODE")).put("corridors", new JsonArray().add("*")))
      .put("outbound", new JsonObject().put("kinds", new JsonArray().add("HEALTH_CODE")).put("corridors", new JsonArray().add("*")));
    send(web, "POST", b + "/api/v1/admin/partners", bAdmin, new JsonObject().put("regionCode", "131000").put("name", "廊坊市")
      .put("nameEn", "Langfang").put("baseUrl", l).put("trustKeyThumbprint", langfang.services().trustKeyThumbprint().await())
      .put("contactKey", Base64Url.encode(key)).put("scope", scope).put("reason", "bench"), 201);
    ECPublicKey pinned = ECKey.parse(send(web, "GET", b + "/.well-known/tongxing-trust-key.json", null, null, 200)
      .bodyAsJsonObject().getJsonObject("jwk").getMap()).toECPublicKey();

    List<Double> seconds = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      UUID person = langfang.services().accounts().createVerifiedResident("测试居民", idNumber(round), "1390000" + (1000 + round),
        "Bench-password-" + round).await();
      JsonObject code = langfang.services().healthCodes().current(person).await().toJson();
      String qr = code.getString("qrText");
      long list = code.getJsonObject("status").getLong("list");
      while (verify(web, b, pinned, list, qr).outcome() != io.tongxing.verify.Outcome.PASS) {
        Thread.sleep(500); // until Beijing has Langfang's bundle and list with this code
      }
      Thread.sleep(new SecureRandom().nextInt(30_000)); // a random moment within the fetch cycle
      long changed = System.nanoTime();
      send(web, "POST", l + "/api/v1/admin/persons/" + person + "/flags", lAdmin,
        new JsonObject().put("flag", "CLOSE_CONTACT").put("reason", "bench"), 201);
      Verdict verdict;
      do {
        Thread.sleep(200);
        verdict = verify(web, b, pinned, list, qr);
      } while (verdict.outcome() != io.tongxing.verify.Outcome.STOP);
      double s = (System.nanoTime() - changed) / 1e9;
      seconds.add(s);
      System.out.printf("round %d: PASS -> STOP after %.1f s (%s)%n", round + 1, s, verdict.reason());
    }
    Collections.sort(seconds);
    System.out.printf("status change in Langfang -> STOP at a Beijing checkpoint: median %.1f s, max %.1f s over %d rounds; "
      + "reference: fetch interval 30 s (worst case), target < 60 s%n", seconds.get(seconds.size() / 2),
      seconds.get(seconds.size() - 1), seconds.size());
    beijing.stop().await();
    langfang.stop().await();
    vertx.close().await();
    System.exit(0);
  }

  private static Verdict verify(WebClient web, String b, ECPublicKey pinned, long list, String qr) throws Exception {
    TrustStore trust = TrustBundle.verify(send(web, "GET", b + "/trust-bundle", null, null, 200).bodyAsString(), List.of(pinned), null);
    HttpResponse<Buffer> partnerList = web.getAbs(b + "/partners/131000/status-lists/" + list).send().await();
    StatusLists lists = partnerList.statusCode() == 200
      ? StatusLists.of(List.of(StatusListToken.verify(partnerList.bodyAsString(), trust, null))) : StatusLists.none();
    return OfflineVerifier.builder(trust, CheckpointPolicy.builder(RegionCode.of("110112")).build()).statusLists(lists)
      .clock(Clock.systemUTC()).build().verify(qr);
  }

  private static RegionServer start(Vertx vertx, String database, String code, String name, String nameEn) {
    JsonObject json = ConfigLoader.defaults();
    json.getJsonObject("region").put("code", code).put("name", name).put("nameEn", nameEn);
    json.getJsonObject("http").put("port", 0).put("instances", 1);
    return RegionServer.start(vertx, new ServerConfig(json), new Dependencies(TestDatabase.otherDatabase(database),
      KeyMaterial.random(new SecureRandom()), Clock.systemUTC(), new SecureRandom(), new RecordingCodeSender(),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of())).await();
  }

  private static String admin(RegionServer server, WebClient web, String base) {
    String user = "bench" + Integer.toString(new SecureRandom().nextInt(1 << 30), 36);
    server.services().accounts().createStaffBySystem(Role.ADMIN, user, "bench", "Bench-admin-pass", "bench").await();
    return send(web, "POST", base + "/api/v1/auth/login", null, new JsonObject().put("login", user).put("password", "Bench-admin-pass"), 200)
      .bodyAsJsonObject().getString("accessToken");
  }

  private static HttpResponse<Buffer> send(WebClient web, String method, String url, String token, JsonObject body, int expected) {
    var request = web.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), url);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body)).await();
    if (response.statusCode() != expected) {
      throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    return response;
  }

  private static String idNumber(int round) {
    String first17 = "13100219900101" + String.format("%03d", 100 + round + new SecureRandom().nextInt(800));
    return first17 + io.tongxing.identity.ResidentIdNumbers.checkCharacter(first17);
  }
}
