package io.tongxing.server.support;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.http.Role;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgConnectOptions;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/** A region server for one test class, on the shared test database, with a clock the test controls. */
public final class TestServer {

  /** 10:00 in Beijing. */
  public static final Instant START = Instant.parse("2026-03-15T02:00:00Z");

  public final MutableClock clock;
  public final RecordingCodeSender codes = new RecordingCodeSender();
  public final ServerConfig config;
  public final RegionServer server;
  private final WebClient client;
  private final int port;

  private TestServer(Vertx vertx, ServerConfig config, PgConnectOptions database, List<ColourChangeListener> listeners,
                     PrometheusMeterRegistry metrics, MutableClock clock, KeyMaterial keys) {
    this.config = config;
    this.clock = clock;
    Dependencies deps = new Dependencies(database, keys, clock, new SecureRandom(),
      codes, metrics, listeners);
    this.server = RegionServer.start(vertx, config, deps).await();
    this.port = server.port();
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  public static TestServer start(Vertx vertx) {
    return start(vertx, new JsonObject(), List.of());
  }

  public static TestServer start(Vertx vertx, JsonObject overrides, List<ColourChangeListener> listeners) {
    return start(vertx, overrides, listeners, TestDatabase.connectOptions(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public static TestServer start(Vertx vertx, JsonObject overrides, List<ColourChangeListener> listeners,
                                 PgConnectOptions database, PrometheusMeterRegistry metrics) {
    return start(vertx, overrides, listeners, database, metrics, new MutableClock(START), TestDatabase.KEYS);
  }

  /** A server of its own region: its own database, keys and (possibly shared) clock. */
  public static TestServer start(Vertx vertx, JsonObject overrides, List<ColourChangeListener> listeners,
                                 PgConnectOptions database, PrometheusMeterRegistry metrics, MutableClock clock,
                                 KeyMaterial keys) {
    JsonObject json = ConfigLoader.defaults();
    json.getJsonObject("http").put("port", 0).put("instances", 1).put("trustForwardedFor", true);
    json.getJsonObject("colours").put("sweepIntervalSeconds", 0);
    json.getJsonObject("db").put("citus", TestDatabase.citus());
    json.getJsonObject("auth").getJsonObject("oneTimeCodes").put("maxPerSourcePerHour", 100_000);
    json.getJsonObject("auth").getJsonObject("login").put("maxFailuresPerSource", 100_000);
    // Argon2 at OWASP strength costs ~50 ms a login; the tests of hashing itself (CredentialsTest)
    // use the production parameters, every other test logs in often and gets a cheap hash.
    json.getJsonObject("auth").put("argon2", new JsonObject().put("memoryKiB", 1024).put("iterations", 1).put("parallelism", 1));
    json.mergeIn(overrides, true);
    return new TestServer(vertx, new ServerConfig(json), database, listeners, metrics, clock, keys);
  }

  public int port() {
    return port;
  }

  public void stop() {
    server.stop().await();
  }

  // ---- HTTP ----

  public Reply call(HttpMethod method, String path, String token, Object body) {
    return call(method, path, token, body, MultiMap.caseInsensitiveMultiMap());
  }

  public Reply call(HttpMethod method, String path, String token, Object body, MultiMap headers) {
    HttpRequest<Buffer> request = client.request(method, path).putHeaders(headers);
    if (!headers.contains("X-Forwarded-For")) {
      request.putHeader("X-Forwarded-For", "127.0.0.1");
    }
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> response;
    if (body == null) {
      response = request.send().await();
    } else if (body instanceof Buffer) {
      if (!headers.contains("Content-Type")) {
        request.putHeader("Content-Type", "application/json");
      }
      response = request.sendBuffer((Buffer) body).await();
    } else {
      request.putHeader("Content-Type", "application/json");
      response = request.sendBuffer(Buffer.buffer(String.valueOf(body))).await();
    }
    return new Reply(response.statusCode(), response.headers(), response.body() == null ? Buffer.buffer() : response.body());
  }

  public Reply get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  public Reply post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, token, body.encode());
  }

  public Reply put(String path, String token, JsonObject body) {
    return call(HttpMethod.PUT, path, token, body.encode());
  }

  public record Reply(int status, MultiMap headers, Buffer body) {
    public JsonObject json() {
      return body.toJsonObject();
    }

    public JsonArray array() {
      return body.toJsonArray();
    }

    public String field() {
      return json().getJsonObject("details").getString("field");
    }

    public String code() {
      return json().getString("code");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  // ---- accounts ----

  public record Resident(String accountId, String name, String idNumber, String phone, String password) {
  }

  public Resident registerResident() {
    String phone = Fixtures.phone();
    String idNumber = Fixtures.idNumber();
    String password = "Resident-pass-" + phone;
    requestCode(phone, "REGISTER");
    Reply reply = post("/api/v1/residents", null, new JsonObject()
      .put("name", "测试居民").put("idNumber", idNumber).put("phone", phone).put("password", password)
      .put("code", codes.lastCodeFor(phone)));
    if (reply.status() != 201) {
      throw new IllegalStateException("registration failed: " + reply);
    }
    return new Resident(reply.json().getString("accountId"), "测试居民", idNumber, phone, password);
  }

  public void requestCode(String phone, String purpose) {
    Reply reply = post("/api/v1/auth/one-time-codes", null, new JsonObject().put("phone", phone).put("purpose", purpose));
    if (reply.status() != 202) {
      throw new IllegalStateException("one-time code refused: " + reply);
    }
    clock.advance(java.time.Duration.ofSeconds(61));
  }

  public JsonObject login(String login, String password) {
    Reply reply = post("/api/v1/auth/login", null, new JsonObject().put("login", login).put("password", password));
    if (reply.status() != 200) {
      throw new IllegalStateException("login failed: " + reply);
    }
    return reply.json();
  }

  public String accessToken(Resident resident) {
    return login(resident.phone(), resident.password()).getString("accessToken");
  }

  /** Creates a staff account of this role (as the system) and logs it in. */
  public String staffToken(Role role) {
    String username = Fixtures.username();
    String password = "Staff-pass-" + username;
    server.services().accounts().createStaffBySystem(role, username, "测试" + role, password, "test").await();
    return login(username, password).getString("accessToken");
  }

  public String enterpriseToken() {
    String code = Fixtures.creditCode();
    String password = "Enterprise-pass-1";
    Reply reply = post("/api/v1/enterprises", null, new JsonObject().put("name", "测试企业").put("creditCode", code)
      .put("password", password));
    if (reply.status() != 201) {
      throw new IllegalStateException("enterprise registration failed: " + reply);
    }
    return login(code, password).getString("accessToken");
  }
}
