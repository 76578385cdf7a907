package io.tongxing.server.bench;

import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.db.EmbeddedDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Showing a code (issue 17 §1 and the premise of §3): the PostgreSQL reference and every display path
 * side by side, in rounds, on one durable embedded PostgreSQL, against region server nodes that run
 * as production runs them ({@link NodeProcess}: {@code Main}, metrics, access log, a JVM of their own).
 *
 * <p>Each round runs, one after the other for {@code bench.seconds} each: {@code pgbench -S -c 32 -j 1}
 * (the reference), then with {@code wrk -t1 -c32} {@code GET /health/live} (the HTTP ceiling), the JSON
 * code, its PNG, its SVG, the PNG and JSON asked again with {@code If-None-Match}, and the JSON from a
 * second node that keeps no residents' current codes ({@link io.tongxing.server.healthcode.CurrentCodes}
 * off: every display reads PostgreSQL), idle while the first is measured. Every request
 * is a different resident's (a few thousand, in turn), each with a code issued before the rounds.
 * Ratios are taken within a round, so a burst of load elsewhere on the machine shifts both sides; the
 * CPU time per request of the node, of PostgreSQL and of the load generator is printed beside each
 * rate, since a busy machine moves it far less than a rate. Then an open loop at half of each path's
 * maximum gives p99, and a second node on the same database shows what a node more buys: the JSON
 * over both nodes (32 connections each) against one node (32), as rates and as node CPU per request.
 *
 * <p>{@code mvn -B -q -pl server -Pbench -Dbench.class=io.tongxing.server.bench.DisplayBench -DskipTests verify}
 * ({@code -Dbench.rounds=}, {@code -Dbench.seconds=}, {@code -Dbench.residents=}, {@code -Dbench.warmup=} seconds per path).
 */
public final class DisplayBench {

  private static final int RESIDENTS = Integer.getInteger("bench.residents", 3000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 20);
  private static final int CONNECTIONS = 32;
  private static final int HALF_LOAD_CONNECTIONS = 256;
  private static final int HALF_LOAD_WARM_UP_SECONDS = 3;
  private static final int PGBENCH_SCALE = 10;
  /**
   * Which paths to run ({@code -Dbench.paths=json,png}): live, json, png, svg, png304, json304, and jsondb
   * (the JSON from a node that keeps no current codes, {@code tokens.currentCodeCacheEntries: 0}); all by default.
   */
  private static final List<String> PATHS = List.of(System.getProperty("bench.paths", "live,json,png,svg,png304,json304,jsondb")
    .split(","));
  /** The path served by a node that reads every display from PostgreSQL. */
  private static final String READ_THROUGH = "jsondb";
  private static final String REFERENCE = "pgbench";
  private static final String CODE = "/api/v1/me/health-code";
  private static final String PNG = CODE + "/qr.png";
  private static final String SVG = CODE + "/qr.svg";

  /** A display path as wrk asks for it: a path and a file of request headers, one line a request. */
  private record Target(String key, String label, String path, Path headers) {
  }

  /** One measured phase: rate, latency and the CPU each taking part spent per request, in ms. */
  private record Measured(String label, double rate, double p50, double p99, long failures, double nodeMs, double clientMs,
                          double postgresMs) {
    double totalMs() {
      return nodeMs + clientMs + postgresMs;
    }

    String line(double reference) {
      return String.format("%-34s %,9.0f /s  %5.2f x ref  p50 %6.2f ms  p99 %7.2f ms  failed %d | CPU ms/req: node %.3f,"
          + " client %.3f, PostgreSQL %.3f, all %.3f", label, rate, rate / reference, p50, p99, failures, nodeMs, clientMs,
        postgresMs, totalMs());
    }
  }

  private final long postmaster;
  private final EmbeddedDatabase db;

  private DisplayBench(EmbeddedDatabase db, long postmaster) {
    this.db = db;
    this.postmaster = postmaster;
  }

