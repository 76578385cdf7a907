package io.tongxing.server.fault;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.db.Database;
import io.tongxing.server.support.CapturedLogs;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.ResettingProxy;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A database connection lost while a request is using it — its backend terminated by an operator,
 * or the TCP connection reset under it — is an infrastructure failure, not a bug: the request gets
 * 503 with Retry-After (never 500, never a stack trace in the log), and the next request, on a new
 * connection, succeeds. The request is held mid-way on a row lock the test takes, so the loss falls
 * exactly while it is in flight.
 */
@ExtendWith(VertxExtension.class)
class DroppedConnectionFaultTest {

  private static PgConnectOptions database;
  private static ResettingProxy proxy;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    database = TestDatabase.otherDatabase("dropped_connections");
    proxy = new ResettingProxy(database.getHost(), database.getPort());
    server = TestServer.start(vertx, new JsonObject(), List.of(), new PgConnectOptions(database).setPort(proxy.port()),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new MutableClock(TestServer.START), TestDatabase.KEYS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    proxy.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aBackendTerminatedMidRequestGets503WithRetryAfterAndTheRetrySucceeds() throws Exception {
    loseTheConnectionMidRequest(blocked -> execute("select pg_terminate_backend(" + blocked + ")"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aConnectionResetMidRequestGets503WithRetryAfterAndTheRetrySucceeds() throws Exception {
    loseTheConnectionMidRequest(blocked -> proxy.reset());
  }

  private void loseTheConnectionMidRequest(Consumer<Integer> cut) throws Exception {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    int logFrom = CapturedLogs.length();
    CompletableFuture<Reply> checkIn;
    try (Connection lock = jdbc()) {
      lock.setAutoCommit(false);
      try (PreparedStatement statement = lock.prepareStatement("select 1 from residents where account_id = ? for update")) {
        statement.setObject(1, UUID.fromString(resident.accountId()));
        statement.executeQuery().close();
      }
      // Given a check-in waiting on the resident's row, when its connection is lost …
      checkIn = CompletableFuture.supplyAsync(() -> server.post("/api/v1/me/check-ins", token, normalCheckIn()));
      cut.accept(blockedBackend());
      lock.rollback();
    }

    // … then it is answered 503 with Retry-After, in the caller's language,
    Reply lost = checkIn.get(30, TimeUnit.SECONDS);
    assertEquals(503, lost.status(), lost.toString());
    assertEquals("DATABASE_UNAVAILABLE", lost.code());
    assertNotNull(lost.headers().get("Retry-After"));
    String logged = CapturedLogs.text().substring(logFrom);
    assertFalse(logged.contains("INTERNAL_ERROR") || logged.contains("\"level\":\"ERROR\""), "no error, no stack trace: " + logged);
    // and the client's retry, on a new connection, checks in.
    Reply retry = server.post("/api/v1/me/check-ins", token, normalCheckIn());
    assertEquals(201, retry.status(), retry.toString());
  }

  /** The backend of the request waiting for the test's lock, once it waits. */
  private static int blockedBackend() throws SQLException, InterruptedException {
    for (int attempt = 0; attempt < 300; attempt++) {
      try (Connection c = jdbc(); Statement statement = c.createStatement();
           ResultSet rows = statement.executeQuery("select pid from pg_stat_activity where datname = current_database() "
             + "and wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
        if (rows.next()) {
          return rows.getInt(1);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the check-in never waited for the lock");
  }

  private static void execute(String sql) {
    try (Connection c = jdbc(); Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection jdbc() throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(database), database.getUser(), database.getPassword());
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));
  }
}
