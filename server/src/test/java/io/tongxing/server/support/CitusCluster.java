package io.tongxing.server.support;

import io.tongxing.server.db.Database;
import io.vertx.pgclient.PgConnectOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Citus coordinator and its workers on loopback, from Debian's PostgreSQL 15 binaries with Citus
 * built by {@code ../shared/vendor/citus/build.sh}: each node in a temp directory of its own, on a
 * free port, with password authentication over TCP (the coordinator reaches its workers with the
 * password from {@code pg_dist_authinfo}). PostgreSQL refuses to run as root, so as root every
 * node runs as the {@code postgres} user. {@link #close()} stops every node and deletes the
 * directories; a shutdown hook does the same if a test run ends without it.
 *
 * <p>The nodes flush nothing to disk ({@code fsync = off}: a test's cluster is thrown away) but
 * acknowledge a commit only once it is in the WAL ({@code synchronous_commit = on}), so a node
 * killed with {@code pg_ctl -m immediate} loses nothing it acknowledged, as on a real machine.
 */
public final class CitusCluster implements AutoCloseable {

  /** Where build.sh installs Citus (Debian's PostgreSQL 15). */
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  static final Path CITUS = Path.of("/usr/lib/postgresql/15/lib/citus.so");
  public static final String DATABASE = "tongxing";
  private static final String USER = "postgres";
  /** Fewer shards than production's 32: the same routing, a quicker fan-out on two cores. */
  private static final int SHARDS = 8;

  private final Path root;
  private final String password;
  private final boolean citus;
  private final List<Node> nodes = new ArrayList<>();
  private final Thread hook = new Thread(this::stopQuietly);

  private CitusCluster(Path root, String password, boolean citus) {
    this.root = root;
    this.password = password;
    this.citus = citus;
  }

  /** Whether Citus is installed here; when not, {@link #unavailableReason()} says what to do. */
  public static boolean available() {
    return Files.isExecutable(BIN.resolve("initdb")) && Files.isRegularFile(CITUS);
  }

  public static String unavailableReason() {
    return "Citus is not installed for PostgreSQL 15 (" + CITUS + " is missing): run ../shared/vendor/citus/build.sh "
      + "as root (it installs postgresql-15 and builds Citus 13.2.2, ~2.5 min); the Citus tests are skipped";
  }

  /** Blocking: a coordinator and {@code workers} workers, the database created and Citus in it on every node. */
  public static CitusCluster start(int workers) {
    return start(workers, Map.of());
  }

  /** As {@link #start(int)}, with further settings (name to value) on every node. */
  public static CitusCluster start(int workers, Map<String, String> settings) {
    return start(workers, settings, true);
  }

  /**
   * One PostgreSQL from the same binaries, without Citus: the like-for-like reference a benchmark
   * measures the cluster against.
   */
  public static CitusCluster onePostgres(Map<String, String> settings) {
    return start(0, settings, false);
  }

  private static CitusCluster start(int workers, Map<String, String> settings, boolean citus) {
    try {
      Path root = Files.createTempDirectory("tongxing-citus");
      CitusCluster cluster = new CitusCluster(root, "citus-" + Long.toHexString(System.nanoTime()), citus);
      Runtime.getRuntime().addShutdownHook(cluster.hook);
      try {
        cluster.run("chmod", "755", root.toString());
        Path pwfile = root.resolve("pwfile");
        Files.writeString(pwfile, cluster.password + "\n", StandardCharsets.UTF_8);
        cluster.giveToPostgres(pwfile);
        for (int i = 0; i <= workers; i++) {
          cluster.nodes.add(cluster.initNode(i == 0 ? "coordinator" : "worker" + i, pwfile, settings));
        }
        for (Node node : cluster.nodes) {
          cluster.startNode(node);
          cluster.createDatabase(node, DATABASE);
        }
        if (citus) {
          cluster.joinWorkers(DATABASE);
        }
        return cluster;
      } catch (RuntimeException | IOException e) {
        cluster.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Citus cluster", e);
    }
  }

  /** The coordinator of {@code database}: what the server's {@code db.url} points at. */
  public PgConnectOptions coordinator(String database) {
    return new PgConnectOptions().setHost("127.0.0.1").setPort(nodes.get(0).port).setDatabase(database)
      .setUser(USER).setPassword(password);
  }

  public PgConnectOptions coordinator() {
    return coordinator(DATABASE);
  }

  /**
   * Another database on every node, with Citus and the same workers: the database of a second
   * region (Citus keeps its metadata per database, so each one joins the workers itself).
   */
  public void createDatabase(String database) {
    for (Node node : nodes) {
      createDatabase(node, database);
    }
    joinWorkers(database);
  }

  public int workers() {
    return nodes.size() - 1;
  }

  /** The data directory of node {@code n}: 0 the coordinator, then the workers. */
  public Path dataDir(int n) {
    return nodes.get(n).dir;
  }

  /** The port of worker {@code n} (1-based). */
  public int workerPort(int n) {
    return nodes.get(n).port;
  }

  /** Worker {@code n} (1-based) dies at once, as in a crash: no checkpoint, no goodbye to its clients. */
  public void killWorker(int n) {
    Node node = nodes.get(n);
    pgCtl(node, "stop", "-m", "immediate");
  }

  /** Worker {@code n} starts again from its data directory (crash recovery from the WAL). */
  public void restartWorker(int n) {
    startNode(nodes.get(n));
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void stopQuietly() {
    for (Node node : nodes) {
      try {
        if (Files.exists(node.dir.resolve("postmaster.pid"))) {
          pgCtl(node, "stop", "-m", "fast");
        }
      } catch (RuntimeException e) {
        System.err.println("could not stop " + node.name + ": " + e.getMessage());
      }
    }
    nodes.clear();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
  }

  private Node initNode(String name, Path pwfile, Map<String, String> settings) throws IOException {
    Path dir = root.resolve(name);
    Files.createDirectories(dir);
    giveToPostgres(dir);
    run(asPostgres(BIN.resolve("initdb").toString(), "-D", dir.toString(), "-U", USER, "--pwfile=" + pwfile,
      "-A", "scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8"));
    int port = freePort();
    Files.writeString(dir.resolve("postgresql.conf"), String.join("\n",
      "",
      citus ? "shared_preload_libraries = 'citus'" : "",
      "listen_addresses = '127.0.0.1'",
      "port = " + port,
      "unix_socket_directories = '" + dir + "'",
      "max_connections = 200",
      "shared_buffers = 64MB",
      "fsync = off",
      "full_page_writes = off",
      "synchronous_commit = on",
      "max_prepared_transactions = 200",
      citus ? "citus.shard_count = " + SHARDS : "",
      // Counts single- and multi-shard statements (citus_stat_counters): how tests see where a request ran.
      citus ? "citus.enable_stat_counters = on" : "",
      "logging_collector = off",
      ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    StringBuilder more = new StringBuilder();
    settings.forEach((setting, value) -> more.append(setting).append(" = '").append(value).append("'\n"));
    Files.writeString(dir.resolve("postgresql.conf"), more, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    return new Node(name, dir, port);
  }

  private void startNode(Node node) {
    pgCtl(node, "start", "-w", "-t", "60", "-l", node.dir.resolve("server.log").toString());
  }

  private void pgCtl(Node node, String... args) {
    List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", node.dir.toString()));
    command.addAll(List.of(args));
    run(asPostgres(command.toArray(String[]::new)));
  }

  private void createDatabase(Node node, String database) {
    try (Connection c = connect(node.port, "postgres"); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create " + database + " on " + node.name, e);
    }
    if (!citus) {
      return;
    }
    try (Connection c = connect(node.port, database); Statement s = c.createStatement()) {
      s.execute("create extension citus");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the citus extension on " + node.name, e);
    }
  }

  private void joinWorkers(String database) {
    try (Connection c = connect(nodes.get(0).port, database); Statement s = c.createStatement()) {
      // The coordinator's connections to the workers (and to itself) authenticate with the password.
      s.execute("insert into pg_dist_authinfo (nodeid, rolename, authinfo) values (0, '" + USER + "', 'password=" + password + "')");
      s.execute("select citus_set_coordinator_host('127.0.0.1', " + nodes.get(0).port + ")");
      for (Node worker : nodes.subList(1, nodes.size())) {
        s.execute("select citus_add_node('127.0.0.1', " + worker.port + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add the workers to the coordinator", e);
    }
  }

  private Connection connect(int port, String database) throws SQLException {
    PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase(database);
    return DriverManager.getConnection(Database.jdbcUrl(options), USER, password);
  }

  private void giveToPostgres(Path path) {
    if (isRoot()) {
      run("chown", "-R", USER + ":" + USER, path.toString());
    }
  }

  private static String[] asPostgres(String... command) {
    if (!isRoot()) {
      return command;
    }
    String[] wrapped = new String[command.length + 4];
    wrapped[0] = "runuser";
    wrapped[1] = "-u";
    wrapped[2] = USER;
    wrapped[3] = "--";
    System.arraycopy(command, 0, wrapped, 4, command.length);
    return wrapped;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private void run(String... command) {
    try {
      Path log = Files.createTempFile(root, "command", ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
          + Files.readString(log));
      }
      Files.delete(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private record Node(String name, Path dir, int port) {
  }
}
