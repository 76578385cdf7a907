package io.tongxing.server.fault;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.db.Database;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk under check-ins, health codes and scan records fills up (an 8 MB tmpfs under their
 * tablespace, filled to the last page): each write is refused whole with a clear, retryable error in
 * the caller's language, nothing is half-written, {@code /health} says so, and once the disk grows
 * the same requests succeed without a restart. Mounting needs root: elsewhere the test is skipped.
 */
@ExtendWith(VertxExtension.class)
class DiskFullFaultTest {

  private static final String DB = "diskfull";
  /** The tables of the two write-heavy flows: a check-in (with its code) and a scan upload. */
  private static final String[] ON_SMALL_DISK = {"check_ins", "check_in_visits", "issued_tokens", "scan_records"};
  /** Left out of the before/after comparison: the timers' job claims and the test's own ballast. */
  private static final Set<String> NOT_COMPARED = Set.of("flyway_schema_history", "region_jobs", "ballast");

  private static final int RESIDENTS = 40;

  private static PgConnectOptions database;
  private static SmallDisk disk;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    database = TestDatabase.otherDatabase(DB);
    disk = SmallDisk.mount(database, 8);
    Assumptions.assumeTrue(disk.mounted(), "needs root to mount a tmpfs");
    disk.holds(ON_SMALL_DISK);
    server = TestServer.start(vertx, new JsonObject(), List.of(), database,
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new MutableClock(TestServer.START), TestDatabase.KEYS);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        server.stop();
      }
    } finally {
      if (disk != null) {
        disk.close();
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void writesAreRefusedWholeAndClearlyWhileTheDiskIsFullAndSucceedOnceItGrows() throws Exception {
    String admin = server.staffToken(Role.ADMIN);
    TestDevice device = TestDevice.enrolled(server, admin);
    JsonArray firstBatch = device.batch(1, 500, TestServer.START.minusSeconds(3600));
    assertEquals(200, device.upload(firstBatch).status(), "a batch stored while there is room");
    // Registration issues a code too (on the small disk): the residents register while there is room.
    List<Resident> residents = new ArrayList<>();
    for (int i = 0; i < RESIDENTS; i++) {
      residents.add(server.registerResident());
    }
    for (Resident early : residents.subList(0, 3)) {
      assertEquals(201, server.post("/api/v1/me/check-ins", server.accessToken(early), normalCheckIn()).status());
    }
    long ballast = disk.fill();

    // Check-ins until one finds no room: every one before it stored all its rows.
    Reply refused = null;
    Resident refusedResident = null;
    String refusedToken = null;
    Map<String, String> beforeRefusal = null;
    int accepted = 0;
    for (Resident resident : residents.subList(3, RESIDENTS)) {
      String token = server.accessToken(resident);
      long codes = rowsOf(resident).get(1);
      beforeRefusal = fingerprint();
      Reply reply = server.post("/api/v1/me/check-ins", token, normalCheckIn());
      if (reply.status() != 201) {
        refused = reply;
        refusedResident = resident;
        refusedToken = token;
        break;
      }
      accepted++;
      assertEquals(List.of(1L, codes + 1), rowsOf(resident), "an acknowledged check-in stored its check-in and its code");
    }
    System.out.printf("disk full after %d ballast rows and %d more check-ins%n", ballast, accepted);
    assertTrue(refused != null, "the disk fills up");
    Reply english = server.call(HttpMethod.POST, "/api/v1/me/check-ins", refusedToken,
      normalCheckIn().encode(), MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en"));
    for (Reply reply : List.of(refused, english)) {
      assertEquals(503, reply.status(), reply.toString());
      assertEquals("STORAGE_FULL", reply.code());
      assertEquals("60", reply.headers().get("Retry-After"));
    }
    assertTrue(refused.json().getString("message").contains("存储空间已满"), refused.toString());
    assertTrue(english.json().getString("message").contains("out of storage space"), english.toString());
    assertEquals(0L, rowsOf(refusedResident).get(0), "no check-in row");
    assertEquals(beforeRefusal, fingerprint(), "nothing half-written anywhere");

    Map<String, String> beforeUpload = fingerprint();
    JsonArray secondBatch = device.batch(501, 500, TestServer.START.minusSeconds(1800));
    Reply upload = device.upload(secondBatch);
    assertEquals(503, upload.status(), upload.toString());
    assertEquals("STORAGE_FULL", upload.code());
    assertEquals(500, scanRecords(device), "the refused batch stored nothing");
    assertEquals(beforeUpload, fingerprint(), "not even the request's nonce");

    Reply health = server.get("/health", null);
    assertEquals(200, health.status(), "reads go on: the node stays in the load balancer");
    assertEquals("DEGRADED", health.json().getString("status"), health.toString());
    assertEquals("FULL", health.json().getJsonObject("checks").getString("storage"), health.toString());
    assertEquals(200, server.get("/api/v1/counties", null).status(), "reads are served");
    assertEquals(200, device.sync().status(), "devices still sync");

    disk.grow(64);

    Reply again = server.post("/api/v1/me/check-ins", server.accessToken(refusedResident), normalCheckIn());
    assertEquals(201, again.status(), "the same check-in, no restart: " + again);
    assertEquals(1L, rowsOf(refusedResident).get(0));
    Reply uploadedAgain = device.upload(secondBatch);
    assertEquals(200, uploadedAgain.status(), uploadedAgain.toString());
    assertEquals(1000, scanRecords(device), "the same batch, stored whole");
    JsonObject recovered = server.get("/health", null).json();
    assertEquals("UP", recovered.getString("status"), recovered.encode());
    assertEquals("OK", recovered.getJsonObject("checks").getString("storage"));
  }

  /** The resident's check-ins and issued codes. */
  private static List<Long> rowsOf(Resident resident) throws SQLException {
    return List.of(
      count("select count(*) from check_ins where account_id = '" + resident.accountId() + "'"),
      count("select count(*) from issued_tokens where account_id = '" + resident.accountId() + "'"));
  }

  private static long scanRecords(TestDevice device) throws SQLException {
    return count("select count(*) from scan_records where device_id = '" + device.id() + "'");
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every compared table's row count and content digest. */
  private static Map<String, String> fingerprint() throws SQLException {
    Map<String, String> fingerprint = new TreeMap<>();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
        while (rs.next()) {
          if (!NOT_COMPARED.contains(rs.getString(1))) {
            tables.add(rs.getString(1));
          }
        }
      }
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
          + table + " t")) {
          rs.next();
          fingerprint.put(table, rs.getString(1));
        }
      }
    }
    return fingerprint;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(database), database.getUser(), database.getPassword());
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));
  }
}
