package io.tongxing.server.bench;

import io.tongxing.server.bench.BenchRegion.Device;
import io.tongxing.server.db.EmbeddedDatabase;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Scan-record ingestion: enrolled devices upload signed batches of 500 records over HTTP, each
 * acknowledged only once committed on a durable PostgreSQL; beside it, pgbench's single-row insert
 * rate on the same database in the same run (before and after, to show drift). Target: records per
 * second ≥ 2 × the pgbench rate, which batching (one statement per 500 records) should give.
 *
 * <p>Run with {@code mvn -B -q -pl server -Pbench -Dbench.class=io.tongxing.server.bench.ScanIngestBench -DskipTests verify} (after installing shared).
 */
public final class ScanIngestBench {

  private static final int BATCH = 500;
  private static final int DEVICES = 8;
  /** Two batches in flight per device: a device that uploads while it scans has at most this many. */
  private static final int IN_FLIGHT = 16;
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 20);
  private static final String UPLOAD = "/api/v1/device/scan-records";

  private final SecureRandom random = new SecureRandom();
  private final List<Device> devices = new ArrayList<>();
  private final long[] nextSequence = new long[DEVICES];
  private final String[] pseudonyms = new String[4096];
  private long acknowledged;
  private int inFlight;
  private String firstFailure;

  public static void main(String[] args) {
    int status = 0;
    try {
      new ScanIngestBench().run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void run() throws Exception {
    System.out.println("== scan-record ingestion benchmark, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
      + Runtime.version());
    Path dir = BenchRegion.tempDir();
    EmbeddedDatabase db = BenchRegion.database(dir.resolve("pg"));
    double pgbenchBefore = Pgbench.insertRate(db.connectOptions(), SECONDS);
    System.out.printf("reference  pgbench single-row insert, 8 clients (before): %,.0f tps%n", pgbenchBefore);
    try (BenchRegion region = BenchRegion.start(dir, db, json -> { })) {
      for (int i = 0; i < DEVICES; i++) {
        devices.add(region.enrollAt("bench-" + i, true));
        nextSequence[i] = 1;
      }
      for (int i = 0; i < pseudonyms.length; i++) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        pseudonyms[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
      System.out.printf("setup      %d devices enrolled at %d checkpoints; batches of %d records, %d in flight%n",
        DEVICES, DEVICES, BATCH, IN_FLIGHT);
      Promise<Thread> thread = Promise.promise();
      region.loadVertx.runOnContext(v -> thread.complete(Thread.currentThread()));
      CpuMeter cpu = new CpuMeter(dir.resolve("pg"), thread.future().await());

      closedLoop(region, WARM_UP, cpu);
      long before = acknowledged;
      Phase measured = closedLoop(region, SECONDS, cpu);
      long inPhase = acknowledged - before;
      System.out.printf("max        closed loop: %,.0f records/s (%,.1f batches/s); batch p50 %.1f ms, p99 %.1f ms, errors %d%n",
        measured.recordsPerSecond(), measured.recordsPerSecond() / BATCH, measured.percentile(50), measured.percentile(99),
        measured.errors);
      System.out.println("           CPU per 1000 records: " + measured.cpu);

      long stored = count(region, "select count(*) from scan_records");
      long gaps = count(region, "select count(*) from devices where max_sequence - first_sequence + 1 <> records_counted");
      System.out.printf("persisted  %,d records in scan_records, %,d acknowledged; devices with gaps: %d%n",
        stored, acknowledged, gaps);
      if (stored != acknowledged || gaps != 0) {
        throw new IllegalStateException("acknowledged records are missing");
      }
      double pgbenchAfter = Pgbench.insertRate(db.connectOptions(), SECONDS);
      double pgbench = (pgbenchBefore + pgbenchAfter) / 2;
      System.out.printf("reference  pgbench single-row insert, 8 clients (after): %,.0f tps; mean %,.0f tps%n",
        pgbenchAfter, pgbench);
      double ratio = measured.recordsPerSecond() / pgbench;
      System.out.printf("result     %,.0f records/s = %.2f x pgbench single-row inserts (target >= 2: %s); %,d records in phase%n",
        measured.recordsPerSecond(), ratio, ratio >= 2 && measured.errors == 0 ? "met" : "MISSED", inPhase);
    }
  }

  private static long count(BenchRegion region, String sql) {
    var pool = io.vertx.pgclient.PgBuilder.pool().connectingTo(region.database).using(region.loadVertx).build();
    try {
      return pool.query(sql).execute().await().iterator().next().getLong(0);
    } finally {
      pool.close().await();
    }
  }

  /** Keeps {@link #IN_FLIGHT} batches in flight for {@code seconds}, the devices taking turns. */
  private Phase closedLoop(BenchRegion region, int seconds, CpuMeter cpu) {
    Phase phase = new Phase(seconds, cpu);
    Promise<Void> done = Promise.promise();
    region.loadVertx.runOnContext(v -> {
      for (int i = 0; i < IN_FLIGHT; i++) {
        next(region, phase, i % DEVICES, done);
      }
    });
    done.future().await();
    phase.finish();
    return phase;
  }

  private void next(BenchRegion region, Phase phase, int deviceIndex, Promise<Void> done) {
    if (phase.over()) {
      if (inFlight == 0) {
        done.tryComplete();
      }
      return;
    }
    Device device = devices.get(deviceIndex);
    long first = nextSequence[deviceIndex];
    nextSequence[deviceIndex] += BATCH;
    String body = batch(device, first);
    long start = System.nanoTime();
    inFlight++;
    region.devicePost(device, UPLOAD, body).onComplete(reply -> {
      inFlight--;
      boolean ok = reply.succeeded() && reply.result().statusCode() == 200
        && reply.result().bodyAsJsonObject().getJsonArray("acknowledged").size() == BATCH;
      if (ok) {
        acknowledged += BATCH;
      } else if (firstFailure == null) {
        firstFailure = reply.succeeded() ? reply.result().statusCode() + " " + reply.result().bodyAsString()
          : reply.cause().toString();
        System.out.println("first failure: " + firstFailure);
      }
      phase.record(start, ok);
      next(region, phase, deviceIndex, done);
    });
  }

  /** 500 verified passes of random pseudonyms, one a second, as a device writes them. */
  private String batch(Device device, long first) {
    StringBuilder json = new StringBuilder(BATCH * 190).append("{\"records\":[");
    Instant start = Instant.now().minusSeconds(3600);
    for (int i = 0; i < BATCH; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(new JsonObject().put("sequence", first + i).put("scannedAt", start.plusSeconds(i).toString())
        .put("checkpoint", device.checkpointId()).put("outcome", "PASS").put("reason", "ACCEPTED").put("kind", "hc")
        .put("issuer", "110000").put("subject", pseudonyms[random.nextInt(pseudonyms.length)]).encode());
    }
    return json.append("]}").toString();
  }

  /** Latencies and errors of one phase. */
  private static final class Phase {
    private final long begin = System.nanoTime();
    private final long end;
    private final CpuMeter meter;
    private final CpuMeter.Sample cpuAtBegin;
    private final Latencies latencies = new Latencies();
    private int okBatches;
    int errors;
    private double seconds;
    /** CPU per 1000 records, by process part. */
    String cpu;

    Phase(int seconds, CpuMeter meter) {
      this.end = begin + seconds * 1_000_000_000L;
      this.meter = meter;
      this.cpuAtBegin = meter.sample();
    }

    boolean over() {
      return System.nanoTime() >= end;
    }

    void record(long start, boolean ok) {
      if (ok) {
        okBatches++;
      } else {
        errors++;
      }
      latencies.record(start);
    }

    void finish() {
      seconds = (System.nanoTime() - begin) / 1e9;
      this.cpu = meter.sample().perUnit(cpuAtBegin, okBatches * (long) BATCH / 1000);
    }

    double recordsPerSecond() {
      return okBatches * (double) BATCH / seconds;
    }

    double percentile(double p) {
      return latencies.percentile(p);
    }
  }
}
