package io.tongxing.server.citus;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The console's dashboard on Citus: its aggregates reach every shard (codes by day and colour,
 * colours now, scans per checkpoint and hour, verdicts, device freshness) and count each check-in and
 * scan once, whichever worker holds it.
 */
@ExtendWith(VertxExtension.class)
class CitusDashboardTest {

  private static final String DASHBOARD = "/api/v1/admin/dashboard?days=1&hours=24";

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
  void checkInsAndScansOnBothWorkersAreEachCountedOnce() {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Resident resident = server.registerResident();
      tokens.add(server.accessToken(resident));
    }
    TestDevice device = TestDevice.enrolled(server, admin);
    Instant at = server.clock.instant().minusSeconds(600);
    JsonArray batch = new JsonArray();
    for (int i = 1; i <= 4; i++) {
      batch.add(device.passed(i, at.plusSeconds(i), "110000", TestDevice.pseudonym()));
    }
    batch.add(device.refused(5, at.plusSeconds(5)));
    JsonObject before = dashboard();

    for (String token : tokens) {
      Reply checkIn = server.post("/api/v1/me/check-ins", token, new JsonObject().put("temperature", 36.4)
        .put("symptoms", new JsonArray().add("NONE")));
      assertEquals(201, checkIn.status(), checkIn.toString());
    }
    assertEquals(200, device.upload(batch).status());
    JsonObject after = dashboard();

    assertEquals(6L, today(after).getLong("GREEN") - today(before).getLong("GREEN"), "six green codes issued today");
    assertEquals(before.getJsonObject("coloursNow"), after.getJsonObject("coloursNow"), "check-ins of green residents change no colour");
    assertEquals(4L, after.getJsonObject("verdicts").getLong("PASS") - before.getJsonObject("verdicts").getLong("PASS"));
    assertEquals(1L, after.getJsonObject("verdicts").getLong("STOP") - before.getJsonObject("verdicts").getLong("STOP"));
    JsonObject scans = null;
    for (Object entry : after.getJsonArray("scansByHour")) {
      if (((JsonObject) entry).getString("checkpointId").equals(device.checkpointId)) {
        scans = (JsonObject) entry;
      }
    }
    assertNotNull(scans, "the device's checkpoint has its hour");
    assertEquals(5L, scans.getLong("count"));
    JsonObject sync = null;
    for (Object entry : after.getJsonArray("deviceSync")) {
      if (((JsonObject) entry).getString("deviceId").equals(device.deviceId)) {
        sync = (JsonObject) entry;
      }
    }
    assertNotNull(sync, "the device is listed");
    assertNotNull(sync.getString("lastUploadAt"));
  }

  private static JsonObject dashboard() {
    Reply reply = server.get(DASHBOARD, admin);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private static JsonObject today(JsonObject dashboard) {
    JsonArray days = dashboard.getJsonArray("codesByDay");
    return days.getJsonObject(days.size() - 1);
  }
}
