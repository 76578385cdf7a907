package io.tongxing.server.db;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A PostgreSQL server from the zonky binaries in the jar, with its data in a directory that survives
 * restarts. It listens on localhost only and trusts local connections (single-machine demos and
 * tests; production configures a real server).
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final String database;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String database) {
    this.postgres = postgres;
    this.database = database;
  }

  /**
   * Blocking. {@code port} 0 picks a free port. Creates {@code database} on first start. Durable:
   * every commit is flushed to disk before it is acknowledged, as the server promises.
   */
  public static EmbeddedDatabase start(Path dataDir, int port, String database) {
    return start(dataDir, port, database, true);
  }

  /**
   * As {@link #start(Path, int, String)}; {@code durable} false keeps zonky's test settings (no
   * fsync, asynchronous commit), for unit tests whose database is thrown away.
   */
  public static EmbeddedDatabase start(Path dataDir, int port, String database, boolean durable) {
    return start(dataDir, port, database, durable, Map.of());
  }

  /** As {@link #start(Path, int, String, boolean)}, with further PostgreSQL {@code settings} (name to value). */
  public static EmbeddedDatabase start(Path dataDir, int port, String database, boolean durable, Map<String, String> settings) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir.toAbsolutePath())
        .setCleanDataDirectory(false)
        // Our owner stops it, after the pools that use it are closed.
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "100");
      if (durable) {
        builder.setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on");
      }
      settings.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      createDatabase(postgres, database);
      return new EmbeddedDatabase(postgres, database);
    } catch (IOException e) {
      throw Database.unchecked("cannot start embedded PostgreSQL in " + dataDir, e);
    }
  }

  private static void createDatabase(EmbeddedPostgres postgres, String database) throws IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
        if (exists.next()) {
          return;
        }
      }
      statement.execute("create database " + database);
    } catch (SQLException e) {
      throw new IOException("cannot create database " + database, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
      .setHost("localhost")
      .setPort(postgres.getPort())
      .setDatabase(database)
      .setUser("postgres")
      .setPassword("postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw Database.unchecked("cannot stop embedded PostgreSQL", e);
    }
  }
}
