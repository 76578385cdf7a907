package io.tongxing.server.checkpoint;

import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Devices upload their scan logs in batches: stored whole or not at all, acknowledged once durable,
 * idempotent by device and sequence, gaps reported, and bad batches refused with nothing stored.
 */
@ExtendWith(VertxExtension.class)
class ScanUploadTest {

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

  private static Instant earlier(int minutes) {
    return server.clock.instant().minusSeconds(60L * minutes);
  }

  private static long stored(TestDevice device) {
    return TestDatabase.count("select count(*) from scan_records where device_id = ?::uuid", device.deviceId);
  }

  private static String records(TestDevice device) {
    return TestDatabase.query("select count(*) || ':' || coalesce(md5(string_agg(r::text, '|' order by sequence)), '') as f "
      + "from scan_records r where device_id = ?::uuid", device.deviceId).get(0).get("f").toString();
  }

  @Test
  void aBatchIsStoredWholeAndEverySequenceNumberAcknowledged() {
    TestDevice device = TestDevice.enrolled(server, admin);
    JsonArray batch = device.batch(1, 500, earlier(60));

    Reply reply = device.upload(batch);

    assertEquals(200, reply.status(), reply.toString());
    assertEquals(500, reply.json().getJsonArray("acknowledged").size());
    assertEquals(1L, reply.json().getJsonArray("acknowledged").getLong(0));
    assertEquals(500, reply.json().getInteger("stored"));
    assertEquals(500, stored(device));
    Map<String, Object> first = TestDatabase.query("select checkpoint_id, outcome, reason, kind, issuer, subject "
      + "from scan_records where device_id = ?::uuid and sequence = 1", device.deviceId).get(0);
    assertEquals(device.checkpointId, first.get("checkpoint_id"));
    assertEquals(batch.getJsonObject(0).getString("subject"), first.get("subject"));
    assertEquals(0, server.get("/api/v1/admin/checkpoints/" + device.checkpointId, admin).json().getJsonArray("devices")
      .getJsonObject(0).getInteger("missingRecords"));
  }

  @Test
  void recordsHoldNothingButTheIssuersPseudonymOfTheHolder() {
    List<Map<String, Object>> columns = TestDatabase.query("select column_name from information_schema.columns "
      + "where table_name = 'scan_records' order by ordinal_position");

    assertEquals(List.of("device_id", "sequence", "checkpoint_id", "scanned_at", "outcome", "reason", "kind", "issuer", "subject",
      "received_at", "received_minute"), columns.stream().map(c -> c.get("column_name")).toList());
  }

  @Test
  void uploadingTheSameBatchAgainAfterALostAnswerChangesNothing() {
    TestDevice device = TestDevice.enrolled(server, admin);
    JsonArray batch = device.batch(1, 200, earlier(30));
    assertEquals(200, device.upload(batch).status());
    String before = records(device);

    Reply again = device.upload(batch);

    assertEquals(200, again.status(), again.toString());
    assertEquals(200, again.json().getJsonArray("acknowledged").size());
    assertEquals(0, again.json().getInteger("stored"));
    assertEquals(200, again.json().getInteger("alreadyHeld"));
    assertEquals(before, records(device));
    assertEquals(200L, TestDatabase.query("select records_counted from devices where id = ?::uuid", device.deviceId)
      .get(0).get("records_counted"));
  }

  @Test
  void batchesArrivingOutOfOrderFillTheirGapAndLostRecordsAreReported() {
    TestDevice device = TestDevice.enrolled(server, admin);
    Instant start = earlier(120);

    assertEquals(200, device.upload(device.batch(501, 500, start.plusSeconds(500))).status());
    JsonArray open = gaps(device);
    assertEquals(1, open.size(), open.encode());
    assertEquals(1, open.getJsonObject(0).getInteger("from"));
    assertEquals(500, open.getJsonObject(0).getInteger("to"));

    assertEquals(200, device.upload(device.batch(1, 500, start)).status());
    assertEquals(0, gaps(device).size(), "the earlier batch closed the gap");

    // Ten records lost on the device (1001-1010): the next batch leaves a gap that stays.
    assertEquals(200, device.upload(device.batch(1011, 10, start.plusSeconds(1011))).status());
    JsonArray lost = gaps(device);
    assertEquals(1, lost.size());
    assertEquals(new JsonObject().put("from", 1001).put("to", 1010).put("missing", 10),
      new JsonObject().put("from", lost.getJsonObject(0).getInteger("from")).put("to", lost.getJsonObject(0).getInteger("to"))
        .put("missing", lost.getJsonObject(0).getInteger("missing")));
    assertEquals(10, server.get("/api/v1/admin/checkpoints/" + device.checkpointId, admin).json().getJsonArray("devices")
      .getJsonObject(0).getInteger("missingRecords"));
  }

