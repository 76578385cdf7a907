package io.tongxing.server.fault;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node killed hard (SIGKILL, a separate JVM) while clients check in through it: every check-in
 * it acknowledged is in the database, nothing is half there, and the clients' retries through the
 * surviving node finish the job. A check-in is idempotent by nature: one per resident and day, so a
 * retry of one that did commit gets 409 ALREADY_CHECKED_IN_TODAY instead of a second row.
 */
@ExtendWith(VertxExtension.class)
class NodeKilledFaultTest {

  private static final int RESIDENTS = 60;
  private static final int KILL_AFTER = 15;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void everyAcknowledgedCheckInSurvivesTheNodeThatAcknowledgedIt(Vertx vertx, @TempDir Path dir) throws Exception {
    PgConnectOptions database = TestDatabase.otherDatabase("nodekill");
    Pool pool = PgBuilder.pool().connectingTo(database).using(vertx).build();
    int childPort = freePort();
    Process child = startNode(database, childPort, dir);
    // Registration moves the clock a minute per resident (one-time-code throttle): start that far back,
    // so the access tokens are current for the other node, which runs on the real clock.
    MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofSeconds(61L * RESIDENTS + 60)));
    TestServer survivor = TestServer.start(vertx, new JsonObject(), List.of(), database,
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, TestDatabase.KEYS);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(childPort)
      .setConnectTimeout(2_000).setIdleTimeout(5).setIdleTimeoutUnit(TimeUnit.SECONDS));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Resident> residents = new ArrayList<>();
      for (int i = 0; i < RESIDENTS; i++) {
        residents.add(survivor.registerResident());
      }
      clock.set(Instant.now());
      Map<Resident, String> tokens = new ConcurrentHashMap<>();
      residents.forEach(resident -> tokens.put(resident, survivor.accessToken(resident)));
      awaitReady(client, child, dir);

      // Given clients checking in through the child node, when it is killed after some acknowledgements …
      ConcurrentLinkedQueue<Resident> queue = new ConcurrentLinkedQueue<>(residents);
      Set<Resident> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger refusedOtherwise = new AtomicInteger();
      for (int t = 0; t < 4; t++) {
        clients.submit(() -> {
          Resident next;
          while ((next = queue.poll()) != null) {
            try {
              HttpResponse<Buffer> response = client.post("/api/v1/me/check-ins")
                .putHeader("Authorization", "Bearer " + tokens.get(next))
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(normalCheckIn().encode()))
                .await();
              if (response.statusCode() == 201) {
                acknowledged.add(next);
              } else {
                refusedOtherwise.incrementAndGet();
              }
            } catch (Exception connectionLost) {
              // No answer (await rethrows the connection's own exception): the outcome is unknown to
              // the client, which will retry elsewhere.
            }
            if (acknowledged.size() >= KILL_AFTER && child.isAlive()) {
              child.destroyForcibly();
            }
          }
        });
      }
      clients.shutdown();
      assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "the clients stop by themselves");
      assertTrue(child.waitFor(10, TimeUnit.SECONDS) && !child.isAlive(), "the node was killed");
      assertEquals(0, refusedOtherwise.get(), "the child refused nothing before it died");
      assertTrue(acknowledged.size() >= KILL_AFTER && acknowledged.size() < RESIDENTS,
        "killed under load: " + acknowledged.size() + " of " + RESIDENTS + " acknowledged");

      // … then every acknowledged check-in is there,
      for (Resident resident : acknowledged) {
        assertEquals(1L, count(pool, "select count(*) from check_ins where account_id = $1", resident),
          "acknowledged check-in of " + resident.accountId() + " is in the database");
      }
      // and a retry of every resident through the survivor either checks in or finds the check-in already made.
      for (Resident resident : residents) {
        Reply retry = survivor.post("/api/v1/me/check-ins", tokens.get(resident), normalCheckIn());
        if (acknowledged.contains(resident)) {
          assertEquals(409, retry.status(), retry.toString());
          assertEquals("ALREADY_CHECKED_IN_TODAY", retry.code());
        } else {
          assertTrue(retry.status() == 201 || retry.status() == 409, retry.toString());
        }
      }
      Row totals = pool.query("select (select count(*) from check_ins), (select count(distinct account_id) from check_ins), "
        + "(select count(*) from issued_tokens), (select count(distinct (list_id, idx)) from issued_tokens)").execute().await()
        .iterator().next();
      assertEquals(RESIDENTS, totals.getLong(0), "one check-in per resident, none lost, none doubled");
      assertEquals(RESIDENTS, totals.getLong(1));
      assertEquals(totals.getLong(2), totals.getLong(3), "no status index used twice");
      assertEquals(0L, pool.query("select count(*) from check_ins c where not exists (select 1 from issued_tokens t "
        + "where t.account_id = c.account_id and t.issued_at >= c.submitted_at)").execute().await()
        .iterator().next().getLong(0), "no check-in without the code issued in its transaction");
    } finally {
      clients.shutdownNow();
      child.destroyForcibly();
      survivor.stop();
      pool.close().await();
    }
  }

  /** The production entry point in a JVM of its own, on the built class path, configured as an operator would. */
  private static Process startNode(PgConnectOptions database, int port, Path dir) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, "io.tongxing.server.Main")
      .directory(dir.toFile())
      .redirectErrorStream(true)
      .redirectOutput(dir.resolve("node.log").toFile());
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, String> env = builder.environment();
    env.put("TONGXING_DB_URL", "postgresql://" + database.getUser() + ":" + database.getPassword() + "@" + database.getHost()
      + ":" + database.getPort() + "/" + database.getDatabase());
    env.put("TONGXING_HTTP_HOST", "127.0.0.1");
    env.put("TONGXING_HTTP_PORT", Integer.toString(port));
    env.put("TONGXING_HTTP_INSTANCES", "1");
    env.put("TONGXING_DATA_KEY", base64.encodeToString(TestDatabase.KEYS.dataKey()));
    env.put("TONGXING_LOOKUP_KEY", base64.encodeToString(TestDatabase.KEYS.lookupKey()));
    env.put("TONGXING_ACCESS_TOKEN_KEY", base64.encodeToString(TestDatabase.KEYS.accessTokenKey()));
    return builder.start();
  }

  private static void awaitReady(WebClient client, Process child, Path dir) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(child.isAlive(), () -> "the node exited: " + log(dir));
      try {
        if (client.get("/health/ready").send().await().statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // still starting: connection refused
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the node did not become ready: " + log(dir));
  }

  private static String log(Path dir) {
    try {
      String text = Files.readString(dir.resolve("node.log"));
      return text.substring(Math.max(0, text.length() - 3000));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static long count(Pool pool, String sql, Resident resident) {
    return pool.preparedQuery(sql).execute(Tuple.of(java.util.UUID.fromString(resident.accountId()))).await()
      .iterator().next().getLong(0);
  }

  private static JsonObject normalCheckIn() {
    return new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
