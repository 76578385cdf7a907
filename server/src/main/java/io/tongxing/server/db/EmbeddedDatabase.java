package io.tongxing.server.db;

import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL server from the binaries in the jar, with its data in a directory that survives
 * restarts. It listens on localhost only, without a Unix socket, and requires a password for every
 * connection (scram-sha-256; nothing is trusted): the password is generated on first start into a
 * file beside the data directory ({@link #passwordFileFor}), readable by the server's user alone.
 *
 * <p>Each start, under a lock on the data directory: a postmaster left running there by a server
 * killed hard is stopped first ({@link LeftoverPostmaster}); a data directory from an earlier build,
 * which trusted every local connection, gets the password set (in single-user mode, before anything
 * listens) and its {@code pg_hba.conf} rewritten; then the postmaster starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String USER = "postgres";
  private static final String LOCK_FILE = "epg-lock";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final String HBA_MARK = "# Tongxing: every connection needs the password (scram-sha-256); nothing is trusted.";

  private final Path dataDir;
  private final FileChannel lock;
  private final int port;
  private final String database;
  private final String password;

  private EmbeddedDatabase(Path dataDir, FileChannel lock, int port, String database, String password) {
    this.dataDir = dataDir;
    this.lock = lock;
    this.port = port;
    this.database = database;
    this.password = password;
  }

  /**
   * Blocking. {@code port} 0 picks a free port. Creates {@code database} on first start. Durable:
   * every commit is flushed to disk before it is acknowledged, as the server promises.
   */
  public static EmbeddedDatabase start(Path dataDir, int port, String database) {
    return start(dataDir, port, database, true);
  }

  /**
   * As {@link #start(Path, int, String)}; {@code durable} false turns fsync and synchronous commit
   * off, for tests whose database is thrown away.
   */
  public static EmbeddedDatabase start(Path dataDir, int port, String database, boolean durable) {
    return start(dataDir, port, database, durable, Map.of());
  }

  /** As {@link #start(Path, int, String, boolean)}, with further PostgreSQL {@code settings} (name to value). */
  public static EmbeddedDatabase start(Path dataDir, int port, String database, boolean durable, Map<String, String> settings) {
    return start(dataDir, passwordFileFor(dataDir), port, database, durable, settings);
  }

  /** As {@link #start(Path, int, String, boolean, Map)}, with the password kept in {@code passwordFile}. */
  public static EmbeddedDatabase start(Path dataDir, Path passwordFile, int port, String database, boolean durable,
                                       Map<String, String> settings) {
    Path data = dataDir.toAbsolutePath();
    FileChannel lock = null;
    try {
      Files.createDirectories(data);
      DatabasePassword password = DatabasePassword.at(passwordFile, new SecureRandom());
      boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
      if (fresh) {
        PostgresPrograms.initdb(data, password.file());
      }
      lock = lockDataDirectory(data);
      LeftoverPostmaster.clear(data);
      requirePassword(data, password, fresh);
      int actualPort = port > 0 ? port : freePort();
      startPostmaster(data, actualPort, durable, settings);
      EmbeddedDatabase started = new EmbeddedDatabase(data, lock, actualPort, database, password.value());
      started.createDatabase();
      return started;
    } catch (IOException | SQLException | RuntimeException e) {
      release(lock);
      throw Database.unchecked("cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(),
        e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Where the password is kept when no file is configured: beside the data directory, {@code data/pg.password}. */
  public static Path passwordFileFor(Path dataDir) {
    Path absolute = dataDir.toAbsolutePath();
    return absolute.resolveSibling(absolute.getFileName() + ".password");
  }

  /** One server per data directory: a second one is refused before it touches anything. */
  private static FileChannel lockDataDirectory(Path data) throws IOException {
    FileChannel channel = FileChannel.open(data.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      held = null;
    }
    if (held == null) {
      channel.close();
      throw new IOException("another server is using this data directory");
    }
    return channel;
  }

  /**
   * Makes the password the only way in. A fresh directory was made with it (initdb); one from an
   * earlier build, which trusted local connections, or one whose password file was lost gets it set in
   * single-user mode — no postmaster runs, nothing listens — before its pg_hba.conf is rewritten.
   */
  private static void requirePassword(Path data, DatabasePassword password, boolean fresh) throws IOException {
    Path hba = data.resolve("pg_hba.conf");
    boolean required = Files.isRegularFile(hba) && Files.readString(hba).startsWith(HBA_MARK);
    if (!fresh && (!required || password.created())) {
      LOG.warn("{}: {}; setting the database password kept in {}", data, required
        ? "its password file was missing" : "it trusted every local connection (an earlier build)", password.file());
      PostgresPrograms.singleUser(data, "SET password_encryption = 'scram-sha-256';\n"
        + "ALTER ROLE " + USER + " WITH PASSWORD '" + password.value() + "';\n", password.value());
    }
    Files.writeString(hba, HBA_MARK + "\n"
      + "# The password is in " + password.file() + ". Written by the server at every start.\n"
      + "local   all   all                  scram-sha-256\n"
      + "host    all   all   127.0.0.1/32   scram-sha-256\n"
      + "host    all   all   ::1/128        scram-sha-256\n");
  }

  private static void startPostmaster(Path data, int port, boolean durable, Map<String, String> extra) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("timezone", "UTC");
    settings.put("max_connections", "100");
    settings.put("fsync", durable ? "on" : "off");
    settings.put("synchronous_commit", durable ? "on" : "off");
    settings.put("full_page_writes", durable ? "on" : "off");
    settings.putAll(extra);
    try {
      PostgresPrograms.start(data, port, settings, STARTUP_WAIT);
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; postmaster.log ends: " + logTail(data), e);
    }
  }

  private void createDatabase() throws SQLException {
    try (Connection connection = Database.jdbc("jdbc:postgresql://localhost:" + port + "/postgres", USER, password);
         PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("create database " + database);
      }
    }
  }

  public int port() {
    return port;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
      .setHost("localhost")
      .setPort(port)
      .setDatabase(database)
      .setUser(USER)
      .setPassword(password);
  }

  /** Stops the postmaster (fast shutdown) and releases the data directory. */
  @Override
  public void close() {
    try {
      PostgresPrograms.stop(dataDir, "fast", LeftoverPostmaster.FAST_SHUTDOWN);
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      release(lock);
    }
  }

  private static void release(FileChannel lock) {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("cannot release the data directory lock: {}", e.getMessage());
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String logTail(Path data) {
    try {
      String log = Files.readString(data.resolve("postmaster.log"));
      return log.substring(Math.max(0, log.length() - 1500)).strip();
    } catch (IOException | RuntimeException e) {
      return "(no postmaster.log)";
    }
  }
}
