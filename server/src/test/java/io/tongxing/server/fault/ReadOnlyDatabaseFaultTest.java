package io.tongxing.server.fault;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database turns read-only under a running server (a failover to a replica, or an operator
 * setting {@code default_transaction_read_only}): writes are refused with a clear, retryable error
 * in the caller's language and leave nothing half-written; reads go on; writes work again when the
 * database does, without a restart.
 */
@ExtendWith(VertxExtension.class)
class ReadOnlyDatabaseFaultTest {

  private static final String DB = "readonly";

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void writesAreRefusedClearlyAndWholeWhileTheDatabaseIsReadOnly(Vertx vertx) throws InterruptedException {
    PgConnectOptions database = TestDatabase.otherDatabase(DB);
    Pool admin = PgBuilder.pool().connectingTo(database).using(vertx).build();
    TestServer server = TestServer.start(vertx, new JsonObject(), List.of(), database,
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new MutableClock(TestServer.START), TestDatabase.KEYS);
    try {
      Resident resident = server.registerResident();
      String token = server.accessToken(resident);
      String adminToken = server.staffToken(Role.ADMIN);

      readOnly(admin, true);
      awaitHealth(server, "READ_ONLY");
      Map<String, String> before = fingerprint(admin);

      Reply checkIn = server.post("/api/v1/me/check-ins", token, normalCheckIn());
      Reply english = server.call(HttpMethod.POST, "/api/v1/me/check-ins", token, normalCheckIn().encode(),
        MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en"));
      Reply riskLevel = server.put("/api/v1/admin/counties/331082/risk-level", adminToken,
        new JsonObject().put("level", "HIGH").put("reason", "cluster"));

      for (Reply refused : List.of(checkIn, english, riskLevel)) {
        assertEquals(503, refused.status(), refused.toString());
        assertEquals("DATABASE_READ_ONLY", refused.code());
        assertEquals("30", refused.headers().get("Retry-After"));
      }
      assertTrue(checkIn.json().getString("message").contains("只读"), checkIn.toString());
      assertTrue(english.json().getString("message").contains("read-only"), english.toString());
      assertEquals(before, fingerprint(admin), "nothing half-written");
      assertEquals(200, server.get("/api/v1/counties", null).status(), "reads go on");
      assertEquals(200, server.get("/trust-bundle", null).status(), "devices still sync");
      Reply health = server.get("/health", null);
      assertEquals(200, health.status());
      assertEquals("DEGRADED", health.json().getString("status"));

      readOnly(admin, false);
      awaitHealth(server, "UP");

      Reply again = server.post("/api/v1/me/check-ins", token, normalCheckIn());
      assertEquals(201, again.status(), "writes work again without a restart: " + again);
    } finally {
      server.stop();
      readOnly(admin, false);
      admin.close().await();
    }
  }

  /** Sets the database's default and ends every session of it, so pools reconnect under the new default. */
  private static void readOnly(Pool admin, boolean on) {
    admin.query("alter database " + DB + (on ? " set default_transaction_read_only = on" : " reset default_transaction_read_only"))
      .execute().await();
    admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DB + "' and pid <> pg_backend_pid()")
      .execute().await();
  }

  /** Connections ended under the pool fail once (503 DATABASE_UNAVAILABLE) before it reconnects: wait for that. */
  private static void awaitHealth(TestServer server, String database) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Supplier<String> seen = () -> {
      Reply reply = server.get("/health", null);
      return reply.json().getJsonObject("checks").getString("database");
    };
    int inARow = 0;
    while (System.nanoTime() < deadline && inARow < 5) {
      inARow = database.equals(seen.get()) ? inARow + 1 : 0;
      Thread.sleep(50);
    }
    assertEquals(5, inARow, "health reports the database " + database);
  }

  private static Map<String, String> fingerprint(Pool pool) {
    Map<String, String> fingerprint = new TreeMap<>();
    List<String> tables = new java.util.ArrayList<>();
    pool.query("select tablename from pg_tables where schemaname = 'public' "
      + "and tablename not in ('flyway_schema_history', 'region_jobs')").execute().await().forEach(row -> tables.add(row.getString(0)));
    for (String table : tables) {
      Row row = pool.query("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
        + table + " t").execute().await().iterator().next();
      fingerprint.put(table, row.getString(0));
    }
    return fingerprint;
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));
  }
}
