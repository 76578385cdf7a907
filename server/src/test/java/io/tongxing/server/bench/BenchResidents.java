package io.tongxing.server.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.server.Services;
import io.tongxing.server.auth.DemoOneTimeCodeSender;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.JcaProviders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Registered residents with long-lived access tokens, for the benchmarks' load generators. */
final class BenchResidents {

  private BenchResidents() {
  }

  /** Registers {@code count} residents through {@code services}, 32 at a time; their access tokens. */
  static List<String> register(Services services, int count) {
    List<String> tokens = new ArrayList<>();
    List<Future<UUID>> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(services.accounts().createVerifiedResident("基准居民", idNumber(i), String.format("139%08d", i), "Bench-pass-1"));
      if (batch.size() == 32 || i == count - 1) {
        for (Future<UUID> f : batch) {
          // A login of its own for each token: none of them is ever ended.
          tokens.add(services.accessTokens().issue(f.await(), Role.RESIDENT, UUID.randomUUID()));
        }
        batch.clear();
      }
    }
    return tokens;
  }

  /**
   * Registers {@code count} residents on {@code db} through a server of this JVM that stops again, so
   * that servers elsewhere with the same {@code keys} accept the tokens.
   */
  static List<String> accessTokens(PgConnectOptions db, KeyMaterial keys, int count) {
    // A colour computed for each new resident would be a log line each.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ColourService.class)).setLevel(ch.qos.logback.classic.Level.WARN);
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject json = ConfigLoader.defaults();
      json.getJsonObject("http").put("port", 0).put("instances", 1);
      json.getJsonObject("colours").put("sweepIntervalSeconds", 0);
      json.getJsonObject("auth").put("accessTokenTtlSeconds", 100L * 365 * 24 * 3600)
        .put("argon2", new JsonObject().put("memoryKiB", 1024).put("iterations", 1).put("parallelism", 1));
      Dependencies deps = new Dependencies(db, keys, Clock.systemUTC(), new SecureRandom(), new DemoOneTimeCodeSender(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), JcaProviders.nativeOrDefault(true));
      RegionServer server = RegionServer.start(vertx, new ServerConfig(json), deps).await();
      List<String> tokens = register(server.services(), count);
      server.stop().await();
      return tokens;
    } finally {
      vertx.close().await();
    }
  }

  /** Distinct, valid resident ID numbers: a thousand a birthday. */
  static String idNumber(int i) {
    String first17 = "110105" + LocalDate.of(1970, 1, 1).plusDays(i / 1000).format(DateTimeFormatter.BASIC_ISO_DATE)
      + String.format("%03d", i % 1000);
    return first17 + ResidentIdNumbers.checkCharacter(first17);
  }
}
