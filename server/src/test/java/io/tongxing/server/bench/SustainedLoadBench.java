package io.tongxing.server.bench;

import io.tongxing.server.Services;
import io.tongxing.server.bench.BenchRegion.Device;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.http.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A region under steady mixed load for a long time (default 10 minutes): check-ins, code fetches,
 * scan-record uploads and device syncs at fixed rates (an open loop, so a slow server is not
 * excused by fewer requests), printing each minute the rate, p99 and errors per kind and the heap,
 * to show that latency and memory stay flat. Default rates: the load as a whole at half of what
 * this machine measured at most (docs/benchmarks.md), split between the two heavy kinds — check-ins
 * at a quarter of their closed-loop maximum (677/s), scan records at a quarter of theirs (17,609/s)
 * — plus as many code fetches as check-ins and a device sync every half second.
 *
 * <p>{@code mvn -B -q -pl server -Pbench -Dbench.class=io.tongxing.server.bench.SustainedLoadBench -DskipTests verify},
 * with {@code -Dbench.minutes=}, {@code -Dbench.checkIns=}, {@code -Dbench.fetches=}, {@code -Dbench.scanRecords=},
 * {@code -Dbench.syncs=} (per second) to change it.
 */
public final class SustainedLoadBench {

  private static final int MINUTES = Integer.getInteger("bench.minutes", 10);
  /**
   * Minutes at the same rates before the measured ones: the JIT compiles, and every resident's 14-day
   * check-in history (a simulated day passes about every 18 s) fills, so the run starts from the
   * steady state a region is in, not from empty histories.
   */
  private static final int WARM_UP_MINUTES = Integer.getInteger("bench.warmUpMinutes", 5);
  private static final double CHECK_INS = Double.parseDouble(System.getProperty("bench.checkIns", "170"));
  private static final double FETCHES = Double.parseDouble(System.getProperty("bench.fetches", "170"));
  private static final double SCAN_RECORDS = Double.parseDouble(System.getProperty("bench.scanRecords", "4400"));
  private static final double SYNCS = Double.parseDouble(System.getProperty("bench.syncs", "2"));
  private static final int RESIDENTS = 3000;
  /** Each uploads one batch at a time, as the app's scan log does. */
  private static final int DEVICES = 16;
  private static final int BATCH = 500;
  /** Beyond this many requests in flight new ones are counted as shed, not queued without bound. */
  private static final int MAX_IN_FLIGHT = 512;
  private static final long TICK_MILLIS = 10;
  private static final JsonObject NORMAL = new JsonObject().put("temperature", 36.5).put("symptoms", new JsonArray().add("NONE"));

  private enum Kind { CHECK_IN, FETCH, SCANS, SYNC }

  private final DayClock clock = new DayClock();
  private final SecureRandom random = new SecureRandom();
  private final List<String> tokens = new ArrayList<>();
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private final List<String> done = new ArrayList<>();
  private final List<Device> devices = new ArrayList<>();
  private final long[] nextSequence = new long[DEVICES];
  private final boolean[] uploading = new boolean[DEVICES];
  private int nextUploader;
  private final double[] due = new double[Kind.values().length];
  private volatile Minute minute;
  private int inFlight;
  private int deviceRequestsInFlight;
  /** Everyone checked in today: the calendar moves on once no device request signed today is in flight. */
  private boolean dayOver;

