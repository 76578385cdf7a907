package io.tongxing.server.db;

import io.tongxing.server.config.ServerConfig;
import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the data lives: the configured PostgreSQL server, or an embedded one started from the jar.
 * Opening it applies the Flyway migrations (JDBC, at start-up only); requests then use
 * vertx-pg-client with {@link #connectOptions()}.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final PgConnectOptions connectOptions;
  private final Optional<EmbeddedDatabase> embedded;

  private Database(PgConnectOptions connectOptions, Optional<EmbeddedDatabase> embedded) {
    this.connectOptions = connectOptions;
    this.embedded = embedded;
  }

  /** Blocking: starts the embedded server if needed and migrates the schema. */
  public static Database open(ServerConfig config) {
    if (config.citus() && config.embeddedDatabase()) {
      throw new IllegalStateException("db.citus is set but db.url is empty: point db.url at the Citus coordinator");
    }
    if (config.embeddedDatabase()) {
      EmbeddedDatabase embedded = EmbeddedDatabase.start(config.embeddedDataDir(), config.embeddedPasswordFile(),
        config.embeddedPort(), "tongxing", true, config.embeddedSettings());
      try {
        migrate(embedded.connectOptions());
      } catch (RuntimeException e) {
        embedded.close();
        throw e;
      }
      LOG.info("using embedded PostgreSQL, data in {}", config.embeddedDataDir().toAbsolutePath());
      return new Database(embedded.connectOptions(), Optional.of(embedded));
    }
    PgConnectOptions options = external(config);
    migrate(options, config.citus());
    LOG.info("using PostgreSQL at {}:{}/{}", options.getHost(), options.getPort(), options.getDatabase());
    return new Database(options, Optional.empty());
  }

  /** {@code postgresql://user:password@host:port/db}; a {@code jdbc:} prefix is accepted too. */
  static PgConnectOptions external(ServerConfig config) {
    String url = config.dbUrl().trim();
    if (url.startsWith("jdbc:")) {
      url = url.substring("jdbc:".length());
    }
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    if (!config.dbUser().isEmpty()) {
      options.setUser(config.dbUser());
    }
    if (!config.dbPassword().isEmpty()) {
      options.setPassword(config.dbPassword());
    }
    return options;
  }

  public static void migrate(PgConnectOptions options) {
    migrate(options, false);
  }

  /**
   * The plain migrations, then on a Citus coordinator the Citus step, which places every table not
   * placed yet as {@code db/citus/layout.txt} says ({@link CitusStep}).
   */
  public static void migrate(PgConnectOptions options, boolean citus) {
    // On Citus a migration creates its tables as plain tables, whatever they refer to; the step then
    // places them. (By default Citus would take a new table that refers to a reference table into its
    // metadata at once, and then refuse its reference to a spread table.)
    String url = citus ? jdbcUrl(options) + "?options=-c%20citus.enable_local_reference_table_foreign_keys%3Doff" : jdbcUrl(options);
    Flyway.configure()
      .dataSource(url, options.getUser(), options.getPassword())
      .locations("classpath:db/migration")
      .load()
      .migrate();
    if (citus) {
      try (Connection connection = jdbc(jdbcUrl(options), options.getUser(), options.getPassword())) {
        CitusStep.apply(connection, CitusLayout.load());
      } catch (SQLException e) {
        throw new IllegalStateException("the Citus step failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * A JDBC connection straight from PostgreSQL's driver. DriverManager would refuse it where the driver was
   * loaded by another class loader than the caller's (the app's Robolectric tests run the server so).
   */
  public static Connection jdbc(String url, String user, String password) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    if (password != null) {
      credentials.setProperty("password", password);
    }
    Connection connection = new org.postgresql.Driver().connect(url, credentials);
    if (connection == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + url);
    }
    return connection;
  }

  /**
   * Connections to a Citus coordinator run statements that reach several shards over one connection
   * per worker ({@code citus.multi_shard_modify_mode = sequential}). Citus demands it of a transaction
   * that reads across shards and then writes a coordinator table other tables refer to (an employee,
   * an exposure query); the fan-outs themselves are periodic or per admin request.
   */
  public static PgConnectOptions citusSessions(PgConnectOptions options) {
    return new PgConnectOptions(options).addProperty("citus.multi_shard_modify_mode", "sequential");
  }

  public static String jdbcUrl(PgConnectOptions options) {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions);
  }

  public boolean isEmbedded() {
    return embedded.isPresent();
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedDatabase::close);
  }

  static UncheckedIOException unchecked(String message, IOException e) {
    return new UncheckedIOException(message, e);
  }
}
