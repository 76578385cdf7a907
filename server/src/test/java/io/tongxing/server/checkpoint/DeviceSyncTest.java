package io.tongxing.server.checkpoint;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.sync.CheckpointSync;
import io.tongxing.verify.HolderProofPolicy;
import io.tongxing.verify.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One signed call gives a device all it verifies with; a device that is current downloads only the
 * signed sync, and what changed (a policy, a revocation) reaches it at its next sync.
 */
@ExtendWith(VertxExtension.class)
class DeviceSyncTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
  }

  /**
   * The clock only moves forward in this class: signed lists and bundles are cached with their
   * signing time, and a clock set back would find them in its future (CLOCK_BEHIND, as a device
   * would say). So every test logs its admin in afresh.
   */
  private static String admin() {
    return server.staffToken(Role.ADMIN);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static JsonObject healthCode(Resident resident) {
    return server.get("/api/v1/me/health-code", server.accessToken(resident)).json();
  }

  @Test
  void aFullSyncBringsEverythingSignedAndTheDeviceVerifiesACodeOffline() {
    JsonObject code = healthCode(server.registerResident());
    TestDevice device = TestDevice.enrolled(server, admin());

    Reply reply = device.sync();

    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.json().containsKey("trustBundle"));
    assertFalse(reply.json().getJsonArray("statusLists").isEmpty());
    CheckpointSync sync = device.lastSync();
    assertEquals(server.clock.instant().getEpochSecond(), sync.serverTime().getEpochSecond());
    assertEquals(device.checkpointId, sync.checkpointId());
    assertEquals(1, sync.policyVersion());
    assertTrue(sync.statusList(sync.region(), code.getJsonObject("status").getLong("list")).isPresent());
    assertEquals(Reason.ACCEPTED, device.verifier().verify(code.getString("qrText")).reason());
  }

  @Test
  void aDeviceStatingTheThousandListsTheContractAllowsIsAnsweredAndOneMoreIsRefusedByName() {
    TestDevice device = TestDevice.enrolled(server, admin());
    JsonArray held = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      // Every number as wide as the contract lets it be: the largest body a device may send.
      held.add(new JsonObject().put("issuer", "110000").put("list", 1_000_000_000 - i).put("version", 9007199254740991L)
        .put("issuedAt", 253402300799L).put("digest", "A".repeat(43)));
    }
    JsonArray thousand = held.copy();
    thousand.remove(1000);
    String largest = new JsonObject().put("trustBundle", new JsonObject().put("version", 9007199254740991L)
      .put("issuedAt", 253402300799L).put("digest", "A".repeat(43))).put("statusLists", thousand).encode();
    assertTrue(largest.length() > 128 * 1024, largest.length() + " bytes: eight times the 16 KiB of other requests");

    Reply answered = device.call(HttpMethod.POST, "/api/v1/device/sync", largest);
    Reply refused = device.call(HttpMethod.POST, "/api/v1/device/sync", new JsonObject().put("statusLists", held).encode());

    assertEquals(200, answered.status(), answered.toString());
    assertEquals(400, refused.status(), refused.toString());
    assertEquals("statusLists", refused.field(), "refused by the contract's 1,000, not by the body limit");
  }

  @Test
  void aCurrentDeviceDownloadsOnlyTheSignedSyncEvenWhenListsWereSignedAnew() {
    healthCode(server.registerResident());
    TestDevice device = TestDevice.enrolled(server, admin());
    Reply full = device.sync();
    // Lists are signed anew every five minutes without changing: no reason to download them again.
    server.clock.advance(Duration.ofMinutes(20));

    Reply current = device.sync();

    assertEquals(200, current.status(), current.toString());
    assertFalse(current.json().containsKey("trustBundle"));
    assertEquals(new JsonArray(), current.json().getJsonArray("statusLists"));
    assertTrue(current.body().length() < 3000, "an up-to-date sync is small: " + current.body().length() + " bytes");
    assertTrue(full.body().length() > current.body().length());
    assertEquals(server.clock.instant().getEpochSecond(), device.lastSync().serverTime().getEpochSecond(),
      "the signed server time is fresh");
  }

  @Test
  void aPolicyChangeReachesTheDeviceAtItsNextSync() {
    JsonObject code = healthCode(server.registerResident());
    TestDevice device = TestDevice.enrolled(server, admin());
    device.sync();
    assertEquals(Reason.ACCEPTED, device.verifier().verify(code.getString("qrText")).reason());

    Reply changed = server.put("/api/v1/admin/checkpoints/" + device.checkpointId + "/policy", admin(), new JsonObject()
      .put("policy", new JsonObject().put("holderProof", "REQUIRED")).put("reason", "防截图"));
    assertEquals(200, changed.status(), changed.toString());
    Reply next = device.sync();

    assertEquals(2, device.lastSync().policyVersion());
    assertEquals(HolderProofPolicy.REQUIRED, device.lastSync().policy().holderProof());
    assertEquals(new JsonArray(), next.json().getJsonArray("statusLists"), "only the policy changed");
    assertEquals(Reason.HOLDER_KEY_MISSING, device.verifier().verify(code.getString("qrText")).reason());
  }

  @Test
  void aRevocationSendsTheChangedListAgainAndTheOldCodeStops() {
    Resident resident = server.registerResident();
    JsonObject green = healthCode(resident);
    TestDevice device = TestDevice.enrolled(server, admin());
    device.sync();
    String list = Long.toString(green.getJsonObject("status").getLong("list"));

    JsonObject fever = new JsonObject().put("temperature", 38.5).put("symptoms", new JsonArray().add("FEVER"));
    assertEquals(201, server.post("/api/v1/me/check-ins", server.accessToken(resident), fever).status());
    Reply next = device.sync();

    assertFalse(next.json().containsKey("trustBundle"));
    assertEquals(1, next.json().getJsonArray("statusLists").size(), "the list with the revoked code, nothing else");
    assertTrue(device.statusLists().containsKey(Long.valueOf(list)));
    assertEquals(Reason.REVOKED, device.verifier().verify(green.getString("qrText")).reason());
  }

  @Test
  void listsAreSentAgainBeforeTheyWouldBeTooOldForThePolicy() {
    healthCode(server.registerResident());
    TestDevice device = TestDevice.enrolled(server, admin());
    device.sync();
    // Half the default max_status_age (6 h): from then on the device's copies are replaced, fresh.
    server.clock.advance(Duration.ofHours(3).plusMinutes(1));

    Reply next = device.sync();

    assertEquals(200, next.status(), next.toString());
    assertFalse(next.json().getJsonArray("statusLists").isEmpty());
    assertFalse(next.json().containsKey("trustBundle"), "the bundle lasts a week; at half of it, it is sent again");
  }
}
