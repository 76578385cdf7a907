package io.tongxing.server.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.server.Services;
import io.tongxing.server.auth.DemoOneTimeCodeSender;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.JcaProviders;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Check-in → signed health code over HTTP, persisted, on a durable embedded PostgreSQL, against the
 * cost of its own rows (issue 17 §2): {@link CheckInReference} runs the statements of one check-in as
 * one pgbench transaction on the same database, in rounds beside the server's closed-loop maximum.
 *
 * <p>After a long warm-up, each round runs the reference and then the server closed-loop (a fixed
 * number of requests in flight) for its highest rate; the ratio is taken within the round. Then one
 * check-in at a time, and a fixed rate of half the maximum, each request timed from when it was due,
 * so a server falling behind shows in the latency rather than hiding in a slower send. Beside every
 * rate the CPU a check-in cost: the server's threads, the load generator's and PostgreSQL's.
 * Run with {@code mvn -B -q -pl server -Pbench -DskipTests verify} (after installing shared).
 */
public final class CheckInBench {

  private static final int RESIDENTS = 3000;
  /** Enough requests in flight to fill the check-in batcher (4 batches of up to 64). */
  private static final int CLOSED_LOOP_IN_FLIGHT = 256;
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final int REFERENCE_CLIENTS = 32;
  /** The county every benchmark resident visited yesterday (no risk level set: low). */
  private static final String VISITED = "110105";

  private final DayClock clock = new DayClock();
  /** Residents who have not checked in today, and those who have; a new day turns the second into the first. */
  private final Deque<String> ready = new ArrayDeque<>();
  private final List<String> done = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();
  private int inFlight;
  private String firstFailure;
  private WebClient client;
  private CpuMeter cpu;
  private java.time.ZoneId zone;