  public static void main(String[] args) {
    int status = 0;
    try {
      run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private static void run() throws Exception {
    System.out.printf("== code display, %d cores, Java %s; load average at start: %s%n", Runtime.getRuntime().availableProcessors(),
      Runtime.version(), Files.readString(Path.of("/proc/loadavg")).strip());
    Path dir = BenchRegion.tempDir();
    EmbeddedDatabase db = BenchRegion.database(dir.resolve("pg"));
    long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid")).get(0).trim());
    try {
      Pgbench.initialize(db.connectOptions(), PGBENCH_SCALE);
      KeyMaterial keys = KeyMaterial.random(new SecureRandom());
      List<String> tokens = BenchResidents.accessTokens(db.connectOptions(), keys, RESIDENTS);
      new DisplayBench(db, postmaster).measure(dir, keys, tokens);
    } finally {
      db.close();
      BenchRegion.deleteTempDir(dir);
    }
  }

  private void measure(Path dir, KeyMaterial keys, List<String> tokens) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    try (NodeProcess node = NodeProcess.start("node1", dir, db.connectOptions(), keys, 2, config -> { });
         NodeProcess reading = NodeProcess.start("node-read-through", dir, db.connectOptions(), keys, 2,
           config -> config.put("tokens", new JsonObject().put("currentCodeCacheEntries", 0)))) {
      System.out.printf("setup      %,d residents; pgbench tables at scale %d; node 1 on port %d (2 HTTP verticles); a node"
        + " keeping no current codes on port %d (2 HTTP verticles, idle but for its path)%n", tokens.size(), PGBENCH_SCALE,
        node.port(), reading.port());
      List<Target> paths = prepare(dir, vertx, client, node.port(), tokens);
      Function<Target, NodeProcess> serving = path -> path.key().equals(READ_THROUGH) ? reading : node;
      for (Target path : paths) {
        Wrk.run(serving.apply(path).port(), path.path(), path.headers(), CONNECTIONS, WARM_UP_SECONDS);
      }
      System.out.printf("warm-up    %d s of each path, not counted%n", WARM_UP_SECONDS);
      List<Map<String, Measured>> rounds = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        Map<String, Measured> measured = new LinkedHashMap<>();
        measured.put(REFERENCE, pgbench());
        for (Target path : paths) {
          measured.put(path.key(), wrk(path.label(), path.path(), path.headers(), serving.apply(path)));
        }
        System.out.printf("round %d (load average %s)%n", round, Files.readString(Path.of("/proc/loadavg")).strip());
        measured.values().forEach(m -> System.out.println("  " + m.line(measured.get(REFERENCE).rate())));
        rounds.add(measured);
      }
      summarize(rounds);
      halfLoad(vertx, node, rounds, tokens);
      for (Target path : paths) {
        if (path.key().equals("json")) {
          twoNodes(dir, keys, path);
        }
      }
    } finally {
      vertx.close().await();
    }
  }

