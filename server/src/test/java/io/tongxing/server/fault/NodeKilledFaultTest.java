package io.tongxing.server.fault;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.db.EmbeddedDatabase;
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
      Set<Resident> acknowledged = checkInUntilKilled(client, child, residents, tokens, clients);
      assertTrue(child.waitFor(10, TimeUnit.SECONDS) && !child.isAlive(), "the node was killed");

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
      assertOneCheckInEachAndNoIndexTwice(pool);
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

  /**
   * The server itself killed with SIGKILL under write load, with its embedded PostgreSQL, which pg_ctl
   * detached and so outlives it — what once kept every restart from starting (it waited 60 s for a
   * postmaster that could not start beside the old one, and exited). Restarted on the same directory,
   * it stops the old postmaster (a fast shutdown), starts anew and is ready within 30 s; every
   * check-in it acknowledged before the kill is there.
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aServerKilledWithItsEmbeddedDatabaseRestartsWithin30SecondsAndLosesNothingItAcknowledged(Vertx vertx, @TempDir Path dir)
    throws Exception {
    int port = freePort();
    Path pgData = dir.resolve("data").resolve("pg");
    Process child = startNode(Map.of(), port, dir);
    Process restarted = null;
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
      .setConnectTimeout(2_000).setIdleTimeout(5).setIdleTimeoutUnit(TimeUnit.SECONDS));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      awaitReady(client, child, dir);
      PgConnectOptions database = embeddedDatabaseOf(dir);
      // Registration moves this clock a minute per resident; the server's signing key dates from its
      // first start, so the clock starts now and is set back to now for the access tokens.
      MutableClock clock = new MutableClock(Instant.now());
      TestServer registrar = TestServer.start(vertx, new JsonObject(), List.of(), database,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, TestDatabase.KEYS);
      List<Resident> residents = new ArrayList<>();
      Map<Resident, String> tokens = new ConcurrentHashMap<>();
      try {
        for (int i = 0; i < RESIDENTS; i++) {
          residents.add(registrar.registerResident());
        }
        clock.set(Instant.now());
        residents.forEach(resident -> tokens.put(resident, registrar.accessToken(resident)));
      } finally {
        registrar.stop();
      }
      long oldPostmaster = postmasterPid(pgData);

      // Given clients checking in through the server, when it is killed with SIGKILL after some acknowledgements …
      Set<Resident> acknowledged = checkInUntilKilled(client, child, residents, tokens, clients);
      assertTrue(child.waitFor(10, TimeUnit.SECONDS) && !child.isAlive(), "the server was killed");
      assertTrue(ProcessHandle.of(oldPostmaster).map(ProcessHandle::isAlive).orElse(false),
        "its PostgreSQL outlived it, as in the report");

      // … then it restarts on the same directory and is ready within 30 s,
      long started = System.nanoTime();
      restarted = startNode(Map.of(), port, dir);
      awaitReady(client, restarted, dir);
      long readyMillis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("restart after kill -9 with the embedded database: ready in %d ms (%d of %d check-ins acknowledged)%n",
        readyMillis, acknowledged.size(), RESIDENTS);
      assertTrue(readyMillis <= 30_000, "ready in " + readyMillis + " ms");
      assertTrue(Files.readString(dir.resolve("node.log")).contains("left by a server that ended without stopping it"),
        "it says what it found and did");

      // and every acknowledged check-in is there, none twice; a retry of the others checks them in.
      PgConnectOptions afterRestart = embeddedDatabaseOf(dir);
      Pool pool = PgBuilder.pool().connectingTo(afterRestart).using(vertx).build();
      try {
        for (Resident resident : acknowledged) {
          assertEquals(1L, count(pool, "select count(*) from check_ins where account_id = $1", resident),
            "acknowledged check-in of " + resident.accountId() + " is in the database");
        }
        for (Resident resident : residents) {
          HttpResponse<Buffer> retry = client.post("/api/v1/me/check-ins").putHeader("Authorization", "Bearer " + tokens.get(resident))
            .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(normalCheckIn().encode())).await();
          // One in flight at the kill may have committed unacknowledged: 409 then too.
          assertTrue(retry.statusCode() == 409 || (!acknowledged.contains(resident) && retry.statusCode() == 201),
            retry.statusCode() + " " + retry.bodyAsString());
        }
        assertOneCheckInEachAndNoIndexTwice(pool);
      } finally {
        pool.close().await();
      }
    } finally {
      clients.shutdownNow();
      for (Process node : java.util.Arrays.asList(child, restarted)) {
        if (node != null && node.isAlive()) {
          node.destroy();
          if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly();
          }
        }
      }
      // Whatever a failed run left running in the directory stops here, the way the server stops it.
      EmbeddedDatabase.start(pgData, 0, "tongxing").close();
    }
  }

  /** Checks residents in through {@code node} on four threads, and kills it (SIGKILL) once KILL_AFTER were acknowledged. */
  private static Set<Resident> checkInUntilKilled(WebClient client, Process node, List<Resident> residents,
                                                 Map<Resident, String> tokens, ExecutorService threads) throws InterruptedException {
    ConcurrentLinkedQueue<Resident> queue = new ConcurrentLinkedQueue<>(residents);
    Set<Resident> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger refusedOtherwise = new AtomicInteger();
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      running.add(threads.submit(() -> {
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
            // no answer: the outcome is unknown to the client, which retries after the restart
          }
          if (acknowledged.size() >= KILL_AFTER && node.isAlive()) {
            node.destroyForcibly();
          }
        }
      }));
    }
    for (java.util.concurrent.Future<?> thread : running) {
      try {
        thread.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new AssertionError("a client thread failed", e);
      }
    }
    assertEquals(0, refusedOtherwise.get(), "the server refused nothing before it died");
    assertTrue(acknowledged.size() >= KILL_AFTER && acknowledged.size() < residents.size(),
      "killed under load: " + acknowledged.size() + " of " + residents.size() + " acknowledged");
    return acknowledged;
  }

  private static void assertOneCheckInEachAndNoIndexTwice(Pool pool) {
    Row totals = pool.query("select (select count(*) from check_ins), (select count(distinct account_id) from check_ins), "
      + "(select count(*) from issued_tokens), (select count(distinct (list_id, idx)) from issued_tokens)").execute().await()
      .iterator().next();
    assertEquals(RESIDENTS, totals.getLong(0), "one check-in per resident, none lost, none doubled");
    assertEquals(RESIDENTS, totals.getLong(1));
    assertEquals(totals.getLong(2), totals.getLong(3), "no status index used twice");
  }

  /** The embedded database a node runs in {@code dir}: its port from postmaster.pid, its password from beside it. */
  private static PgConnectOptions embeddedDatabaseOf(Path dir) throws IOException {
    Path pgData = dir.resolve("data").resolve("pg");
    List<String> pid = Files.readAllLines(pgData.resolve("postmaster.pid"));
    return new PgConnectOptions().setHost("localhost").setPort(Integer.parseInt(pid.get(3).trim())).setDatabase("tongxing")
      .setUser("postgres").setPassword(Files.readString(EmbeddedDatabase.passwordFileFor(pgData)));
  }

  private static long postmasterPid(Path pgData) throws IOException {
    return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
  }

  /** The production entry point in a JVM of its own, on the built class path, configured as an operator would. */
  private static Process startNode(PgConnectOptions database, int port, Path dir) throws IOException {
    return startNode(Map.of("TONGXING_DB_URL", "postgresql://" + database.getUser() + ":" + database.getPassword() + "@"
      + database.getHost() + ":" + database.getPort() + "/" + database.getDatabase()), port, dir);
  }

  /** As {@link #startNode(PgConnectOptions, int, Path)}; without a database URL it runs its own embedded one in {@code dir}. */
  private static Process startNode(Map<String, String> database, int port, Path dir) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, "io.tongxing.server.Main")
      .directory(dir.toFile())
      .redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, String> env = builder.environment();
    env.putAll(database);
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
