package io.tongxing.server.bench;

import io.tongxing.server.Services;
import io.tongxing.server.bench.BenchRegion.Device;
import io.tongxing.server.db.Database;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.CitusCluster;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The region on one PostgreSQL and on Citus with a coordinator and two workers, in the same run and
 * from the same binaries (Debian's PostgreSQL 15, durable: fsync, full-page writes and synchronous
 * commit on): check-in, code display and scan ingestion over HTTP, each as a rate and as CPU per
 * request — the server's JVM, the coordinator, the workers — and the ratios of Citus to one
 * PostgreSQL. On two cores the nodes share the cores, so Citus cannot be faster here; what the run
 * shows is what a request costs on each, and that nothing fails. Needs Citus (build.sh) and pgbench.
 *
 * <p>{@code mvn -B -q -pl server -Pbench -Dbench.class=io.tongxing.server.bench.CitusBench -DskipTests verify}
 */
public final class CitusBench {

  private static final int RESIDENTS = 2000;
  private static final int DEVICES = 4;
  private static final int BATCH = 500;
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 20);
  private static final Map<String, String> DURABLE = Map.of("fsync", "on", "full_page_writes", "on",
    "synchronous_commit", "on", "shared_buffers", "256MB", "max_wal_size", "4GB");
  private static final JsonObject NORMAL = new JsonObject().put("temperature", 36.6).put("symptoms", new JsonArray().add("NONE"));

  private final SecureRandom random = new SecureRandom();

  public static void main(String[] args) {
    int status = 0;
    try {
      new CitusBench().run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void run() throws Exception {
    System.out.println("== one PostgreSQL and Citus (coordinator + 2 workers), " + Runtime.getRuntime().availableProcessors()
      + " cores, Java " + Runtime.version() + "; " + SECONDS + " s a phase after " + WARM_UP + " s of warm-up");
    Map<String, Phase> one = deployment("one PostgreSQL", false, true);
    Map<String, Phase> single = deployment("one PostgreSQL, one check-in a transaction (db.groupCommit false)", false, false);
    Map<String, Phase> citus = deployment("Citus, 2 workers", true, false);
    System.out.println();
    System.out.println("| workload (a second) | deployment | rate | × one PostgreSQL | server CPU | PostgreSQL CPU (coordinator + workers) "
      + "| × one PostgreSQL |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String workload : one.keySet()) {
      Phase a = one.get(workload);
      row(workload, "one PostgreSQL", a, a);
      row(workload, "one PostgreSQL, no group commit", single.get(workload), a);
      row(workload, "Citus, 2 workers", citus.get(workload), a);
    }
  }

  private static void row(String workload, String deployment, Phase phase, Phase reference) {
    double postgres = phase.coordinatorMs + phase.workersMs;
    double referencePostgres = reference.coordinatorMs + reference.workersMs;
    System.out.printf("| %s | %s | %,.0f | %.2f | %.2f ms (%.2f ×) | %.2f ms (%.2f + %.2f) | %.2f |%n", workload, deployment,
      phase.rate * phase.unitsPerFigure, phase.rate / reference.rate, phase.serverMs, phase.serverMs / reference.serverMs, postgres,
      phase.coordinatorMs, phase.workersMs, postgres / referencePostgres);
  }

  /** Starts the database, a region server on it, seeds it, and measures the three workloads. */
  private Map<String, Phase> deployment(String name, boolean citus, boolean groupCommit) throws Exception {
    System.out.println("-- " + name);
    try (CitusCluster cluster = citus ? CitusCluster.start(2, DURABLE) : CitusCluster.onePostgres(DURABLE)) {
      PgConnectOptions database = cluster.coordinator();
      Database.migrate(database, citus);
      System.out.printf("reference  pgbench single-row insert, 8 clients, on %s: %,.0f tps%n",
        citus ? "the coordinator (a table of its own)" : "it", Pgbench.insertRate(database, SECONDS));
      if (citus) {
        double local = Pgbench.selectRate(database, "select 1", SECONDS);
        String spread = "select create_distributed_table('bench_select', 'id')";
        double routed = Pgbench.selectRate(database, spread, SECONDS);
        // Citus talks TLS to its workers by default (citus.node_conninfo sslmode=require): what that costs a statement.
        Pgbench.psql(database, "alter system set citus.node_conninfo = 'sslmode=disable'", "select pg_reload_conf()");
        double plainText = Pgbench.selectRate(database, spread, SECONDS);
        Pgbench.psql(database, "alter system reset citus.node_conninfo", "select pg_reload_conf()");
        System.out.printf("reference  pgbench primary-key select, 8 clients: %,.0f tps on a coordinator table; routed to a worker's "
          + "shard %,.0f tps over TLS (%.2f ×), %,.0f tps without (%.2f ×)%n", local, routed, routed / local, plainText,
          plainText / local);
      }
      DayClock clock = new DayClock();
      try (BenchRegion region = BenchRegion.start(database, () -> { }, clock, json -> {
        json.getJsonObject("db").put("citus", citus).put("groupCommit", groupCommit);
        json.getJsonObject("auth").put("accessTokenTtlSeconds", 100L * 365 * 24 * 3600);
      })) {
        List<String> tokens = BenchResidents.register(region.server.services(), RESIDENTS);
        clock.nextDay();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
          devices.add(region.enrollAt("bench-" + i, true));
        }
        Promise<Thread> thread = Promise.promise();
        region.loadVertx.runOnContext(v -> thread.complete(Thread.currentThread()));
        List<Long> postmasters = new ArrayList<>();
        for (int n = 0; n <= cluster.workers(); n++) {
          postmasters.add(CpuMeter.postmaster(cluster.dataDir(n)));
        }
        Meter meter = new Meter(new CpuMeter(cluster.dataDir(0), thread.future().await()), postmasters);
        System.out.printf("setup      %d residents, %d devices; %s%n", RESIDENTS, DEVICES, meter.describe());

        Map<String, Phase> phases = new LinkedHashMap<>();
        CheckIns checkIns = new CheckIns(region, clock, tokens);
        phases.put("check-in → signed code", measure(region, meter, "check-in", 128, 1, checkIns::next));
        List<String> all = new ArrayList<>(tokens);
        phases.put("code display (GET /me/health-code)", measure(region, meter, "code", 32, 1,
          () -> region.client.get("/api/v1/me/health-code").putHeader("Authorization", "Bearer " + all.get(random.nextInt(all.size())))
            .send().map(reply -> reply.statusCode() == 200 ? 1 : failed(reply.statusCode() + " " + reply.bodyAsString()))));
        Scans scans = new Scans(region, devices);
        phases.put("scan ingestion, per 1000 records", measure(region, meter, "scan", 8, 1000, scans::next));

        long storedCheckIns = count(region, "select count(*) from check_ins");
        long storedScans = count(region, "select count(*) from scan_records");
        System.out.printf("persisted  %,d check-ins (%,d acknowledged), %,d scan records (%,d acknowledged)%n",
          storedCheckIns, checkIns.acknowledged, storedScans, scans.acknowledged);
        if (storedCheckIns != checkIns.acknowledged || storedScans != scans.acknowledged) {
          throw new IllegalStateException("acknowledged work is missing on " + name);
        }
        return phases;
      }
    }
  }

  /**
   * Warm-up, then {@link #SECONDS} with {@code inFlight} requests in flight. Each request answers how
   * many units it completed (a check-in, a code, or 500 records); figures are per {@code unitsPerFigure}.
   */
  private Phase measure(BenchRegion region, Meter meter, String what, int inFlight, int unitsPerFigure,
                        Supplier<Future<Integer>> request) {
    closedLoop(region, WARM_UP, inFlight, request, meter);
    Phase phase = closedLoop(region, SECONDS, inFlight, request, meter);
    phase.finish(unitsPerFigure);
    System.out.printf("%-10s %d in flight: %,.0f units/s; request p50 %.1f ms, p99 %.1f ms, errors %d; CPU per %s: server %.2f ms, "
        + "PostgreSQL %.2f ms (coordinator %.2f, workers %.2f)%n", what, inFlight, phase.rate * unitsPerFigure,
      phase.percentile(50), phase.percentile(99), phase.errors, unitsPerFigure == 1 ? what : unitsPerFigure + " units",
      phase.serverMs, phase.coordinatorMs + phase.workersMs, phase.coordinatorMs, phase.workersMs);
    return phase;
  }

  private Phase closedLoop(BenchRegion region, int seconds, int inFlight, Supplier<Future<Integer>> request, Meter meter) {
    Phase phase = new Phase(seconds, meter);
    Promise<Void> done = Promise.promise();
    int[] running = {0};
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (phase.over()) {
        if (running[0] == 0) {
          done.tryComplete();
        }
        return;
      }
      running[0]++;
      long start = System.nanoTime();
      request.get().otherwise(failure -> failed(failure.toString())).onComplete(units -> {
        running[0]--;
        phase.record(start, units.result());
        next[0].run();
      });
    };
    region.loadVertx.runOnContext(v -> {
      for (int i = 0; i < inFlight; i++) {
        next[0].run();
      }
    });
    done.future().await();
    return phase;
  }

  private static int failed(String why) {
    System.out.println("failure: " + why);
    return 0;
  }

  private static long count(BenchRegion region, String sql) {
    var pool = io.vertx.pgclient.PgBuilder.pool().connectingTo(region.database).using(region.loadVertx).build();
    try {
      return pool.query(sql).execute().await().iterator().next().getLong(0);
    } finally {
      pool.close().await();
    }
  }

  /**
   * Residents take turns checking in, once a day each: when all have, the server's calendar moves
   * on a day (those still in flight wait for the next one).
   */
  private static final class CheckIns {
    private final BenchRegion region;
    private final DayClock clock;
    private final Deque<String> ready;
    private final List<String> done = new ArrayList<>();
    long acknowledged;

    CheckIns(BenchRegion region, DayClock clock, List<String> tokens) {
      this.region = region;
      this.clock = clock;
      this.ready = new ArrayDeque<>(tokens);
    }

    Future<Integer> next() {
      if (ready.isEmpty()) {
        clock.nextDay();
        ready.addAll(done);
        done.clear();
      }
      String token = ready.poll();
      return region.client.post("/api/v1/me/check-ins").putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(NORMAL.encode()))
        .map(reply -> {
          if (reply.statusCode() != 201) {
            return failed(reply.statusCode() + " " + reply.bodyAsString());
          }
          acknowledged++;
          return 1;
        })
        .eventually(() -> {
          done.add(token);
          return Future.succeededFuture();
        });
    }
  }

  /** Devices take turns uploading batches of verified passes of random pseudonyms. */
  private final class Scans {
    private final BenchRegion region;
    private final List<Device> devices;
    private final long[] nextSequence;
    private int turn;
    long acknowledged;

    Scans(BenchRegion region, List<Device> devices) {
      this.region = region;
      this.devices = devices;
      this.nextSequence = new long[devices.size()];
      Arrays.fill(nextSequence, 1);
    }

    Future<Integer> next() {
      int index = turn++ % devices.size();
      Device device = devices.get(index);
      long first = nextSequence[index];
      nextSequence[index] += BATCH;
      JsonArray records = new JsonArray();
      Instant start = region.clock.instant().minusSeconds(3600);
      for (int i = 0; i < BATCH; i++) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        records.add(new JsonObject().put("sequence", first + i).put("scannedAt", start.plusSeconds(i).toString())
          .put("checkpoint", device.checkpointId()).put("outcome", "PASS").put("reason", "ACCEPTED").put("kind", "hc")
          .put("issuer", "110000").put("subject", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
      }
      return region.devicePost(device, "/api/v1/device/scan-records", new JsonObject().put("records", records).encode())
        .map(reply -> {
          if (reply.statusCode() != 200 || reply.bodyAsJsonObject().getJsonArray("acknowledged").size() != BATCH) {
            return failed(reply.statusCode() + " " + reply.bodyAsString());
          }
          acknowledged += BATCH;
          return BATCH;
        });
    }
  }

  /** The server's CPU (from {@link CpuMeter}) and each PostgreSQL node's, the coordinator first. */
  private record Meter(CpuMeter jvm, List<Long> postmasters) {
    long[] sample() {
      long[] nanos = new long[postmasters.size()];
      for (int i = 0; i < nanos.length; i++) {
        nanos[i] = CpuMeter.postgres(postmasters.get(i));
      }
      return nanos;
    }

    String describe() {
      return postmasters.size() == 1 ? "one PostgreSQL server" : "a coordinator and " + (postmasters.size() - 1) + " workers";
    }
  }

  /** One measured phase: rate, latencies, errors and CPU per unit of work. */
  private static final class Phase {
    private final long begin = System.nanoTime();
    private final long end;
    private final Meter meter;
    private final CpuMeter.Sample jvmAtBegin;
    private final long[] postgresAtBegin;
    private final Latencies latencies = new Latencies();
    private long units;
    int errors;
    double rate;
    int unitsPerFigure;
    double serverMs;
    double coordinatorMs;
    double workersMs;

    Phase(int seconds, Meter meter) {
      this.end = begin + seconds * 1_000_000_000L;
      this.meter = meter;
      this.jvmAtBegin = meter.jvm().sample();
      this.postgresAtBegin = meter.sample();
    }

    boolean over() {
      return System.nanoTime() >= end;
    }

    void record(long start, int done) {
      if (done == 0) {
        errors++;
      }
      units += done;
      latencies.record(start);
    }

    /** The rate and CPU in figures of {@code unitsPerFigure} units (1 a request, or 1000 records). */
    void finish(int unitsPerFigure) {
      double seconds = (System.nanoTime() - begin) / 1e9;
      CpuMeter.Sample jvm = meter.jvm().sample();
      long[] postgres = meter.sample();
      this.unitsPerFigure = unitsPerFigure;
      double figures = Math.max(1, units) / (double) unitsPerFigure;
      double per = figures * 1e6;
      rate = figures / seconds;
      serverMs = (jvm.server() - jvmAtBegin.server()) / per;
      coordinatorMs = (postgres[0] - postgresAtBegin[0]) / per;
      long workers = 0;
      for (int i = 1; i < postgres.length; i++) {
        workers += postgres[i] - postgresAtBegin[i];
      }
      workersMs = workers / per;
    }

    double percentile(double p) {
      return latencies.percentile(p);
    }
  }
}