  /**
   * Fetches every resident's code (issuing it) and its images once, through the API, and writes wrk's
   * header files: plain, and with the ETag each answer carried (asked again, the same code is unchanged).
   */
  private static List<Target> prepare(Path dir, Vertx vertx, HttpClient client, int port, List<String> tokens) throws Exception {
    List<String> plain = new ArrayList<>();
    List<String> pngAgain = new ArrayList<>();
    List<String> jsonAgain = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i += CONNECTIONS) {
      List<CompletableFuture<String[]>> batch = new ArrayList<>();
      for (String token : tokens.subList(i, Math.min(tokens.size(), i + CONNECTIONS))) {
        batch.add(etags(client, port, token));
      }
      for (int k = 0; k < batch.size(); k++) {
        String authorization = "Authorization: Bearer " + tokens.get(i + k);
        String[] etags = batch.get(k).get();
        plain.add(authorization);
        jsonAgain.add(authorization + "\tIf-None-Match: " + etags[0]);
        pngAgain.add(authorization + "\tIf-None-Match: " + etags[1]);
      }
    }
    Path plainFile = Files.write(dir.resolve("plain.txt"), plain);
    return List.of(
        new Target("live", "GET /health/live (HTTP ceiling)", "/health/live", plainFile),
        new Target("json", "GET " + CODE + " (JSON)", CODE, plainFile),
        new Target("png", "GET .../qr.png", PNG, plainFile),
        new Target("svg", "GET .../qr.svg", SVG, plainFile),
        new Target("png304", "GET .../qr.png If-None-Match", PNG, Files.write(dir.resolve("png-again.txt"), pngAgain)),
        new Target("json304", "GET " + CODE + " If-None-Match", CODE, Files.write(dir.resolve("json-again.txt"), jsonAgain)),
        new Target(READ_THROUGH, "GET " + CODE + " (JSON, read from PostgreSQL)", CODE, plainFile))
      .stream().filter(target -> PATHS.contains(target.key())).toList();
  }

  /** The resident's code, PNG and SVG fetched once; the ETags of the JSON and the PNG ("-" where none). */
  private static CompletableFuture<String[]> etags(HttpClient client, int port, String token) {
    Function<String, io.vertx.core.Future<String>> get = path -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
        .setPort(port).setHost("localhost").setURI(path).putHeader("Authorization", "Bearer " + token))
      .compose(request -> request.send().compose(response -> response.body().compose(body -> response.statusCode() == 200
        ? io.vertx.core.Future.succeededFuture(String.valueOf(response.getHeader("ETag")))
        : io.vertx.core.Future.failedFuture(path + " answered " + response.statusCode() + " " + body))));
    return get.apply(CODE).compose(json -> get.apply(PNG).compose(png -> get.apply(SVG)
      .map(svg -> new String[] {json.replace("null", "-"), png.replace("null", "-")}))).toCompletionStage().toCompletableFuture();
  }

  private Measured pgbench() throws Exception {
    long backends = ProcessCpu.descendants(postmaster);
    long pg = ProcessCpu.tree(postmaster);
    Pgbench.Timed run = Pgbench.selectOnly(db.connectOptions(), CONNECTIONS, SECONDS);
    ProcessCpu.settle(postmaster, backends);
    double n = run.transactions() * 1e6;
    return new Measured("pgbench -S -c 32 -j 1 (reference)", run.tps(), Double.NaN, Double.NaN, 0, 0,
      run.clientCpuNanos() / n, (ProcessCpu.tree(postmaster) - pg) / n);
  }

  private Measured wrk(String label, String path, Path headers, NodeProcess... nodes) throws Exception {
    return wrk(label, path, headers, CONNECTIONS / nodes.length, nodes);
  }

  /** wrk against each of {@code nodes} at once, {@code connections} each; rates and CPU summed over the nodes. */
  private Measured wrk(String label, String path, Path headers, int connections, NodeProcess... nodes) throws Exception {
    return wrk(label, path, headers, connections, Arrays.stream(nodes).map(node -> new Pinned(node, null)).toList());
  }

  /** A node and the CPUs it and its wrk are kept to (null: any). */
  private record Pinned(NodeProcess node, String cpus) {
  }

  private Measured wrk(String label, String path, Path headers, int connections, List<Pinned> targets) throws Exception {
    List<NodeProcess> nodes = targets.stream().map(Pinned::node).toList();
    long pg = ProcessCpu.tree(postmaster);
    long node = nodes.stream().mapToLong(NodeProcess::cpu).sum();
    List<CompletableFuture<Wrk.Run>> runs = new ArrayList<>();
    for (Pinned target : targets) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          return Wrk.run(target.node().port(), path, headers, connections, SECONDS, target.cpus());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    double rate = 0;
    long requests = 0;
    long failures = 0;
    long wrkCpu = 0;
    double p50 = 0;
    double p99 = 0;
    for (CompletableFuture<Wrk.Run> future : runs) {
      Wrk.Run run = future.get();
      rate += run.rate();
      requests += run.requests();
      failures += run.failures();
      wrkCpu += run.cpuNanos();
      p50 = Math.max(p50, run.p50Millis());
      p99 = Math.max(p99, run.p99Millis());
    }
    double n = Math.max(1, requests) * 1e6;
    return new Measured(label, rate, p50, p99, failures, (nodes.stream().mapToLong(NodeProcess::cpu).sum() - node) / n,
      wrkCpu / n, (ProcessCpu.tree(postmaster) - pg) / n);
  }

  /** Medians over the rounds of each path's ratio to the reference in its round, and the targets. */
  private static void summarize(List<Map<String, Measured>> rounds) {
    System.out.println("medians over the rounds (ratio within each round; CPU ratio = the reference's CPU per transaction"
      + " / the path's CPU per request, all processes)");
    for (String key : rounds.get(0).keySet()) {
      double rate = median(rounds, r -> r.get(key).rate());
      double ratio = median(rounds, r -> r.get(key).rate() / r.get(REFERENCE).rate());
      double cpuRatio = median(rounds, r -> r.get(REFERENCE).totalMs() / r.get(key).totalMs());
      System.out.printf("  %-34s %,9.0f /s  %5.2f x pgbench -S (CPU ratio %5.2f) | CPU ms/req: node %.3f, client %.3f,"
          + " PostgreSQL %.3f%n", rounds.get(0).get(key).label(), rate, ratio, cpuRatio, median(rounds, r -> r.get(key).nodeMs()),
        median(rounds, r -> r.get(key).clientMs()), median(rounds, r -> r.get(key).postgresMs()));
    }
    target(rounds, "json", REFERENCE, 1.0);
    target(rounds, "png", "json", 0.5);
    target(rounds, "svg", "json", 0.5);
  }

  private static void target(List<Map<String, Measured>> rounds, String path, String reference, double target) {
    if (rounds.get(0).containsKey(path) && rounds.get(0).containsKey(reference)) {
      double ratio = median(rounds, r -> r.get(path).rate() / r.get(reference).rate());
      double cpuRatio = median(rounds, r -> r.get(reference).totalMs() / r.get(path).totalMs());
      System.out.printf("target     %s >= %.1f x %s: %.2f (%s); as CPU per request %.2f (%s)", path, target, reference, ratio,
        ratio >= target ? "met" : "MISSED", cpuRatio, cpuRatio >= target ? "met" : "MISSED");
      if (reference.equals(REFERENCE)) {
        // With nodes on machines of their own, the database is what the nodes share: its CPU per request decides.
        double databaseRatio = median(rounds, r -> r.get(reference).postgresMs() / r.get(path).postgresMs());
        System.out.printf("; as PostgreSQL's CPU per request %.2f (%s)", databaseRatio, databaseRatio >= target ? "met" : "MISSED");
      }
      System.out.println();
    }
  }

  /**
   * Each code path at a fixed rate of half its median maximum: p50 and p99 from the due time. Many
   * phones at once, so as many connections as it takes: 32 at 20,000 /s would each carry a request
   * every 1.6 ms, and requests would queue in the load generator's pool rather than at the node.
   */
  private static void halfLoad(Vertx vertx, NodeProcess node, List<Map<String, Measured>> rounds, List<String> tokens) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(HALF_LOAD_CONNECTIONS));
    List<MultiMap> headers = new ArrayList<>();
    tokens.forEach(token -> headers.add(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token)));
    Map<String, String> paths = Map.of("json", CODE, "png", PNG, "svg", SVG);
    for (String key : List.of("json", "png", "svg")) {
      if (!rounds.get(0).containsKey(key)) {
        continue;
      }
      double rate = median(rounds, r -> r.get(key).rate()) / 2;
      // Its connections opened at this rate first, not counted.
      OpenLoop.run(vertx, client, node.port(), paths.get(key), headers, 200, rate, HALF_LOAD_WARM_UP_SECONDS);
      long cpu = node.cpu();
      OpenLoop.Result result = OpenLoop.run(vertx, client, node.port(), paths.get(key), headers, 200, rate, SECONDS);
      System.out.printf("half load  GET %-28s at %,6.0f /s (half its maximum): achieved %,6.0f /s, p50 %.2f ms, p99 %.2f ms,"
          + " errors %d (target p99 <= 20 ms: %s); node CPU %.3f ms/req%n", paths.get(key), rate, result.rate(),
        result.percentile(50), result.percentile(99), result.errors(),
        result.percentile(99) <= 20 && result.errors() == 0 ? "met" : "MISSED", (node.cpu() - cpu) / (Math.max(1, result.count()) * 1e6));
    }
    client.close().await();
  }

  /**
   * The premise of the capacity model: another node serves as much again. Two nodes of one HTTP
   * verticle each on the same database, each warmed up alike: the JSON on one of them alone and on
   * both, each node under the same load (32 connections) as the one alone, as another node behind a
   * load balancer would be, and with that one node's load shared between the two (16 connections
   * each), in rounds. Given cores of their own, two nodes serve 2 x (one node's CPU per request / the
   * pair's CPU per request) of one node's rate. Each under a whole node's load, the pair puts four busy
   * processes (two nodes, two load generators) on the 2 cores where one node had two, which raises
   * every process's CPU per request whatever the nodes share; with the load shared, the machine is as
   * busy as with one node, and what is left is what the nodes' sharing costs. PostgreSQL's CPU per
   * request, one node against two, says whether the shared database keeps up alike.
   */
  private void twoNodes(Path dir, KeyMaterial keys, Target json) throws Exception {
    try (NodeProcess first = NodeProcess.start("node-a", dir, db.connectOptions(), keys, 1, config -> { });
         NodeProcess second = NodeProcess.start("node-b", dir, db.connectOptions(), keys, 1, config -> { })) {
      wrk("warm-up", json.path(), json.headers(), CONNECTIONS, first, second);
      wrk("warm-up", json.path(), json.headers(), CONNECTIONS, first, second);
      List<Double> scaling = new ArrayList<>();
      List<Double> sameLoadScaling = new ArrayList<>();
      List<Double> postgres = new ArrayList<>();
      List<Double> rateRatio = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        Measured one = wrk("JSON, one node, 32 connections", json.path(), json.headers(), CONNECTIONS, first);
        Measured two = wrk("JSON, two nodes, 32 connections each", json.path(), json.headers(), CONNECTIONS, first, second);
        Measured shared = wrk("JSON, two nodes, 16 connections each", json.path(), json.headers(), CONNECTIONS / 2, first, second);
        System.out.printf("two nodes, round %d (load average %s)%n  %s%n  %s%n  %s%n", round,
          Files.readString(Path.of("/proc/loadavg")).strip(), one.line(one.rate()), two.line(one.rate()), shared.line(one.rate()));
        scaling.add(2 * one.nodeMs() / two.nodeMs());
        sameLoadScaling.add(2 * one.nodeMs() / shared.nodeMs());
        postgres.add(two.postgresMs() / one.postgresMs());
        rateRatio.add(two.rate() / one.rate());
      }
      double factor = median(scaling, Double::doubleValue);
      double sameLoad = median(sameLoadScaling, Double::doubleValue);
      System.out.printf("two nodes  serve %.2f x one node's display rate given a core each (2 x node CPU per request,"
          + " one node / two nodes each under one node's load; target >= 1.6: %s); %.2f x with the same load shared between"
          + " them (16 + 16 connections: the machine as busy as with one node; %s); PostgreSQL's CPU per request two nodes"
          + " / one: %.2f; on these 2 shared cores the measured rate ratio was %.2f%n", factor, factor >= 1.6 ? "met" : "MISSED",
        sameLoad, sameLoad >= 1.6 ? "met" : "MISSED", median(postgres, Double::doubleValue), median(rateRatio, Double::doubleValue));
    }
    twoNodesACoreEach(dir, keys, json);
  }

  /**
   * The premise as the capacity model states it, given a core each: each node with its wrk kept to
   * one core of its own ({@code taskset}), one node alone on core 0, then a second on core 1 beside
   * it. Nothing is shared then but the database and the machine's memory and last-level cache, so the
   * pair's rate over one node's is what a node more buys.
   */
  private void twoNodesACoreEach(Path dir, KeyMaterial keys, Target json) throws Exception {
    try (NodeProcess first = NodeProcess.start("node-core0", dir, db.connectOptions(), keys, 1, config -> { }, "0");
         NodeProcess second = NodeProcess.start("node-core1", dir, db.connectOptions(), keys, 1, config -> { }, "1")) {
      List<Pinned> alone = List.of(new Pinned(first, "0"));
      List<Pinned> pair = List.of(new Pinned(first, "0"), new Pinned(second, "1"));
      wrk("warm-up", json.path(), json.headers(), CONNECTIONS, pair);
      wrk("warm-up", json.path(), json.headers(), CONNECTIONS, pair);
      List<Double> rates = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        Measured one = wrk("JSON, one node on core 0", json.path(), json.headers(), CONNECTIONS, alone);
        Measured two = wrk("JSON, two nodes, on cores 0 and 1", json.path(), json.headers(), CONNECTIONS, pair);
        System.out.printf("a core each, round %d (load average %s)%n  %s%n  %s%n", round,
          Files.readString(Path.of("/proc/loadavg")).strip(), one.line(one.rate()), two.line(one.rate()));
        rates.add(two.rate() / one.rate());
        cpu.add(2 * one.nodeMs() / two.nodeMs());
      }
      double rate = median(rates, Double::doubleValue);
      System.out.printf("a core each two nodes serve %.2f x one node's display rate (target >= 1.6: %s); as node CPU per request"
        + " %.2f x%n", rate, rate >= 1.6 ? "met" : "MISSED", median(cpu, Double::doubleValue));
    }
  }

  private static <T> double median(List<T> rounds, java.util.function.ToDoubleFunction<T> figure) {
    double[] sorted = rounds.stream().mapToDouble(figure).toArray();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
