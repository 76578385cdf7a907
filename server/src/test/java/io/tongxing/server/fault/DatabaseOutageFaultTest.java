package io.tongxing.server.fault;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.db.Database;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stops for half a minute while clients keep calling (a dedicated embedded instance the
 * test stops and starts): meanwhile every call is answered at once with 503 and Retry-After, never a
 * 500 and never a hang, and /health says the database is down; afterwards the server recovers by
 * itself and the clients' retries complete every check-in exactly once.
 */
@ExtendWith(VertxExtension.class)
class DatabaseOutageFaultTest {

  /** How long the database is away (seconds); {@code -Dfault.outageSeconds=} to change. */
  private static final int OUTAGE_SECONDS = Integer.getInteger("fault.outageSeconds", 30);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theServerAnswers503WhileTheDatabaseIsAwayAndRecoversByItself(Vertx vertx, @TempDir Path dir) throws Exception {
    int port = freePort();
    EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), port, "tongxing");
    Database.migrate(database.connectOptions());
    TestServer server = TestServer.start(vertx, new JsonObject(), List.of(), database.connectOptions(),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new MutableClock(TestServer.START), TestDatabase.KEYS);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread load = null;
    try {
      List<Resident> residents = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        residents.add(server.registerResident());
      }
      List<String> tokens = residents.stream().map(server::accessToken).toList();

      // A client that checks each resident in, retrying on 503, and reads the county list between.
      Map<Integer, Integer> statuses = new TreeMap<>();
      ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
      List<Integer> checkedIn = new ArrayList<>();
      load = new Thread(() -> {
        int next = 0;
        while (running.get()) {
          Reply reply = next < tokens.size()
            ? server.post("/api/v1/me/check-ins", tokens.get(next), normalCheckIn())
            : server.get("/api/v1/counties", null);
          synchronized (statuses) {
            statuses.merge(reply.status(), 1, Integer::sum);
          }
          if (reply.status() == 503) {
            if (reply.headers().get("Retry-After") == null || !"DATABASE_UNAVAILABLE".equals(reply.code())) {
              wrong.add(reply.toString());
            }
          } else if (reply.status() >= 300) {
            wrong.add(reply.toString());
          } else if (next < tokens.size()) {
            synchronized (checkedIn) {
              checkedIn.add(next);
            }
            next++;
          }
          sleep(next < tokens.size() && next % 4 == 0 ? 500 : 20);
        }
      }, "outage-client");
      load.start();
      sleep(1_000);

      database.close();
      long stoppedAt = System.nanoTime();
      Reply health = server.get("/health", null);
      assertEquals(503, health.status(), health.toString());
      assertEquals("DOWN", health.json().getJsonObject("checks").getString("database"));
      assertNotNull(health.headers().get("Retry-After"));
      while (System.nanoTime() - stoppedAt < Duration.ofSeconds(OUTAGE_SECONDS).toNanos()) {
        long started = System.nanoTime();
        Reply during = server.get("/api/v1/counties", null);
        assertEquals(503, during.status(), during.toString());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos(), "answered at once, not hung");
        sleep(1_000);
      }

      database = EmbeddedDatabase.start(dir.resolve("pg"), port, "tongxing");
      long restartedAt = System.nanoTime();
      while (server.get("/health", null).status() != 200) {
        assertTrue(System.nanoTime() - restartedAt < Duration.ofSeconds(20).toNanos(), "recovers within 20 s");
        sleep(200);
      }
      while (checkedIn.size() < tokens.size()) {
        assertTrue(System.nanoTime() - restartedAt < Duration.ofSeconds(30).toNanos(), "the client's retries complete");
        sleep(100);
      }
      running.set(false);
      load.join(10_000);

      assertTrue(wrong.isEmpty(), "only 2xx, or 503 DATABASE_UNAVAILABLE with Retry-After: " + wrong);
      assertTrue(statuses.getOrDefault(503, 0) > 0, "the client did meet the outage: " + statuses);
      io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool().connectingTo(database.connectOptions()).using(vertx).build();
      try {
        assertEquals(tokens.size(), pool.query("select count(*) from check_ins").execute().await().iterator().next().getLong(0),
          "every check-in exactly once");
        long listening = 0;
        while (listening == 0 && System.nanoTime() - restartedAt < Duration.ofSeconds(30).toNanos()) {
          listening = pool.query("select count(*) from pg_stat_activity where query ilike 'LISTEN%'").execute().await()
            .iterator().next().getLong(0);
          sleep(200);
        }
        assertEquals(1, listening, "the node listens for other nodes' changes again");
      } finally {
        pool.close().await();
      }
    } finally {
      running.set(false);
      if (load != null) {
        load.join(10_000);
      }
      server.stop();
      database.close();
    }
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
