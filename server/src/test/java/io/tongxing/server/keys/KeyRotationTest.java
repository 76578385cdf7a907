package io.tongxing.server.keys;

import com.nimbusds.jose.util.Base64URL;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.Checkpoint;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.trust.IssuerKey;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key rotation without downtime: a new token key is published a lead time before it signs, the old
 * one keeps verifying what it signed, and a rotation of the trust key is announced in the bundle.
 * This class moves its own server's clock forward, past every other test's, so its rotations never
 * touch the keys they sign with.
 */
@ExtendWith(VertxExtension.class)
class KeyRotationTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    server.clock.advance(Duration.ofDays(400));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aRoutineRotationIsPublishedFirstAndSignsAfterTheLead() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    JsonObject before = server.get("/api/v1/me/health-code", token).json();
    String oldKid = kid(before);
    server.clock.advance(Duration.ofMinutes(1));

    Reply rotated = server.post("/api/v1/admin/signing-keys/rotations", server.staffToken(Role.ADMIN),
      new JsonObject().put("purpose", "TOKEN").put("reason", "monthly rotation"));
    String newKid = rotated.json().getString("kid");
    Checkpoint checkpoint = new Checkpoint(server).sync(list(before));

    assertEquals(201, rotated.status(), rotated.toString());
    assertEquals("PENDING", rotated.json().getString("state"));
    assertTrue(server.get("/.well-known/jwks.json", null).body().toString().contains(newKid), "published at once");
    assertTrue(keys(checkpoint.trust()).stream().anyMatch(key -> key.kid().equals(newKid)), "in the trust bundle at once");
    assertEquals(oldKid, kid(checkIn(resident, Duration.ofHours(1))), "the old key signs until the switch");

    JsonObject after = checkIn(resident, Duration.ofDays(1));
    Checkpoint synced = new Checkpoint(server).sync(list(before), list(after));

    assertEquals(newKid, kid(after));
    assertEquals(Reason.ACCEPTED, synced.verify(after.getString("qrText")).reason());
    IssuerKey retired = keys(synced.trust()).stream().filter(key -> key.kid().equals(oldKid)).findFirst().orElseThrow();
    assertTrue(retired.validUntil().isPresent(), "the old key is retired but still published");
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'signing-key.rotated' and subject_id = ?", newKid));
  }

  @Test
  void anImmediateRotationSignsAtOnce() {
    Resident resident = server.registerResident();
    server.clock.advance(Duration.ofMinutes(1));

    Reply rotated = server.post("/api/v1/admin/signing-keys/rotations", server.staffToken(Role.ADMIN),
      new JsonObject().put("purpose", "TOKEN").put("immediate", true).put("reason", "suspected compromise"));
    JsonObject code = checkIn(resident, Duration.ofMinutes(1));

    assertEquals("ACTIVE", rotated.json().getString("state"));
    assertEquals(rotated.json().getString("kid"), kid(code));
    assertEquals(Reason.ACCEPTED, new Checkpoint(server).sync(list(code)).verify(code.getString("qrText")).reason());
  }

  @Test
  void aNewTrustKeyIsAnnouncedBeforeItSigns() {
    Checkpoint device = new Checkpoint(server).sync();
    Reply rotated = server.post("/api/v1/admin/signing-keys/rotations", server.staffToken(Role.ADMIN),
      new JsonObject().put("purpose", "TRUST").put("reason", "annual key ceremony"));

    TrustStore announcing = device.sync().trust();

    assertEquals(201, rotated.status(), rotated.toString());
    assertEquals(1, announcing.nextTrustKeys().size(), "announced in the bundle, still signed by the pinned key");
  }

  @Test
  void scheduledRotationHappensOncePerRegionWhenDue() {
    SigningKeys keys = server.server.services().signingKeys();
    var pool = io.vertx.pgclient.PgBuilder.pool().connectingTo(TestDatabase.connectOptions())
      .using(Vertx.vertx()).build();
    try {
      server.clock.advance(Duration.ofMinutes(1));
      pool.withTransaction(tx -> keys.rotate(tx, KeyPurpose.TOKEN, Duration.ZERO, Duration.ofDays(90))).await();
      assertFalse(keys.rotateIfDue(pool, Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(90)).await(),
        "a fresh key is not due");
      server.clock.advance(Duration.ofDays(31));
      assertTrue(keys.rotateIfDue(pool, Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(90)).await());
      assertFalse(keys.rotateIfDue(pool, Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(90)).await(),
        "once, not on every run or node");
    } finally {
      pool.close();
    }
  }

  @Test
  void onlyAdminsRotateAndEveryRotationSaysWhy() {
    assertEquals(403, server.post("/api/v1/admin/signing-keys/rotations", server.staffToken(Role.OFFICER),
      new JsonObject().put("purpose", "TOKEN").put("reason", "x")).status());
    String admin = server.staffToken(Role.ADMIN);
    Reply noReason = server.post("/api/v1/admin/signing-keys/rotations", admin, new JsonObject().put("purpose", "TOKEN"));
    assertEquals(400, noReason.status());
    Reply list = server.get("/api/v1/admin/signing-keys", admin);
    assertTrue(list.json().getJsonArray("keys").size() >= 2);
    assertFalse(list.body().toString().contains("\"d\""), "never private material");
  }

  /** A check-in {@code later}, with a fresh login (access tokens last 15 minutes). */
  private static JsonObject checkIn(Resident resident, Duration later) {
    server.clock.advance(later);
    Reply reply = server.post("/api/v1/me/check-ins", server.accessToken(resident),
      new JsonObject().put("temperature", 36.5).put("symptoms", new io.vertx.core.json.JsonArray().add("NONE")));
    assertEquals(201, reply.status(), reply.toString());
    return reply.json().getJsonObject("healthCode");
  }

  private static String kid(JsonObject code) {
    String header = code.getString("token").substring(0, code.getString("token").indexOf('.'));
    return new JsonObject(new Base64URL(header).decodeToString()).getString("kid");
  }

  private static long list(JsonObject code) {
    return code.getJsonObject("status").getLong("list");
  }

  private static List<IssuerKey> keys(TrustStore trust) {
    return trust.issuer(trust.home()).orElseThrow().keys();
  }
}