  public static void main(String[] args) {
    int status = 0;
    try {
      new CheckInBench().run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void run() throws Exception {
    System.out.printf("== check-in benchmark, %d cores, Java %s; load average at start: %s%n", Runtime.getRuntime().availableProcessors(),
      Runtime.version(), loadAverage());
    Path dir = BenchRegion.tempDir();
    EmbeddedDatabase db = BenchRegion.database(dir.resolve("pg"));
    Vertx serverVertx = Vertx.vertx();
    JsonObject json = ConfigLoader.defaults();
    json.getJsonObject("http").put("port", 0).put("instances", 2);
    json.getJsonObject("db").put("poolSize", 16);
    json.getJsonObject("colours").put("sweepIntervalSeconds", 0);
    json.getJsonObject("auth").put("accessTokenTtlSeconds", 100L * 365 * 24 * 3600)
      .put("argon2", new JsonObject().put("memoryKiB", 1024).put("iterations", 1).put("parallelism", 1));
    Dependencies deps = new Dependencies(db.connectOptions(), KeyMaterial.random(new SecureRandom()), clock, new SecureRandom(),
      new DemoOneTimeCodeSender(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(),
      JcaProviders.nativeOrDefault(true));
    RegionServer server = RegionServer.start(serverVertx, new ServerConfig(json), deps).await();
    zone = new ServerConfig(json).zone();
    // The load generator gets an event loop of its own, so that profiles tell its CPU from the server's.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port())
      .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
    Promise<Thread> loadGenerator = Promise.promise();
    vertx.runOnContext(v -> loadGenerator.complete(Thread.currentThread()));
    cpu = new CpuMeter(dir.resolve("pg"), loadGenerator.future().await());
    seed(server.services());
    long[] rowsBeforeCheckIns = CheckInReference.rowWrites(db.connectOptions(), "public");
    System.out.printf("setup      %d residents registered (each check-in: one visited county, colour rules, a signed code,"
      + " status index, audit row, one transaction)%n", RESIDENTS);

    // A long warm-up: on two cores the JIT compiler competes with the load for a minute or more.
    warmUp(vertx);
    if (Boolean.getBoolean("bench.direct")) {
      direct(server.services());
    }
    CheckInReference reference = CheckInReference.prepare(db.connectOptions(), RESIDENTS);
    System.out.printf("reference  pgbench -M prepared -c %d -j 2, one transaction per check-in: the statements a check-in"
      + " runs, on copies of its tables%n", REFERENCE_CLIENTS);
    jdk.jfr.Recording profile = profile();
    List<Double> references = new ArrayList<>();
    List<Double> maxima = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      long processes = cpu.processes();
      CpuMeter.Sample before = cpu.sample();
      Pgbench.Timed pgbench = reference.run(REFERENCE_CLIENTS, SECONDS);
      cpu.settle(processes);
      String pgCpu = cpu.sample().perUnit(before, pgbench.transactions());
      Result closed = closedLoop(vertx, CLOSED_LOOP_IN_FLIGHT);
      System.out.printf("round %d    (load average %s)%n", round, loadAverage());
      System.out.printf("  reference %,7.0f check-in transactions/s | CPU per transaction: pgbench %.2f ms, PostgreSQL %s%n",
        pgbench.tps(), pgbench.clientCpuNanos() / (pgbench.transactions() * 1e6), pgCpu.substring(pgCpu.indexOf("PostgreSQL ") + 11));
      System.out.printf("  max       %,7.0f check-ins/s, closed loop of %d = %.2f x the reference; p50 %.1f ms, p99 %.1f ms, errors %d%n",
        closed.rate(), CLOSED_LOOP_IN_FLIGHT, closed.rate() / pgbench.tps(), closed.percentile(50), closed.percentile(99),
        closed.errors());
      System.out.println("            CPU per check-in: " + closed.cpu());
      references.add(pgbench.tps());
      maxima.add(closed.rate() / pgbench.tps());
    }
    if (profile != null) {
      profile.dump(Path.of(System.getProperty("bench.jfr"), "checkin.jfr"));
      profile.close();
    }
    double ratio = median(maxima);
    System.out.printf("target     check-ins >= 0.5 x the reference: median over the rounds %.2f (%s)%n", ratio,
      ratio >= 0.5 ? "met" : "MISSED");
    Result single = closedLoop(vertx, 1, 5);
    System.out.printf("single     one at a time: %,.0f check-ins/s; p50 %.1f ms, p99 %.1f ms, errors %d%n",
      single.rate(), single.percentile(50), single.percentile(99), single.errors());
    System.out.println("           CPU per check-in: " + single.cpu());
    double half = ratio * median(references) / 2;
    Result open = openLoop(vertx, half);
    System.out.printf("half       fixed rate %,.0f/s (half the maximum): achieved %,.0f/s, p50 %.1f ms, p99 %.1f ms, errors %d"
        + " (target p99 <= 50 ms: %s)%n", half, open.rate(), open.percentile(50), open.percentile(99), open.errors(),
      open.rate() >= half * 0.98 && open.percentile(99) <= 50 && open.errors() == 0 ? "met" : "MISSED");
    System.out.println("           CPU per check-in: " + open.cpu());
    System.out.println("rows       written per check-in, server/reference: " + reference.compareRowWrites(rowsBeforeCheckIns));
    long persisted = countIssued(vertx, db);
    System.out.printf("persisted  %,d health codes in issued_tokens, %,d check-ins of the reference%n", persisted,
      reference.written());
    server.stop().await();
    vertx.close().await();
    serverVertx.close().await();
    db.close();
    BenchRegion.deleteTempDir(dir);
  }

  /** A normal check-in: no symptoms, and a visit yesterday to a county of low risk. */
  private JsonObject checkIn() {
    String yesterday = LocalDate.ofInstant(clock.instant(), zone).minusDays(1).toString();
    return new JsonObject().put("temperature", 36.6).put("symptoms", new JsonArray().add("NONE"))
      .put("visits", new JsonArray().add(new JsonObject().put("countyCode", VISITED).put("date", yesterday)));
  }

  /** With {@code -Dbench.jfr=<dir>}, a JFR profile of the rounds (server and load generator share the JVM); else none. */
  private static jdk.jfr.Recording profile() throws Exception {
    String dir = System.getProperty("bench.jfr", "");
    if (dir.isEmpty()) {
      return null;
    }
    jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
    recording.start();
    return recording;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  private void seed(Services services) {
    tokens.addAll(BenchResidents.register(services, RESIDENTS));
    clock.nextDay();
    ready.addAll(tokens);
  }


  /** Check-ins through the service, without HTTP, one at a time: the database part of the latency. */
  private void direct(Services services) {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String token = take();
      UUID account = services.accessTokens().verify(token).orElseThrow().principal().accountId();
      long start = System.nanoTime();
      services.checkIns().submit(new io.tongxing.server.http.Principal(account, Role.RESIDENT), checkIn()).await();
      nanos.add(System.nanoTime() - start);
    }
    nanos.sort(null);
    System.out.printf("direct     CheckIns.submit one at a time: p50 %.2f ms, p90 %.2f ms%n", nanos.get(150) / 1e6, nanos.get(270) / 1e6);
  }

  private void warmUp(Vertx vertx) {
    closedLoop(vertx, CLOSED_LOOP_IN_FLIGHT, Integer.getInteger("bench.warmup", 45));
  }

  private Result closedLoop(Vertx vertx, int concurrency) {
    return closedLoop(vertx, concurrency, SECONDS);
  }

  /** Keeps {@code concurrency} check-ins in flight for {@code seconds}. */
  private Result closedLoop(Vertx vertx, int concurrency, int seconds) {
    Recorder recorder = new Recorder(seconds, cpu);
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      for (int i = 0; i < concurrency; i++) {
        next(recorder, done);
      }
    });
    done.future().await();
    return recorder.result();
  }

