package io.tongxing.server.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.holder.HolderSigner;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.server.auth.DemoOneTimeCodeSender;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.db.Database;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.JcaProviders;
import io.tongxing.sync.DeviceRequestProof;
import io.tongxing.token.HolderKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgConnectOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A region server on a durable embedded PostgreSQL, an admin, and checkpoint devices enrolled
 * through the API as officers enroll them: what the checkpoint benchmarks share. The load generator
 * runs on a Vert.x of its own with one event loop.
 */
final class BenchRegion implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The database the server uses (the Citus coordinator for a cluster). */
  final PgConnectOptions database;
  private final AutoCloseable databaseOwner;
  final RegionServer server;
  final Vertx loadVertx;
  final WebClient client;
  final Provider provider = JcaProviders.nativeOrDefault(true);
  /** The server's clock; device proofs are signed by it too, so they stay within the server's tolerance. */
  final Clock clock;
  private final Vertx serverVertx;
  private final String admin;

  private BenchRegion(PgConnectOptions database, AutoCloseable databaseOwner, Clock clock, Vertx serverVertx, RegionServer server,
                      Vertx loadVertx, WebClient client, String admin) {
    this.clock = clock;
    this.database = database;
    this.databaseOwner = databaseOwner;
    this.serverVertx = serverVertx;
    this.server = server;
    this.loadVertx = loadVertx;
    this.client = client;
    this.admin = admin;
  }

  /** A migrated, durable database (fsync and synchronous commit on), not yet with a server. */
  static EmbeddedDatabase database(Path dataDir) {
    // The settings a region's embedded server runs with (default-config.json), and pg_stat_statements if asked.
    Map<String, String> settings = new TreeMap<>(new ServerConfig(ConfigLoader.defaults()).embeddedSettings());
    if (Boolean.getBoolean("bench.pgActivity")) {
      settings.put("shared_preload_libraries", "pg_stat_statements");
    }
    EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0, "tongxing", true, settings);
    Database.migrate(db.connectOptions());
    return db;
  }

  static BenchRegion start(Path dataDir, EmbeddedDatabase db, Consumer<JsonObject> configure) {
    return start(dataDir, db, Clock.systemUTC(), configure);
  }

  static BenchRegion start(Path dataDir, EmbeddedDatabase db, Clock clock, Consumer<JsonObject> configure) {
    return start(db.connectOptions(), db, clock, configure);
  }

  /** A region server on {@code database}, which {@link #close()} closes through {@code owner}. */
  static BenchRegion start(PgConnectOptions database, AutoCloseable owner, Clock clock, Consumer<JsonObject> configure) {
    // One access-log line per request would be most of what a benchmark prints.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("tongxing.access")).setLevel(ch.qos.logback.classic.Level.WARN);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ColourService.class)).setLevel(ch.qos.logback.classic.Level.WARN);
    Vertx serverVertx = Vertx.vertx();
    JsonObject json = ConfigLoader.defaults();
    json.getJsonObject("http").put("port", 0).put("instances", 2);
    json.getJsonObject("db").put("poolSize", 16);
    json.getJsonObject("colours").put("sweepIntervalSeconds", 0);
    json.getJsonObject("auth").put("accessTokenTtlSeconds", 24 * 3600)
      .put("argon2", new JsonObject().put("memoryKiB", 1024).put("iterations", 1).put("parallelism", 1));
    configure.accept(json);
    Dependencies deps = new Dependencies(database, KeyMaterial.random(new SecureRandom()), clock,
      new SecureRandom(), new DemoOneTimeCodeSender(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(),
      JcaProviders.nativeOrDefault(true));
    RegionServer server = RegionServer.start(serverVertx, new ServerConfig(json), deps).await();
    Vertx loadVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    WebClient client = WebClient.create(loadVertx, new WebClientOptions().setDefaultHost("localhost")
      .setDefaultPort(server.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(32));
    UUID adminId = server.services().accounts().createStaffBySystem(Role.ADMIN, "bench-admin", "基准管理员",
      "Bench-admin-pass-1", "benchmark").await();
    String admin = server.services().accessTokens().issue(adminId, Role.ADMIN, UUID.randomUUID());
    return new BenchRegion(database, owner, clock, serverVertx, server, loadVertx, client, admin);
  }

  /** A checkpoint {@code id} with the default policy, an officer bound to it, and one device enrolled there. */
  Device enrollAt(String id, boolean register) {
    if (register) {
      expect(201, post("/api/v1/admin/checkpoints", admin, new JsonObject().put("id", id).put("nameZh", "基准检查站")
        .put("nameEn", "Bench checkpoint").put("region", "110112")
        .put("location", "京哈高速").put("direction", "INBOUND").put("reason", "benchmark")));
    }
    String username = "officer-" + UUID.randomUUID().toString().substring(0, 8);
    UUID officerId = server.services().accounts().createStaffBySystem(Role.OFFICER, username, "执勤员", "Officer-pass-1", "bench")
      .await();
    expect(200, client.put("/api/v1/admin/checkpoints/" + id + "/officers/" + officerId)
      .putHeader("Authorization", "Bearer " + admin).sendJsonObject(new JsonObject().put("reason", "on duty")).await());
    String officer = server.services().accessTokens().issue(officerId, Role.OFFICER, UUID.randomUUID());
    String code = expect(201, post("/api/v1/admin/checkpoints/" + id + "/enrollment-codes", admin,
      new JsonObject().put("reason", "bench device"))).bodyAsJsonObject().getString("code");
    KeyPair keys = newKey();
    String publicKey = HolderKey.of((ECPublicKey) keys.getPublic()).encoded();
    String body = new JsonObject().put("code", code).put("publicKey", publicKey).encode();
    String proof = sign(keys, publicKey, "/api/v1/checkpoint-devices", body);
    JsonObject enrolled = expect(201, client.post("/api/v1/checkpoint-devices").putHeader("Authorization", "Bearer " + officer)
      .putHeader("Tx-Device-Proof", proof).putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(body)).await()).bodyAsJsonObject();
    return new Device(enrolled.getString("deviceId"), id, keys, enrolled);
  }

  /** An enrolled device: its id, checkpoint and key. */
  record Device(String id, String checkpointId, KeyPair keys, JsonObject enrollment) {
  }

  /** A POST signed by the device, as {@code Authorization: TX-Device <proof>}. */
  Future<HttpResponse<Buffer>> devicePost(Device device, String path, String body) {
    return devicePost(device, path, body, jti());
  }

  /** A signed POST with the given {@code jti} (a sync's answer names it). */
  Future<HttpResponse<Buffer>> devicePost(Device device, String path, String body, String jti) {
    return client.post(path).putHeader("Authorization", "TX-Device " + sign(device.keys(), device.id(), path, body, jti))
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
  }

  static String jti() {
    return DeviceRequestProof.randomJti(RANDOM);
  }

  String sign(KeyPair keys, String kid, String path, String body) {
    return sign(keys, kid, path, body, jti());
  }

  String sign(KeyPair keys, String kid, String path, String body, String jti) {
    try {
      return DeviceRequestProof.sign(HolderSigner.of(keys.getPrivate(), provider), kid, "POST", path,
        body.getBytes(StandardCharsets.UTF_8), clock.instant(), jti);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return client.post(path).putHeader("Authorization", "Bearer " + token).sendJsonObject(body).await();
  }

  static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + " " + response.bodyAsString());
    }
    return response;
  }

  static KeyPair newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Path tempDir() throws java.io.IOException {
    return Files.createTempDirectory("tongxing-bench");
  }

  /** Removes a benchmark's directory (its database alone is a few hundred MB; the nodes' access logs more). */
  static void deleteTempDir(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Override
  public void close() {
    server.stop().await();
    loadVertx.close().await();
    serverVertx.close().await();
    try {
      databaseOwner.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the database", e);
    }
  }
}
