package io.tongxing.server.http;

import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every operation of docs/openapi.yaml with every role and without a token: a role listed in
 * the operation's x-roles gets past access control, any other gets 403, no token gets 401. Operations
 * only partners call ({@code x-roles: [PARTNER]}) refuse every bearer token: a request signature opens them.
 */
@ExtendWith(VertxExtension.class)
class RoleWalkTest {

  private static TestServer server;
  private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
  /** Devices have no tokens: an enrolled device signs each request of the walk. */
  private static TestDevice device;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    TOKENS.put(Role.RESIDENT, server.accessToken(server.registerResident()));
    TOKENS.put(Role.ENTERPRISE, server.enterpriseToken());
    for (Role role : List.of(Role.COMMUNITY_STAFF, Role.OFFICER, Role.ADMIN)) {
      TOKENS.put(role, server.staffToken(role));
    }
    // No partner server logs in yet; its token is minted to prove it is refused everywhere.
    TOKENS.put(Role.PARTNER, server.server.services().accessTokens().issue(UUID.randomUUID(), Role.PARTNER, UUID.randomUUID()));
    device = TestDevice.enrolled(server, TOKENS.get(Role.ADMIN));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void everyOperationDeclaresItsRolesAndMatchesItsSecurity() throws IOException {
    List<OpenApiContract.Operation> operations = OpenApiContract.load().operations();
    String text;
    try (InputStream in = RoleWalkTest.class.getResourceAsStream("/contract/openapi.yaml")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    long declared = text.lines().filter(line -> line.trim().startsWith("operationId:")).count();
    assertEquals(declared, operations.size(), "the walk covers every operation");
    for (OpenApiContract.Operation operation : operations) {
      assertTrue(operation.roles() != null && !operation.roles().isEmpty(), operation.id());
    }
  }

  @TestFactory
  List<DynamicTest> everyRouteWithEveryRole() {
    List<DynamicTest> tests = new ArrayList<>();
    for (OpenApiContract.Operation operation : OpenApiContract.load().operations()) {
      boolean isPublic = operation.roles().contains("PUBLIC");
      // Partner operations are opened by a request signature only (FederationTest); no bearer token opens them.
      boolean partnerSigned = operation.roles().equals(List.of("PARTNER"));
      tests.add(DynamicTest.dynamicTest(operation.id() + " anonymous", () -> {
        Reply reply = call(operation, null);
        if (isPublic) {
          assertNotEquals(401, reply.status(), reply.toString());
          assertNotEquals(403, reply.status(), reply.toString());
          assertAnswered(reply);
        } else {
          assertEquals(401, reply.status(), reply.toString());
          assertEquals("AUTHENTICATION_REQUIRED", reply.code());
        }
      }));
      for (Role role : Role.values()) {
        tests.add(DynamicTest.dynamicTest(operation.id() + " as " + role, () -> {
          Reply reply = role == Role.DEVICE ? callAsDevice(operation) : call(operation, TOKENS.get(role));
          if (isPublic || (!partnerSigned && operation.roles().contains(role.name()))) {
            assertNotEquals(401, reply.status(), reply.toString());
            assertNotEquals(403, reply.status(), reply.toString());
            assertAnswered(reply);
          } else {
            assertEquals(403, reply.status(), reply.toString());
            assertEquals("ROLE_NOT_ALLOWED", reply.code());
          }
        }));
      }
    }
    return tests;
  }

  /** Let in, a request with the walk's made-up parameters is answered or refused for its input, never failed by the server. */
  private static void assertAnswered(Reply reply) {
    assertTrue(reply.status() < 500, "the server failed: " + reply);
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = TOKENS.get(Role.RESIDENT);
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

    Reply reply = server.get("/api/v1/me", tampered);

    assertEquals(401, reply.status());
    assertEquals("INVALID_ACCESS_TOKEN", reply.code());
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = TOKENS.get(Role.ADMIN);
    server.clock.advance(java.time.Duration.ofMinutes(16));
    try {
      assertEquals(401, server.get("/api/v1/me", token).status());
    } finally {
      server.clock.advance(java.time.Duration.ofMinutes(-16));
    }
  }

  @Test
  void aBearerTokenNamingADeviceIsRefusedEvenOnDeviceRoutes() {
    String minted = server.server.services().accessTokens().issue(device.id(), Role.DEVICE, UUID.randomUUID());

    Reply reply = server.post("/api/v1/device/sync", minted, new io.vertx.core.json.JsonObject());

    assertEquals(401, reply.status());
    assertEquals("INVALID_ACCESS_TOKEN", reply.code());
  }

  private static Reply call(OpenApiContract.Operation operation, String token) {
    return server.call(operation.method(), path(operation), token, operation.hasBody() ? "{}" : null);
  }

  private static Reply callAsDevice(OpenApiContract.Operation operation) {
    return device.call(operation.method(), path(operation), operation.hasBody() ? "{}" : null);
  }

  private static String path(OpenApiContract.Operation operation) {
    return operation.path()
      .replace("{personId}", UUID.randomUUID().toString())
      .replace("{code}", "110101")
      .replace("{list}", "1")
      .replace("{checkpointId}", "cp-role-walk")
      .replace("{officerId}", UUID.randomUUID().toString())
      .replace("{deviceId}", UUID.randomUUID().toString())
      .replace("{queryId}", "1")
      .replace("{partnerId}", UUID.randomUUID().toString())
      .replace("{region}", "131000")
      .replace("{corridorId}", "walk-corridor")
      .replace("{accountId}", UUID.randomUUID().toString())
      .replace("{employeeId}", UUID.randomUUID().toString())
      .replace("{importId}", UUID.randomUUID().toString())
      .replace("{documentId}", UUID.randomUUID().toString())
      .replace("{permitId}", UUID.randomUUID().toString())
      .replace("{applicationId}", UUID.randomUUID().toString())
      .replace("{passId}", UUID.randomUUID().toString());
  }
}
