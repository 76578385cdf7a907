package io.tongxing.server.region;

import io.tongxing.server.federation.TwoRegions;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.MisbehavingPartner;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.verify.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Federation with two nodes of Beijing on one database and Langfang as the partner, on loopback,
 * every timer running (partner fetch every second, outbox every 200 ms and on every kick, on both
 * nodes): the region fetches Langfang's documents once per interval, not once per node; Langfang's
 * revocation reaches devices whichever node they sync through; a notice queued through one node
 * reaches Langfang exactly once. Langfang is counted through an honest {@link MisbehavingPartner}.
 */
@ExtendWith(VertxExtension.class)
class MultiNodeFederationTest {

  private static final int FETCH_INTERVAL_SECONDS = 1;

  private static TwoRegions regions;
  private static TestServer node1;
  private static TestServer node2;
  private static MisbehavingPartner langfangFront;

  @BeforeAll
  static void start(Vertx vertx) {
    regions = TwoRegions.notIntroduced(vertx, "mnfed", new JsonObject().put("fetchIntervalSeconds", FETCH_INTERVAL_SECONDS));
    langfangFront = MisbehavingPartner.listening(vertx);
    langfangFront.inFrontOf(regions.langfang.port());
    regions.introduceEachOther(null, langfangFront.baseUrl());
    node1 = regions.beijing;
    node2 = regions.start(regions.beijingDatabase(), "110000", "北京市", "Beijing", regions.beijingKeys, 0);
  }

  @AfterAll
  static void stop() {
    node2.stop();
    regions.stop();
    langfangFront.stop();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void langfangsDocumentsAreFetchedOncePerIntervalForTheRegionNotOncePerNode() throws InterruptedException {
    int window = 6;
    int before = langfangFront.requests("GET /trust-bundle");

    Thread.sleep(Duration.ofSeconds(window).toMillis());

    int fetches = langfangFront.requests("GET /trust-bundle") - before;
    System.out.printf("two nodes, fetch every %d s: %d fetches of Langfang's bundle in %d s%n", FETCH_INTERVAL_SECONDS,
      fetches, window);
    // A claim succeeds 0.8 intervals after the last at the soonest: at most 1.25 a second for the
    // region, where two nodes fetching on their own would make two a second.
    assertTrue(fetches >= window / 2, "the region fetches: " + fetches);
    assertTrue(fetches <= window * 5 / 4 + 1, "once per interval for the region, not per node: " + fetches);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRevocationInLangfangReachesDevicesWhicheverNodeTheySyncThrough() {
    TestServer langfang = regions.langfang;
    Resident commuter = langfang.registerResident();
    JsonObject code = langfang.get("/api/v1/me/health-code", langfang.accessToken(commuter)).json();
    long list = code.getJsonObject("status").getLong("list");
    String qr = code.getString("qrText");
    TestDevice roaming = TestDevice.enrolled(node1, node1.staffToken(Role.ADMIN));
    TestDevice atNode2 = TestDevice.enrolled(node2, node2.staffToken(Role.ADMIN));

    // Beijing's own timer fetches Langfang; the device syncs through node 2.
    awaitTrue(() -> {
      assertEquals(200, roaming.through(node2).sync().status());
      return roaming.statusLists("131000").containsKey(list) && roaming.verifier().verify(qr).reason() == Reason.ACCEPTED;
    }, "a Langfang code passes at a Beijing checkpoint");

    Reply flagged = langfang.post("/api/v1/admin/persons/" + commuter.accountId() + "/flags", regions.langfangAdmin,
      new JsonObject().put("flag", "CLOSE_CONTACT").put("reason", "密接"));
    assertEquals(201, flagged.status(), flagged.toString());

    awaitTrue(() -> {
      assertEquals(200, roaming.through(node1).sync().status());
      return roaming.verifier().verify(qr).reason() == Reason.REVOKED;
    }, "the device sees the revocation through node 1");
    assertEquals(200, atNode2.sync().status());
    assertEquals(Reason.REVOKED, atNode2.verifier().verify(qr).reason(), "and a device of node 2 through node 2");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void noticesQueuedThroughOneNodeReachLangfangExactlyOnceWhileBothNodesDeliver() {
    String admin = node1.staffToken(Role.ADMIN);
    int before = langfangFront.requests("POST /federation/v1/messages");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Reply sent = node1.post("/api/v1/admin/federation/close-contact-notices", admin, new JsonObject()
        .put("partnerRegion", "131000").put("idNumber", Fixtures.idNumber()).put("category", "SECONDARY_CONTACT")
        .put("date", "2026-03-14").put("reason", "次密接 " + i));
      assertEquals(202, sent.status(), sent.toString());
      ids.add(sent.json().getString("messageId"));
    }

    String adminAtNode2 = node2.staffToken(Role.ADMIN);
    awaitTrue(() -> ids.stream().allMatch(id -> "DELIVERED".equals(sent(node2, adminAtNode2, id).getString("state"))),
      "every notice delivered (as node 2 sees it)");

    assertEquals(ids.size(), langfangFront.requests("POST /federation/v1/messages") - before,
      "each sent once: no two nodes sent one message");
    List<String> received = regions.langfang.get("/api/v1/admin/federation/messages", regions.langfangAdmin).json()
      .getJsonArray("received").stream().map(m -> ((JsonObject) m).getString("id")).toList();
    for (String id : ids) {
      assertEquals(1, received.stream().filter(id::equals).count(), "received once: " + id);
      assertNotEquals(Boolean.TRUE, sent(node2, adminAtNode2, id).getJsonObject("ack").getBoolean("duplicate"));
    }
  }

  private static JsonObject sent(TestServer node, String admin, String id) {
    return node.get("/api/v1/admin/federation/messages", admin).json().getJsonArray("sent").stream()
      .map(JsonObject.class::cast).filter(m -> id.equals(m.getString("id"))).findFirst().orElseThrow();
  }

  private static void awaitTrue(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
