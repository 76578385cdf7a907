package io.tongxing.server.citus;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.db.Database;
import io.tongxing.server.support.CitusCluster;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Citus worker killed while residents check in: a check-in whose resident lives on the dead worker
 * is refused at once with 503 and Retry-After (never a 500, never a hang), every other check-in goes
 * on, the worker comes back from its own WAL and the coordinator uses it again with nobody telling it,
 * and every check-in that was acknowledged is there, exactly once, with its code. The cluster is this
 * test's own, so killing a worker disturbs no other test.
 */
@ExtendWith(VertxExtension.class)
class WorkerKilledFaultTest {

  private static final int RESIDENTS = 48;
  private static final int KILL_AFTER = 8;
  private static final int VICTIM = 2;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void checkInsNeedingTheDeadWorkerGet503TheRestSucceedItRejoinsAndNothingAcknowledgedIsLost(Vertx vertx) throws Exception {
    Assumptions.assumeTrue(CitusCluster.available(), CitusCluster::unavailableReason);
    // In-doubt two-phase commits are finished within a second of the worker's return (the default is a minute).
    try (CitusCluster cluster = CitusCluster.start(2, Map.of("citus.recover_2pc_interval", "1s"))) {
      PgConnectOptions database = cluster.coordinator();
      Database.migrate(database, true);
      TestServer server = TestServer.start(vertx, new JsonObject().put("db", new JsonObject().put("citus", true)), List.of(), database,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new io.tongxing.server.support.MutableClock(TestServer.START),
        TestDatabase.KEYS);
      ExecutorService clients = Executors.newFixedThreadPool(4);
      try {
        List<Resident> residents = new ArrayList<>();
        Map<Resident, String> tokens = new HashMap<>();
        for (int i = 0; i < RESIDENTS; i++) {
          residents.add(server.registerResident());
        }
        // Registration moves the test clock (one-time-code throttle): the logins come after, so no token has expired.
        for (Resident resident : residents) {
          tokens.put(resident, server.accessToken(resident));
        }
        Map<Resident, Integer> workerOf = workers(database, residents);
        int victimPort = cluster.workerPort(VICTIM);
        assertTrue(workerOf.containsValue(victimPort) && workerOf.values().stream().anyMatch(p -> p != victimPort),
          "residents on both workers");

        // Given residents checking in from four clients, when the worker holding some of them is killed …
        Collections.shuffle(residents);
        ConcurrentLinkedQueue<Resident> queue = new ConcurrentLinkedQueue<>(residents);
        Map<Resident, Reply> answers = new ConcurrentHashMap<>();
        Set<Resident> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        for (int t = 0; t < 4; t++) {
          clients.submit(() -> {
            Resident next;
            while ((next = queue.poll()) != null) {
              Reply reply = server.post("/api/v1/me/check-ins", tokens.get(next), normalCheckIn());
              answers.put(next, reply);
              if (reply.status() == 201) {
                acknowledged.add(next);
              }
              if (acknowledged.size() >= KILL_AFTER && killed.compareAndSet(false, true)) {
                cluster.killWorker(VICTIM);
              }
            }
            return null;
          });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(120, TimeUnit.SECONDS), "the clients stop by themselves");
        assertTrue(killed.get(), "the worker was killed under load");

        // … then those on the dead worker are refused with 503 and Retry-After, the others all succeed,
        int refused = 0;
        for (Resident resident : residents) {
          Reply reply = answers.get(resident);
          if (workerOf.get(resident) != victimPort) {
            assertEquals(201, reply.status(), "a resident on the live worker checks in: " + reply);
          } else if (reply.status() != 201) {
            refused++;
            assertEquals(503, reply.status(), reply.toString());
            assertEquals("DATABASE_UNAVAILABLE", reply.code());
            assertEquals("5", reply.headers().get("Retry-After"));
          }
        }
        assertTrue(refused > 0, "some residents of the dead worker were refused");
        assertEquals(200, server.get("/health/ready", null).status(), "the node stays ready: the coordinator answers");

        // … the worker returns and is used again without anyone telling the coordinator,
        cluster.restartWorker(VICTIM);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Resident> waiting = new ArrayList<>(residents.stream().filter(r -> !acknowledged.contains(r)).toList());
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
          Resident resident = waiting.get(0);
          Reply retry = server.post("/api/v1/me/check-ins", tokens.get(resident), normalCheckIn());
          if (retry.status() == 201 || retry.status() == 409) {
            // 409: an attempt whose answer was lost had committed (ALREADY_CHECKED_IN_TODAY).
            assertTrue(retry.status() == 201 || "ALREADY_CHECKED_IN_TODAY".equals(retry.code()), retry.toString());
            waiting.remove(0);
          } else {
            assertEquals(503, retry.status(), retry.toString());
            Thread.sleep(200);
          }
        }
        assertEquals(List.of(), waiting, "every resident checked in after the worker came back");

        // … and every acknowledged check-in is there once, with the code issued in its transaction.
        for (Resident resident : acknowledged) {
          Reply again = server.post("/api/v1/me/check-ins", tokens.get(resident), normalCheckIn());
          assertEquals(409, again.status(), "acknowledged before: " + again);
        }
        assertEquals(RESIDENTS, count(database, "select count(*) from check_ins"), "one check-in per resident, none lost, none doubled");
        assertEquals(RESIDENTS, count(database, "select count(distinct account_id) from check_ins"));
        assertEquals(0L, count(database, "select count(*) from check_ins c where not exists (select 1 from issued_tokens t "
          + "where t.account_id = c.account_id and t.issued_at >= c.submitted_at)"), "no check-in without its code");
      } finally {
        clients.shutdownNow();
        server.stop();
      }
    }
  }

  /** The port of the worker holding each resident's rows. */
  private static Map<Resident, Integer> workers(PgConnectOptions database, List<Resident> residents) throws SQLException {
    Map<Resident, Integer> ports = new HashMap<>();
    try (Connection c = connect(database); PreparedStatement query = c.prepareStatement("select nodeport from citus_shards "
      + "where shardid = get_shard_id_for_distribution_column('accounts', ?::uuid)")) {
      for (Resident resident : residents) {
        query.setString(1, resident.accountId());
        try (ResultSet rows = query.executeQuery()) {
          assertTrue(rows.next());
          ports.put(resident, rows.getInt(1));
        }
      }
    }
    return ports;
  }

  private static long count(PgConnectOptions database, String sql) throws SQLException {
    try (Connection c = connect(database); ResultSet rows = c.createStatement().executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  private static Connection connect(PgConnectOptions database) throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(database), database.getUser(), database.getPassword());
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));
  }
}
