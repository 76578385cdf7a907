package io.tongxing.server.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.Dependencies;
import io.tongxing.server.RegionServer;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.auth.DemoOneTimeCodeSender;
import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.db.Database;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.keys.JcaProviders;
import io.tongxing.server.support.Fixtures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk import of employees through the HTTP API into the embedded PostgreSQL: files of 10,000,
 * 50,000 and 100,000 partner-region workers, each streamed by a client in this JVM that generates
 * the file as it sends it (so neither side could hold the file if it wanted to). Printed next to
 * PostgreSQL's own COPY of the same rows and pgbench's single-row insert rate, measured in the same
 * run on the same database. Memory: the heap is sampled every 20 ms (peak used), and a full GC is
 * forced once half the file has been sent to read the live heap in the middle of the import; both
 * must stay flat as the file grows tenfold.
 * Run with {@code mvn -B -q -pl server -Pbench-import -DskipTests verify} (after installing shared).
 */
public final class EmployeeImportBench {

  private static final List<Integer> SIZES = List.of(10_000, 50_000, 100_000);
  private static final String HEADER = "name,idNumber,homeRegion\n";
  /** Lines generated per write: the client's memory is one of these chunks and Netty's write queue. */
  private static final int LINES_PER_WRITE = 200;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "heap-sampler");
    thread.setDaemon(true);
    return thread;
  });

  public static void main(String[] args) {
    int status = 0;
    try {
      new EmployeeImportBench().run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void run() throws Exception {
    System.out.printf("== employee import benchmark, %d cores, Java %s, max heap %d MiB%n",
      Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    Path dir = Files.createTempDirectory("tongxing-import-bench");
    EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0, "tongxing");
    Database.migrate(db.connectOptions());
    int largest = SIZES.get(SIZES.size() - 1);
    Path csv = dir.resolve("employees.csv");
    writeFile(csv, largest);

    double pgbench = Pgbench.insertRate(db.connectOptions(), Integer.getInteger("bench.seconds", 10));
    System.out.printf("reference  pgbench single-row insert, 8 clients: %,.0f rows/s%n", pgbench);

    Vertx serverVertx = Vertx.vertx();
    JsonObject json = ConfigLoader.defaults();
    json.getJsonObject("http").put("port", 0).put("instances", 2);
    json.getJsonObject("colours").put("sweepIntervalSeconds", 0);
    // The import's throughput is measured here, not the enterprise's daily budget of lookups.
    json.getJsonObject("lookups").put("enterprisePerDay", Integer.MAX_VALUE);
    json.getJsonObject("auth").put("accessTokenTtlSeconds", 24 * 3600)
      .put("argon2", new JsonObject().put("memoryKiB", 1024).put("iterations", 1).put("parallelism", 1));
    Dependencies deps = new Dependencies(db.connectOptions(), KeyMaterial.random(new SecureRandom()), Clock.systemUTC(),
      new SecureRandom(), new DemoOneTimeCodeSender(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(),
      JcaProviders.nativeOrDefault(true));
    RegionServer server = RegionServer.start(serverVertx, new ServerConfig(json), deps).await();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient client = vertx.createHttpClient();
    Promise<Thread> loadGenerator = Promise.promise();
    vertx.runOnContext(v -> loadGenerator.complete(Thread.currentThread()));
    CpuMeter cpu = new CpuMeter(dir.resolve("pg"), loadGenerator.future().await());
    sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
      0, 20, TimeUnit.MILLISECONDS);

    // Warm-up: a file of 50,000 rows, imported and thrown away, so the JIT has compiled the path.
    new Upload(vertx, client, server.port(), Integer.getInteger("bench.warmupRows", 50_000)).run(cpu);

    double copy = Pgbench.copyRate(db.connectOptions(), csv, largest);
    System.out.printf("reference  PostgreSQL COPY of the same %,d rows (text columns, unique index): %,.0f rows/s%n", largest, copy);

    for (int rows : SIZES) {
      Result result = new Upload(vertx, client, server.port(), rows).run(cpu);
      System.out.printf("import     %,7d rows: %,.0f rows/s = %.2f x COPY = %.1f x pgbench single-row inserts; "
          + "peak heap %,d MiB, live heap mid-import %,d MiB; %s%n",
        rows, result.rate(), result.rate() / copy, result.rate() / pgbench, result.peakHeap() >> 20,
        result.liveHeapMidway() >> 20, result.summary());
      System.out.println("           CPU per row: " + result.cpu());
    }
    sampler.shutdownNow();
    client.close().await();
    server.stop().await();
    vertx.close().await();
    serverVertx.close().await();
    db.close();
  }

  private record Result(double rate, long peakHeap, long liveHeapMidway, String summary, String cpu) {
  }

  /** One enterprise importing one generated file of {@code rows} rows, timed from the first byte to the answer. */
  private final class Upload {
    private final Vertx vertx;
    private final HttpClient client;
    private final int port;
    private final int rows;

    Upload(Vertx vertx, HttpClient client, int port, int rows) {
      this.vertx = vertx;
      this.client = client;
      this.port = port;
      this.rows = rows;
    }

    Result run(CpuMeter cpu) throws Exception {
      String token = enterpriseToken();
      JsonObject created = call(HttpMethod.POST, "/api/v1/enterprise/employee-imports", token, new JsonObject());
      String id = created.getString("id");
      long length = HEADER.length();
      for (int i = 0; i < rows; i++) {
        length += line(i).getBytes(StandardCharsets.UTF_8).length;
      }
      System.gc();
      peakHeap.set(0);
      AtomicLong liveMidway = new AtomicLong();
      CpuMeter.Sample cpuBefore = cpu.sample();
      long begin = System.nanoTime();
      HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("localhost").setPort(port)
        .setURI("/api/v1/enterprise/employee-imports/" + id + "/file")).await();
      request.putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Length", Long.toString(length));
      Promise<Void> sent = Promise.promise();
      vertx.runOnContext(v -> send(request, 0, sent, liveMidway));
      Future<HttpClientResponse> responded = sent.future().compose(v -> request.response());
      Buffer body = responded.compose(HttpClientResponse::body).await();
      double seconds = (System.nanoTime() - begin) / 1e9;
      String cpuPerRow = cpu.sample().perUnit(cpuBefore, rows);
      JsonObject job = body.toJsonObject();
      if (responded.await().statusCode() != 200 || job.getInteger("added") != rows) {
        throw new IllegalStateException("import failed: " + responded.await().statusCode() + " " + body);
      }
      return new Result(rows / seconds, peakHeap.get(), liveMidway.get(),
        String.format("%d added, state %s, %.1f s", job.getInteger("added"), job.getString("state"), seconds), cpuPerRow);
    }

    /** Writes the file from line {@code from} on, a chunk at a time, waiting whenever the connection's queue is full. */
    private void send(HttpClientRequest request, int from, Promise<Void> sent, AtomicLong liveMidway) {
      int next = from;
      while (next < rows && !request.writeQueueFull()) {
        StringBuilder chunk = new StringBuilder(next == 0 ? HEADER : "");
        int end = Math.min(rows, next + LINES_PER_WRITE);
        for (int i = next; i < end; i++) {
          chunk.append(line(i));
        }
        if (next < rows / 2 && end >= rows / 2) {
          // Half the file sent: read the live heap off the event loop, while the server is mid-import.
          sampler.execute(() -> {
            System.gc();
            liveMidway.set(memory.getHeapMemoryUsage().getUsed());
          });
        }
        next = end;
        if (next == rows) {
          request.end(chunk.toString()).onComplete(sent);
          return;
        }
        request.write(chunk.toString());
      }
      int resumeAt = next;
      request.drainHandler(v -> send(request, resumeAt, sent, liveMidway));
    }

    private String enterpriseToken() throws Exception {
      String code = Fixtures.creditCode();
      call(HttpMethod.POST, "/api/v1/enterprises", null, new JsonObject().put("name", "基准物流有限公司").put("creditCode", code)
        .put("password", "Bench-pass-1"));
      return call(HttpMethod.POST, "/api/v1/auth/login", null, new JsonObject().put("login", code).put("password", "Bench-pass-1"))
        .getString("accessToken");
    }

    private JsonObject call(HttpMethod method, String uri, String token, JsonObject body) {
      return client.request(new RequestOptions().setMethod(method).setHost("localhost").setPort(port).setURI(uri))
        .compose(request -> {
          request.putHeader("Content-Type", "application/json");
          if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
          }
          return request.send(body.toBuffer());
        })
        .compose(response -> response.body().map(answer -> {
          if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + uri + ": " + response.statusCode() + " " + answer);
          }
          return answer.toJsonObject();
        }))
        .await();
    }
  }

  /** Line {@code i} of every file: a partner-region worker (home in Sanhe, Hebei) with a distinct, valid ID number. */
  private static String line(int i) {
    String first17 = "131082" + LocalDate.of(1960, 1, 1).plusDays(i / 1000).format(DateTimeFormatter.BASIC_ISO_DATE)
      + String.format("%03d", i % 1000);
    return "外地员工" + i + "," + first17 + ResidentIdNumbers.checkCharacter(first17) + ",131082\n";
  }

  private static void writeFile(Path file, int rows) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write(HEADER);
      for (int i = 0; i < rows; i++) {
        writer.write(line(i));
      }
    }
  }
}
