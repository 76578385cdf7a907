package io.tongxing.server.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fuzz run of the HTTP API from docs/openapi.yaml: every operation, called by a role it admits,
 * with the hostile variants of {@link HostileRequests}. Whatever arrives, the answer is never a 5xx
 * and never shows a stack trace or an exception's name, and every refusal is the JSON error
 * {@code {code, message}}.
 */
@ExtendWith(VertxExtension.class)
class ApiFuzzTest {

  private static final Pattern LEAK = Pattern.compile("\\bat [a-z]+\\.[\\w.$]+\\(|Exception\\b|\\bjava\\.|\\bio\\.vertx\\.|\\bio\\.tongxing\\.|\\bSQLSTATE\\b");

  private static TestServer server;
  private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

  @BeforeAll
  static void start(Vertx vertx) {
    // A database of its own: plausible requests change rules, risk levels and flags that other test
    // classes, sharing the run's database, rely on.
    server = TestServer.start(vertx, new JsonObject(), List.of(), TestDatabase.otherDatabase("api_fuzz"),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    TOKENS.put(Role.RESIDENT, server.accessToken(server.registerResident()));
    TOKENS.put(Role.ENTERPRISE, server.enterpriseToken());
    for (Role role : List.of(Role.COMMUNITY_STAFF, Role.OFFICER, Role.ADMIN)) {
      TOKENS.put(role, server.staffToken(role));
    }
    for (Role role : List.of(Role.PARTNER, Role.DEVICE)) {
      TOKENS.put(role, server.server.services().accessTokens().issue(UUID.randomUUID(), role, UUID.randomUUID()));
    }
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @TestFactory
  List<DynamicTest> everyOperationAnswersHostileInputCleanly() {
    OpenApiContract contract = OpenApiContract.load();
    List<DynamicTest> tests = new ArrayList<>();
    for (OpenApiContract.Operation operation : contract.operations()) {
      tests.add(DynamicTest.dynamicTest(operation.id(), () -> {
        String token = tokenFor(operation);
        List<String> failures = new ArrayList<>();
        List<HostileRequests.Request> requests = new HostileRequests(contract, operation).all();
        for (HostileRequests.Request request : requests) {
          Reply reply = server.call(request.method(), request.path(), token, request.body(), request.headers());
          String problem = problem(reply);
          if (problem != null) {
            failures.add(request + " -> " + reply.status() + ": " + problem);
          }
        }
        assertTrue(requests.size() > 1, "hostile variants were made");
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + requests.size() + " answered badly:\n" + String.join("\n", failures));
      }));
    }
    return tests;
  }

  @Test
  void aRequestLineBeyondTheLimitIsRefusedAsJson() {
    Reply reply = server.call(HttpMethod.GET, "/api/v1/me?pad=" + "p".repeat(20_000), null, null,
      MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en"));

    assertEquals(414, reply.status());
    assertEquals("URI_TOO_LONG", reply.code());
    // HTTP stops reading at the request line, so Accept-Language is never seen: the region's default language.
    assertEquals("请求地址过长。", reply.json().getString("message"));
    assertEquals("zh-CN", reply.headers().get("Content-Language"));
  }

  private static String tokenFor(OpenApiContract.Operation operation) {
    for (String role : operation.roles()) {
      if (!"PUBLIC".equals(role)) {
        return TOKENS.get(Role.valueOf(role));
      }
    }
    return null;
  }

  /** What is wrong with a reply, or null. */
  private static String problem(Reply reply) {
    String body = reply.body().toString();
    if (reply.status() >= 500) {
      return "server error " + abbreviate(body);
    }
    String type = reply.headers().get("Content-Type");
    boolean document = reply.status() < 400 && type != null && !type.startsWith("application/json");
    // Documents the API publishes (the contract itself, images, signed downloads) are not searched.
    if (!document && LEAK.matcher(body).find()) {
      return "leaks internals: " + abbreviate(body);
    }
    if (reply.status() >= 400) {
      try {
        JsonObject error = new JsonObject(body);
        if (error.getString("code") == null || error.getString("message") == null) {
          return "error without code and message: " + abbreviate(body);
        }
      } catch (DecodeException | ClassCastException e) {
        return "error is not JSON: " + abbreviate(body);
      }
    }
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
