package io.tongxing.server.bench;

import io.tongxing.server.crypto.KeyMaterial;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A region server node as production runs it — {@code io.tongxing.server.Main} in a JVM of its own,
 * with metrics and the access log, on an external database given by URL and keys given through the
 * environment — so that its CPU time is the process's and nothing else's. Its standard output (the
 * JSON log) goes to a file next to the benchmark's data.
 */
final class NodeProcess implements AutoCloseable {

  private static final Pattern API = Pattern.compile("API\\s+http://localhost:([0-9]+)/api/v1");

  private final Process process;
  private final int port;

  private NodeProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a node with {@code instances} HTTP verticles on {@code db}; {@code configure} may change its
   * configuration file (the defaults, port 0, no demo data, colour sweep off).
   */
  static NodeProcess start(String name, Path dir, PgConnectOptions db, KeyMaterial keys, int instances,
                           java.util.function.Consumer<JsonObject> configure) throws IOException, InterruptedException {
    return start(name, dir, db, keys, instances, configure, null);
  }

  /** As {@link #start(String, Path, PgConnectOptions, KeyMaterial, int, java.util.function.Consumer)}, kept to {@code cpus}
   * ({@code taskset -c}; null: any). */
  static NodeProcess start(String name, Path dir, PgConnectOptions db, KeyMaterial keys, int instances,
                           java.util.function.Consumer<JsonObject> configure, String cpus)
    throws IOException, InterruptedException {
    JsonObject config = new JsonObject()
      .put("http", new JsonObject().put("port", 0).put("instances", instances))
      .put("colours", new JsonObject().put("sweepIntervalSeconds", 0))
      .put("keys", new JsonObject().put("file", dir.resolve(name + "-keys.json").toString()));
    configure.accept(config);
    Path configFile = dir.resolve(name + ".json");
    Files.writeString(configFile, config.encodePrettily());
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    if (cpus != null) {
      command.addAll(List.of("taskset", "-c", cpus));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms1g", "-Xmx1g"));
    String profiles = System.getProperty("bench.jfr", "");
    if (!profiles.isEmpty()) {
      // A profile of each node for jfr print, into the directory named: -Dbench.jfr=/tmp/profiles.
      command.add("-XX:StartFlightRecording=filename=" + Path.of(profiles, name + ".jfr") + ",settings=profile,dumponexit=true");
    }
    command.addAll(List.of("-cp", productionClassPath(), "io.tongxing.server.Main", "--config", configFile.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("TONGXING_DB_URL", "postgresql://" + db.getHost() + ":" + db.getPort() + "/" + db.getDatabase());
    env.put("TONGXING_DB_USER", db.getUser());
    env.put("TONGXING_DB_PASSWORD", db.getPassword() == null ? "" : db.getPassword());
    env.put("TONGXING_DATA_KEY", Base64.getEncoder().encodeToString(keys.dataKey()));
    env.put("TONGXING_LOOKUP_KEY", Base64.getEncoder().encodeToString(keys.lookupKey()));
    env.put("TONGXING_ACCESS_TOKEN_KEY", Base64.getEncoder().encodeToString(keys.accessTokenKey()));
    Process process = builder.start();
    // A benchmark stopped early must not leave its nodes running.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, name + "-stop"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      Matcher matcher = API.matcher(Files.readString(log));
      if (matcher.find()) {
        return new NodeProcess(process, Integer.parseInt(matcher.group(1)));
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IOException(name + " did not start within 3 minutes:\n" + Files.readString(log));
  }

  /**
   * This JVM's class path without the test classes: the node reads the production logback.xml, not
   * the tests' configuration (which keeps every log line in memory for LogHygieneTest).
   */
  private static String productionClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
      .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
      .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  int port() {
    return port;
  }

  /** CPU nanoseconds the node's JVM has spent, all threads. */
  long cpu() {
    return ProcessCpu.own(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