  private static JsonArray gaps(TestDevice device) {
    Reply reply = server.get("/api/v1/admin/scan-log/gaps?checkpointId=" + device.checkpointId, admin);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getJsonArray("gaps");
  }

  @Test
  void aBatchCutOffMidwayStoresNothingAndItsRetryStoresAll() throws Exception {
    TestDevice device = TestDevice.enrolled(server, admin);
    String body = new JsonObject().put("records", device.batch(1, 500, earlier(10))).encode();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String proof = TestDevice.proof(device.keys, device.deviceId, "POST", "/api/v1/device/scan-records", body,
      server.clock.instant(), TestDevice.jti());

    // The connection drops after half the body: the server never has the batch.
    try (Socket socket = new Socket("localhost", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/device/scan-records HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "X-Forwarded-For: 127.0.0.1\r\nAuthorization: TX-Device " + proof + "\r\nContent-Length: " + bytes.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
    }
    assertEquals(0, stored(device));

    Reply retry = device.upload(new JsonObject(body).getJsonArray("records"));

    assertEquals(200, retry.status(), retry.toString());
    assertEquals(500, retry.json().getInteger("stored"), "the cut request stored nothing, so the retry stores all");
    assertEquals(500, stored(device));
  }

  @Test
  void aBatchWhoseConnectionDiesBeforeTheAnswerIsStoredOnceWhenRetried() throws Exception {
    TestDevice device = TestDevice.enrolled(server, admin);
    JsonArray records = device.batch(1, 500, earlier(10));
    String body = new JsonObject().put("records", records).encode();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String proof = TestDevice.proof(device.keys, device.deviceId, "POST", "/api/v1/device/scan-records", body,
      server.clock.instant(), TestDevice.jti());

    // The whole request reaches the server, but the device hangs up before it reads the acknowledgement.
    try (Socket socket = new Socket("localhost", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/device/scan-records HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "X-Forwarded-For: 127.0.0.1\r\nAuthorization: TX-Device " + proof + "\r\nContent-Length: " + bytes.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
    }

    Reply retry = device.upload(records);

    assertEquals(200, retry.status(), retry.toString());
    assertEquals(500, retry.json().getJsonArray("acknowledged").size());
    assertEquals(500, retry.json().getInteger("stored") + retry.json().getInteger("alreadyHeld"));
    assertEquals(500, stored(device), "each record once, whether the lost request or the retry stored it");
    assertEquals(500L, TestDatabase.query("select records_counted from devices where id = ?::uuid", device.deviceId)
      .get(0).get("records_counted"));
  }

  @Test
  void aBatchThatFailsInsideTheDatabaseHalfwayStoresNothing() throws Exception {
    TestDevice device = TestDevice.enrolled(server, admin);
    JsonArray batch = device.batch(1, 500, earlier(10));
    // A fault at the 250th record of this device's batch, raised while the rows are being written.
    try (Connection c = TestDatabase.jdbc(); Statement statement = c.createStatement()) {
      if (TestDatabase.citus()) {
        // Citus runs the trigger on the shard, on a worker; it asks to be told that this is meant.
        statement.execute("set citus.enable_unsafe_triggers = on");
      }
      statement.execute("create function fail_halfway() returns trigger language plpgsql as $$ begin "
        + "if new.device_id = '" + device.deviceId + "' and new.sequence = 250 then raise exception 'disk on fire'; end if; "
        + "return new; end $$");
      statement.execute("create trigger fail_halfway before insert on scan_records for each row execute function fail_halfway()");
    }
    Reply failed;
    try {
      failed = device.upload(batch);
    } finally {
      try (Connection c = TestDatabase.jdbc(); Statement statement = c.createStatement()) {
        if (TestDatabase.citus()) {
          statement.execute("set citus.enable_unsafe_triggers = on");
        }
        statement.execute("drop trigger fail_halfway on scan_records");
        statement.execute("drop function fail_halfway()");
      }
    }

    assertEquals(500, failed.status(), failed.toString());
    assertEquals(0, stored(device), "no record of the batch, not even the 249 before the fault");
    assertEquals(0L, TestDatabase.query("select max_sequence from devices where id = ?::uuid", device.deviceId).get(0)
      .get("max_sequence"));
    assertEquals(200, device.upload(batch).status());
    assertEquals(500, stored(device));
  }

  @Test
  void aDeviceCannotUploadRecordsOfAnotherCheckpoint() {
    TestDevice device = TestDevice.enrolled(server, admin);
    TestDevice other = TestDevice.enrolled(server, admin);
    JsonArray batch = device.batch(1, 3, earlier(5));
    batch.getJsonObject(2).put("checkpoint", other.checkpointId);
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = device.upload(batch);

    assertEquals(403, reply.status());
    assertEquals("SCAN_CHECKPOINT_MISMATCH", reply.code());
    assertEquals("records[2].checkpoint", reply.field());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void malformedRecordsAreRefusedNamingTheFieldAndNothingIsStored() {
    TestDevice device = TestDevice.enrolled(server, admin);
    Map<String, UnaryOperator<JsonObject>> faults = new java.util.LinkedHashMap<>();
    faults.put("records[1].scannedAt", r -> { r.remove("scannedAt"); return r; });
    faults.put("records[1].name", r -> r.put("name", "张*三"));
    faults.put("records[1].reason", r -> r.put("reason", "LOOKED_FINE"));
    faults.put("records[1].outcome", r -> r.put("outcome", "STOP"));
    faults.put("records[1].subject", r -> r.put("outcome", "STOP").put("reason", "SIGNATURE_INVALID"));
    faults.put("records[1].kind", r -> { r.remove("kind"); return r; });
    faults.put("records[1].sequence", r -> r.put("sequence", 1));
    faults.put("records[1].issuer", r -> r.put("issuer", "11000"));
    Map<String, String> codes = Map.of("records[1].reason", "SCAN_REASON_UNKNOWN", "records[1].outcome", "SCAN_OUTCOME_MISMATCH",
      "records[1].subject", "SCAN_SUBJECT_UNVERIFIED", "records[1].kind", "SCAN_CREDENTIAL_INCOMPLETE",
      "records[1].sequence", "SCAN_SEQUENCE_REPEATED");
    Map<String, String> before = TestDatabase.snapshot();

    for (Map.Entry<String, UnaryOperator<JsonObject>> fault : faults.entrySet()) {
      JsonArray batch = device.batch(1, 3, earlier(5));
      fault.getValue().apply(batch.getJsonObject(1));
      Reply reply = device.upload(batch);
      assertEquals(400, reply.status(), fault.getKey() + ": " + reply);
      assertTrue(reply.field().startsWith(fault.getKey().replace(".name", "")), fault.getKey() + ": " + reply);
      if (codes.containsKey(fault.getKey())) {
        assertEquals(codes.get(fault.getKey()), reply.code(), fault.getKey());
      }
    }
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void anIdentityOrPhoneNumberInPlaceOfAPseudonymIsRefused() {
    TestDevice device = TestDevice.enrolled(server, admin);
    Map<String, String> before = TestDatabase.snapshot();
    for (String personal : new String[] {"11010519491231002X", "13800138000"}) {
      JsonArray batch = device.batch(1, 2, earlier(5));
      batch.getJsonObject(0).put("subject", personal);

      Reply reply = device.upload(batch);

      assertEquals(400, reply.status());
      assertEquals("SCAN_SUBJECT_NOT_PSEUDONYM", reply.code());
      assertEquals("records[0].subject", reply.field());
    }
    JsonArray future = device.batch(1, 1, server.clock.instant().plusSeconds(3 * 86400));
    assertEquals("SCAN_TIME_INVALID", device.upload(future).code());
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void oversizedBatchesAreRefusedAndNothingIsStored() {
    TestDevice device = TestDevice.enrolled(server, admin);
    Map<String, String> before = TestDatabase.snapshot();

    Reply tooMany = device.upload(device.batch(1, 501, earlier(60)));
    JsonArray huge = device.batch(1, 500, earlier(60));
    huge.getJsonObject(0).put("checkpoint", "x".repeat(300_000));
    Reply tooLarge = device.upload(huge);
    Reply empty = device.upload(new JsonArray());

    assertEquals(400, tooMany.status(), tooMany.toString());
    assertEquals("records", tooMany.field());
    assertEquals(413, tooLarge.status(), tooLarge.toString());
    assertEquals("BODY_TOO_LARGE", tooLarge.code());
    assertEquals(400, empty.status());
    assertEquals(before, TestDatabase.snapshot());
  }
}
