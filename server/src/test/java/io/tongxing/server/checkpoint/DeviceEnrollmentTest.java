package io.tongxing.server.checkpoint;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.token.HolderKey;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device is enrolled once, by an officer of the checkpoint, with a short-lived one-time code; it
 * registers its own key, proves it holds it, and pins the region's trust key.
 */
@ExtendWith(VertxExtension.class)
class DeviceEnrollmentTest {

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

  @Test
  void anOfficerEnrollsADeviceWhichPinsTheRegionsTrustKey() throws Exception {
    String checkpoint = TestDevice.registerCheckpoint(server, admin);
    String officer = TestDevice.officerAt(server, admin, checkpoint);
    String code = TestDevice.enrollmentCode(server, admin, checkpoint);
    KeyPair keys = TestDevice.newKey();

    Reply reply = TestDevice.enroll(server, officer, code.toLowerCase().replace("-", " "), keys,
      new JsonObject().put("label", "通州-1号机").put("firstSequence", 1001));

    assertEquals(201, reply.status(), reply.toString());
    JsonObject enrollment = reply.json();
    assertEquals(checkpoint, enrollment.getJsonObject("checkpoint").getString("id"));
    assertEquals("beijing-langfang", enrollment.getJsonObject("checkpoint").getString("corridorId"));
    JsonObject published = server.get("/.well-known/tongxing-trust-key.json", null).json();
    assertEquals(published.getString("thumbprint"), enrollment.getJsonArray("trustKeyThumbprints").getString(0));
    ECPublicKey pinned = ECKey.parse(enrollment.getJsonArray("trustKeys").getJsonObject(0).getMap()).toECPublicKey();
    assertEquals(ECKey.parse(published.getJsonObject("jwk").getMap()).toECPublicKey(), pinned);
    Map<String, Object> device = TestDatabase.query("select checkpoint_id, public_key, label, first_sequence from devices "
      + "where id = ?::uuid", enrollment.getString("deviceId")).get(0);
    assertEquals(HolderKey.of((ECPublicKey) keys.getPublic()).encoded(), device.get("public_key"));
    assertEquals("通州-1号机", device.get("label"));
    assertEquals(1001L, device.get("first_sequence"));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'device.enrolled' and subject_id = ?",
      enrollment.getString("deviceId")));
  }

  @Test
  void aCodeIsStoredOnlyAsAKeyedHashAndWorksOnce() {
    String checkpoint = TestDevice.registerCheckpoint(server, admin);
    String officer = TestDevice.officerAt(server, admin, checkpoint);
    String code = TestDevice.enrollmentCode(server, admin, checkpoint);

    assertEquals(201, TestDevice.enroll(server, officer, code, TestDevice.newKey(), new JsonObject()).status());
    Reply second = TestDevice.enroll(server, officer, code, TestDevice.newKey(), new JsonObject());

    assertEquals(400, second.status());
    assertEquals("ENROLLMENT_CODE_INVALID", second.code());
    assertEquals("code", second.field());
    String plain = code.replace("-", "");
    assertFalse(TestDatabase.snapshot().toString().contains(plain));
    assertEquals(0, TestDatabase.count("select count(*) from enrollment_codes where encode(code_hash, 'escape') like ?",
      "%" + plain + "%"));
    assertEquals(0, TestDatabase.count("select count(*) from audit_log where details::text like ?", "%" + plain + "%"));
  }

  @Test
  void aCodeExpiresWithinMinutes() {
    String checkpoint = TestDevice.registerCheckpoint(server, admin);
    String code = TestDevice.enrollmentCode(server, admin, checkpoint);
    server.clock.advance(Duration.ofMinutes(16));
    try {
      // Tokens last 15 minutes too: log in afresh.
      String officer = TestDevice.officerAt(server, server.staffToken(Role.ADMIN), checkpoint);

      Reply reply = TestDevice.enroll(server, officer, code, TestDevice.newKey(), new JsonObject());

      assertEquals(400, reply.status());
      assertEquals("ENROLLMENT_CODE_INVALID", reply.code());
    } finally {
      server.clock.advance(Duration.ofMinutes(-16));
    }
  }

  @Test
  void anOfficerOfAnotherCheckpointCannotUseTheCodeWhichStaysValid() {
    String checkpoint = TestDevice.registerCheckpoint(server, admin);
    String elsewhere = TestDevice.officerAt(server, admin, TestDevice.registerCheckpoint(server, admin));
    String code = TestDevice.enrollmentCode(server, admin, checkpoint);
    Map<String, String> before = TestDatabase.snapshot();

    Reply refused = TestDevice.enroll(server, elsewhere, code, TestDevice.newKey(), new JsonObject());

    assertEquals(403, refused.status());
    assertEquals("OFFICER_NOT_AT_CHECKPOINT", refused.code());
    assertEquals(before, TestDatabase.snapshot());
    String officer = TestDevice.officerAt(server, admin, checkpoint);
    assertEquals(201, TestDevice.enroll(server, officer, code, TestDevice.newKey(), new JsonObject()).status());
  }

  @Test
  void withoutProofOfTheDeviceKeyNothingIsEnrolled() {
    String checkpoint = TestDevice.registerCheckpoint(server, admin);
    String officer = TestDevice.officerAt(server, admin, checkpoint);
    String code = TestDevice.enrollmentCode(server, admin, checkpoint);
    KeyPair device = TestDevice.newKey();
    KeyPair other = TestDevice.newKey();
    String publicKey = HolderKey.of((ECPublicKey) device.getPublic()).encoded();
    String body = new JsonObject().put("code", code).put("publicKey", publicKey).encode();
    Map<String, String> before = TestDatabase.snapshot();

    // Signed by another key than the one registered; signed over another body; no proof at all.
    String byOther = TestDevice.proof(other, publicKey, "POST", "/api/v1/checkpoint-devices", body, server.clock.instant(),
      TestDevice.jti());
    String otherBody = TestDevice.proof(device, publicKey, "POST", "/api/v1/checkpoint-devices", body.replace(code, "AAAA-BBBB-CCCC"),
      server.clock.instant(), TestDevice.jti());
    for (String proof : new String[] {byOther, otherBody}) {
      Reply reply = server.call(HttpMethod.POST, "/api/v1/checkpoint-devices", officer, body,
        MultiMap.caseInsensitiveMultiMap().add("Tx-Device-Proof", proof));
      assertEquals(400, reply.status(), reply.toString());
      assertEquals("DEVICE_PROOF_INVALID", reply.code());
      assertEquals("Tx-Device-Proof", reply.field());
    }
    Reply missing = server.call(HttpMethod.POST, "/api/v1/checkpoint-devices", officer, body);
    assertEquals(400, missing.status());
    Reply badKey = TestDevice.enroll(server, officer, code, device, new JsonObject().put("publicKey", "A".repeat(44)));
    assertEquals(400, badKey.status());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void wrongCodesAreRateLimitedPerOfficer() {
    String checkpoint = TestDevice.registerCheckpoint(server, admin);
    String officer = TestDevice.officerAt(server, admin, checkpoint);
    for (int i = 0; i < 5; i++) {
      assertEquals("ENROLLMENT_CODE_INVALID",
        TestDevice.enroll(server, officer, "WRNG-CODE-" + (1000 + i), TestDevice.newKey(), new JsonObject()).code());
    }
    String good = TestDevice.enrollmentCode(server, admin, checkpoint);

    Reply locked = TestDevice.enroll(server, officer, good, TestDevice.newKey(), new JsonObject());

    assertEquals(429, locked.status());
    assertEquals("TOO_MANY_ENROLLMENT_ATTEMPTS", locked.code());
    assertTrue(locked.headers().contains("Retry-After"));
  }

  @Test
  void onlyOfficersEnroll() {
    String checkpoint = TestDevice.registerCheckpoint(server, admin);
    String code = TestDevice.enrollmentCode(server, admin, checkpoint);
    assertEquals(403, TestDevice.enroll(server, admin, code, TestDevice.newKey(), new JsonObject()).status());
  }
}