  public static void main(String[] args) {
    int status = 0;
    try {
      new SustainedLoadBench().run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void run() throws Exception {
    System.out.printf("== sustained mixed load, %d min, %d cores, Java %s%n", MINUTES, Runtime.getRuntime().availableProcessors(),
      Runtime.version());
    System.out.printf("rates      check-ins %.0f/s, code fetches %.0f/s, scan records %.0f/s (batches of %d), syncs %.1f/s%n",
      CHECK_INS, FETCHES, SCAN_RECORDS, BATCH, SYNCS);
    Path dir = BenchRegion.tempDir();
    EmbeddedDatabase db = BenchRegion.database(dir.resolve("pg"));
    try (BenchRegion region = BenchRegion.start(dir, db, clock,
      json -> json.getJsonObject("auth").put("accessTokenTtlSeconds", 100L * 365 * 24 * 3600))) {
      seed(region.server.services());
      for (int i = 0; i < DEVICES; i++) {
        devices.add(region.enrollAt("sustained-" + i, true));
        nextSequence[i] = 1;
      }
      System.out.printf("setup      %d residents, %d devices; heap limit %d MiB%n", RESIDENTS, DEVICES,
        Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf("warm-up    %d min at the same rates (JIT, 14-day histories filled), printed as w1.., not part of the run%n",
        WARM_UP_MINUTES);
      System.out.println("minute  kind       sent   ok/s   p50 ms   p99 ms  errors  shed | heap used MiB, of it old gen MiB");
      for (int m = 1; m <= WARM_UP_MINUTES; m++) {
        runMinute(region, "w" + m, null);
      }
      PostgresActivity activity = Boolean.getBoolean("bench.pgActivity")
        ? new PostgresActivity(region.server.services().pool()) : null;
      for (int m = 1; m <= MINUTES; m++) {
        runMinute(region, String.valueOf(m), activity);
      }
      long stored = region.server.services().pool().query("select count(*) from scan_records").execute().await()
        .iterator().next().getLong(0);
      System.out.printf("persisted  %,d scan records, %,d health codes issued%n", stored,
        region.server.services().pool().query("select count(*) from issued_tokens").execute().await().iterator().next().getLong(0));
    }
  }

  /** One minute of load at the fixed rates, printed with {@code label}. */
  private void runMinute(BenchRegion region, String label, PostgresActivity activity) throws InterruptedException {
    minute = new Minute();
    long end = System.nanoTime() + 60_000_000_000L;
    long timer = region.loadVertx.setPeriodic(TICK_MILLIS, id -> tick(region));
    while (System.nanoTime() < end) {
      Thread.sleep(200);
    }
    region.loadVertx.cancelTimer(timer);
    minute.print(label);
    if (activity != null) {
      activity.print();
    }
  }

  private void seed(Services services) {
    List<Future<UUID>> batch = new ArrayList<>();
    for (int i = 0; i < RESIDENTS; i++) {
      batch.add(services.accounts().createVerifiedResident("基准居民", CheckInBench.idNumber(i), String.format("139%08d", i),
        "Bench-pass-1"));
      if (batch.size() == 32 || i == RESIDENTS - 1) {
        for (Future<UUID> f : batch) {
          tokens.add(services.accessTokens().issue(f.await(), Role.RESIDENT, UUID.randomUUID()));
        }
        batch.clear();
      }
    }
    clock.nextDay();
    ready.addAll(tokens);
  }

  /** Sends what is due at the fixed rates since the last tick (on the load generator's event loop). */
  private void tick(BenchRegion region) {
    double seconds = TICK_MILLIS / 1000.0;
    double[] rates = {CHECK_INS, FETCHES, SCAN_RECORDS / BATCH, SYNCS};
    if (dayOver && deviceRequestsInFlight == 0) {
      // A device proof signed before the change of day would be a day off the server's clock.
      clock.nextDay();
      ready.addAll(done);
      done.clear();
      dayOver = false;
    }
    for (Kind kind : Kind.values()) {
      due[kind.ordinal()] += rates[kind.ordinal()] * seconds;
      while (due[kind.ordinal()] >= 1) {
        if (kind == Kind.CHECK_IN && ready.isEmpty()) {
          dayOver = true;
        }
        if (dayOver && kind != Kind.FETCH) {
          break; // held, not dropped: sent at the next tick of the new day
        }
        due[kind.ordinal()] -= 1;
        send(region, kind);
      }
    }
  }

  private void send(BenchRegion region, Kind kind) {
    Minute counted = minute;
    if (inFlight >= MAX_IN_FLIGHT) {
      counted.shed[kind.ordinal()]++;
      return;
    }
    long start = System.nanoTime();
    Future<HttpResponse<Buffer>> request;
    String resident = null;
    int uploader = -1;
    int expected = 200;
    switch (kind) {
      case CHECK_IN -> {
        resident = ready.poll();
        expected = 201;
        request = region.client.post("/api/v1/me/check-ins").putHeader("Authorization", "Bearer " + resident)
          .sendJsonObject(NORMAL);
      }
      case FETCH -> request = region.client.get("/api/v1/me/health-code")
        .putHeader("Authorization", "Bearer " + tokens.get(random.nextInt(tokens.size()))).send();
      case SCANS -> {
        int d = idleUploader();
        if (d < 0) {
          counted.shed[kind.ordinal()]++;
          return;
        }
        uploading[d] = true;
        uploader = d;
        long first = nextSequence[d];
        nextSequence[d] += BATCH;
        request = region.devicePost(devices.get(d), "/api/v1/device/scan-records", batch(devices.get(d), first));
      }
      default -> request = region.devicePost(devices.get(random.nextInt(DEVICES)), "/api/v1/device/sync", "{}");
    }
    inFlight++;
    boolean device = kind == Kind.SCANS || kind == Kind.SYNC;
    if (device) {
      deviceRequestsInFlight++;
    }
    String checkedIn = resident;
    int ok = expected;
    int uploaded = uploader;
    request.onComplete(reply -> {
      inFlight--;
      if (uploaded >= 0) {
        uploading[uploaded] = false;
      }
      if (device) {
        deviceRequestsInFlight--;
      }
      boolean success = reply.succeeded() && reply.result().statusCode() == ok;
      if (checkedIn != null) {
        done.add(checkedIn);
      }
      counted.record(kind, System.nanoTime() - start, success,
        success ? null : reply.succeeded() ? reply.result().statusCode() + " " + reply.result().bodyAsString() : reply.cause().toString());
    });
  }

  /** The next device (round robin) with no upload in flight, or -1 if every one is uploading. */
  private int idleUploader() {
    for (int i = 0; i < DEVICES; i++) {
      int d = (nextUploader + i) % DEVICES;
      if (!uploading[d]) {
        nextUploader = d + 1;
        return d;
      }
    }
    return -1;
  }

  private String batch(Device device, long first) {
    StringBuilder json = new StringBuilder(BATCH * 190).append("{\"records\":[");
    Instant start = clock.instant().minusSeconds(3600);
    for (int i = 0; i < BATCH; i++) {
      if (i > 0) {
        json.append(',');
      }
      byte[] subject = new byte[6];
      random.nextBytes(subject);
      json.append(new JsonObject().put("sequence", first + i).put("scannedAt", start.plusSeconds(i).toString())
        .put("checkpoint", device.checkpointId()).put("outcome", "PASS").put("reason", "ACCEPTED").put("kind", "hc")
        .put("issuer", "110000").put("subject", Base64.getUrlEncoder().withoutPadding().encodeToString(subject)).encode());
    }
    return json.append("]}").toString();
  }

  /** One minute's latencies, errors and shed requests per kind. */
  private static final class Minute {
    private final long[][] latencies = new long[Kind.values().length][1024];
    private final int[] counts = new int[Kind.values().length];
    private final int[] oks = new int[Kind.values().length];
    private final int[] errors = new int[Kind.values().length];
    final int[] shed = new int[Kind.values().length];
    private String firstError;

    void record(Kind kind, long nanos, boolean ok, String error) {
      int k = kind.ordinal();
      if (counts[k] == latencies[k].length) {
        latencies[k] = Arrays.copyOf(latencies[k], counts[k] * 2);
      }
      latencies[k][counts[k]++] = nanos;
      if (ok) {
        oks[k]++;
      } else {
        errors[k]++;
        if (firstError == null) {
          firstError = kind + ": " + error;
        }
      }
    }

    void print(String minute) {
      long used = 0;
      long old = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          used += pool.getUsage().getUsed();
          if (pool.getName().contains("Old")) {
            old = pool.getUsage().getUsed();
          }
        }
      }
      for (Kind kind : Kind.values()) {
        int k = kind.ordinal();
        long[] sorted = Arrays.copyOf(latencies[k], counts[k]);
        Arrays.sort(sorted);
        System.out.printf("%6s  %-8s %6d %6.1f %8.1f %8.1f %7d %5d%s%n", minute, kind.name().toLowerCase().replace('_', '-'),
          counts[k], oks[k] / 60.0, percentile(sorted, 50), percentile(sorted, 99), errors[k], shed[k],
          k == 0 ? String.format(" | %d, %d", used >> 20, old >> 20) : "");
      }
      if (firstError != null) {
        System.out.println("        first error: " + firstError.substring(0, Math.min(200, firstError.length())));
      }
    }

    private static double percentile(long[] sorted, double p) {
      return sorted.length == 0 ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }
  }
}