  private void next(Recorder recorder, Promise<Void> done) {
    if (recorder.over()) {
      if (inFlight == 0) {
        done.tryComplete();
      }
      return;
    }
    String token = take();
    long start = System.nanoTime();
    send(token).onComplete(ok -> {
      recorder.record(start, ok.succeeded() && ok.result());
      next(recorder, done);
    });
  }

  /** Sends one check-in every {@code 1/rate} s for the measuring period; latency counts from when each was due. */
  private Result openLoop(Vertx vertx, double rate) {
    Recorder recorder = new Recorder(SECONDS, cpu);
    Promise<Void> done = Promise.promise();
    long interval = (long) (1e9 / rate);
    AtomicLong sent = new AtomicLong();
    long begin = System.nanoTime();
    vertx.runOnContext(v -> vertx.setPeriodic(1, id -> {
      long due = begin + sent.get() * interval;
      while (System.nanoTime() >= due && !recorder.over()) {
        String token = take();
        if (token == null) {
          break;
        }
        long scheduled = due;
        sent.incrementAndGet();
        send(token).onComplete(ok -> {
          recorder.record(scheduled, ok.succeeded() && ok.result());
          if (recorder.over() && inFlight == 0) {
            done.tryComplete();
          }
        });
        due = begin + sent.get() * interval;
      }
      if (recorder.over()) {
        vertx.cancelTimer(id);
        if (inFlight == 0) {
          done.tryComplete();
        }
      }
    }));
    done.future().await();
    return recorder.result();
  }

  /**
   * The next resident who has not checked in today. When there is none, the calendar moves on a day
   * and everyone whose check-in has completed may check in again; residents still in flight wait
   * for the next day, so nobody checks in twice on one day.
   */
  private String take() {
    if (ready.isEmpty()) {
      clock.nextDay();
      ready.addAll(done);
      done.clear();
    }
    return ready.poll();
  }

  private Future<Boolean> send(String token) {
    inFlight++;
    return client.post("/api/v1/me/check-ins").putHeader("Authorization", "Bearer " + token)
      .putHeader("Content-Type", "application/json")
      .sendBuffer(checkIn().toBuffer())
      .map(response -> {
        boolean ok = response.statusCode() == 201;
        if (!ok && firstFailure == null) {
          firstFailure = response.statusCode() + " " + response.bodyAsString();
          System.out.println("first failure: " + firstFailure);
        }
        return ok;
      })
      .recover(failure -> {
        if (firstFailure == null) {
          firstFailure = failure.toString();
          System.out.println("first failure: " + firstFailure);
        }
        return Future.succeededFuture(false);
      })
      .eventually(() -> {
        inFlight--;
        done.add(token);
        return Future.succeededFuture();
      });
  }

  private static long countIssued(Vertx vertx, EmbeddedDatabase db) {
    return io.vertx.pgclient.PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build()
      .query("select count(*) from issued_tokens").execute().await().iterator().next().getLong(0);
  }

  /** Latencies and errors of one phase. */
  private static final class Recorder {
    private final long end;
    private final long begin = System.nanoTime();
    private final CpuMeter cpu;
    private final CpuMeter.Sample cpuAtBegin;
    private long[] latencies = new long[1 << 16];
    private int count;
    private int errors;

    Recorder(int seconds, CpuMeter cpu) {
      this.end = begin + seconds * 1_000_000_000L;
      this.cpu = cpu;
      this.cpuAtBegin = cpu.sample();
    }

    boolean over() {
      return System.nanoTime() >= end;
    }

    void record(long start, boolean ok) {
      if (!ok) {
        errors++;
      }
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = System.nanoTime() - start;
    }

    Result result() {
      long[] sorted = Arrays.copyOf(latencies, count);
      Arrays.sort(sorted);
      return new Result(count / ((System.nanoTime() - begin) / 1e9), sorted, errors, cpu.sample().perUnit(cpuAtBegin, count));
    }
  }

  private record Result(double rate, long[] sortedNanos, int errors, String cpu) {
    double percentile(double p) {
      if (sortedNanos.length == 0) {
        return Double.NaN;
      }
      return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1)] / 1e6;
    }
  }
}
