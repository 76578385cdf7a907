package io.tongxing.server.checkpoint;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every device request is signed by the device's own key, over its method, path, body and time,
 * with a nonce used once. Forgeries, replays, altered bodies and disabled devices are refused, and
 * nothing is stored.
 */
@ExtendWith(VertxExtension.class)
class DeviceAuthenticationTest {

  private static final String UPLOAD = "/api/v1/device/scan-records";
  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.staffToken(Role.ADMIN);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String batch(TestDevice device) {
    return new JsonObject().put("records", device.batch(1, 3, server.clock.instant().minusSeconds(60))).encode();
  }

  private static void assertRefused(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(code, reply.code(), reply.toString());
  }

  @Test
  void aRequestSignedByAnyOtherKeyIsRefused() {
    TestDevice device = TestDevice.enrolled(server, admin);
    KeyPair thief = TestDevice.newKey();
    String body = batch(device);
    Map<String, String> before = TestDatabase.snapshot();

    Reply forged = device.send(HttpMethod.POST, UPLOAD, body,
      TestDevice.proof(thief, device.deviceId, "POST", UPLOAD, body, server.clock.instant(), TestDevice.jti()));
    Reply garbage = device.send(HttpMethod.POST, UPLOAD, body, "eyJhbGciOiJub25lIn0.e30.");
    Reply unknown = device.send(HttpMethod.POST, UPLOAD, body,
      TestDevice.proof(thief, UUID.randomUUID().toString(), "POST", UPLOAD, body, server.clock.instant(), TestDevice.jti()));

    assertRefused(forged, 401, "DEVICE_SIGNATURE_INVALID");
    assertRefused(garbage, 401, "DEVICE_SIGNATURE_INVALID");
    assertRefused(unknown, 401, "DEVICE_UNKNOWN");
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void aSignatureCoversExactlyItsRequest() {
    TestDevice device = TestDevice.enrolled(server, admin);
    String body = batch(device);
    String proof = TestDevice.proof(device.keys, device.deviceId, "POST", UPLOAD, body, server.clock.instant(), TestDevice.jti());
    Map<String, String> before = TestDatabase.snapshot();

    Reply altered = device.send(HttpMethod.POST, UPLOAD, body.replace("\"PASS\"", "\"REVIEW\""), proof);
    Reply elsewhere = device.send(HttpMethod.POST, "/api/v1/device/sync", body, proof);

    assertRefused(altered, 401, "DEVICE_SIGNATURE_MISMATCH");
    assertRefused(elsewhere, 401, "DEVICE_SIGNATURE_MISMATCH");
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void aRecordedRequestCannotBeReplayed() {
    TestDevice device = TestDevice.enrolled(server, admin);
    String body = new JsonObject().encode();
    String proof = TestDevice.proof(device.keys, device.deviceId, "POST", "/api/v1/device/sync", body, server.clock.instant(),
      TestDevice.jti());

    Reply first = device.send(HttpMethod.POST, "/api/v1/device/sync", body, proof);
    Reply replayed = device.send(HttpMethod.POST, "/api/v1/device/sync", body, proof);

    assertEquals(200, first.status(), first.toString());
    assertRefused(replayed, 401, "DEVICE_REQUEST_REPLAYED");

    String upload = batch(device);
    String uploadProof = TestDevice.proof(device.keys, device.deviceId, "POST", UPLOAD, upload, server.clock.instant(),
      TestDevice.jti());
    assertEquals(200, device.send(HttpMethod.POST, UPLOAD, upload, uploadProof).status());
    assertRefused(device.send(HttpMethod.POST, UPLOAD, upload, uploadProof), 401, "DEVICE_REQUEST_REPLAYED");
  }

  @Test
  void aSignatureFromOutsideTheTimeWindowIsRefusedWithTheServersTime() {
    TestDevice device = TestDevice.enrolled(server, admin);
    String body = batch(device);
    Instant stale = server.clock.instant().minusSeconds(301);
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = device.send(HttpMethod.POST, UPLOAD, body,
      TestDevice.proof(device.keys, device.deviceId, "POST", UPLOAD, body, stale, TestDevice.jti()));

    assertRefused(reply, 401, "DEVICE_CLOCK_SKEW");
    assertEquals(server.clock.instant().toString(), reply.json().getJsonObject("details").getString("serverTime"));
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void aDisabledDeviceIsRefusedEverything() {
    TestDevice device = TestDevice.enrolled(server, admin);
    assertEquals(200, device.sync().status());

    Reply disabled = server.post("/api/v1/admin/checkpoint-devices/" + device.deviceId + "/disable", admin,
      new JsonObject().put("reason", "设备丢失"));
    assertEquals(200, disabled.status(), disabled.toString());
    assertTrue(disabled.json().getString("disabledAt") != null);
    Map<String, String> before = TestDatabase.snapshot();

    assertRefused(device.upload(device.batch(1, 3, server.clock.instant().minusSeconds(60))), 403, "DEVICE_DISABLED");
    assertRefused(device.sync(), 403, "DEVICE_DISABLED");
    assertEquals(before, TestDatabase.snapshot());
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'device.disabled' and subject_id = ?",
      device.deviceId));
  }

  @Test
  void aDeviceMayCallOnlyDeviceRoutes() {
    TestDevice device = TestDevice.enrolled(server, admin);
    assertRefused(device.call(HttpMethod.GET, "/api/v1/admin/checkpoints", null), 403, "ROLE_NOT_ALLOWED");
    assertRefused(server.post("/api/v1/device/sync", admin, new JsonObject()), 403, "ROLE_NOT_ALLOWED");
    assertRefused(server.post("/api/v1/device/sync", null, new JsonObject()), 401, "AUTHENTICATION_REQUIRED");
  }
}
