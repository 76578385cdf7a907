package io.tongxing.server.support;

import io.tongxing.server.db.Database;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.crypto.KeyMaterial;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One embedded PostgreSQL for the whole test run (surefire runs every class in one JVM), migrated
 * once. Tests look at the database through plain JDBC.
 *
 * <p>With {@code -Dtongxing.test.citus=true} (the {@code citus} surefire run) the test database is
 * instead a Citus coordinator with two workers ({@link CitusCluster}), migrated with the Citus step,
 * and every test server is told so ({@code db.citus}); where Citus is not installed, each test class
 * that needs the database is skipped with the reason.
 */
public final class TestDatabase {

  private static final boolean CITUS = Boolean.getBoolean("tongxing.test.citus");
  private static EmbeddedDatabase database;
  private static CitusCluster cluster;

  private TestDatabase() {
  }

  /**
   * The server keys of this test run. Every test server shares the one test database, so they share
   * its keys too, as the nodes of one region do: a row one server encrypted, another can read.
   */
  public static final KeyMaterial KEYS = KeyMaterial.random(new SecureRandom());

  /** Whether this run's test database is a Citus cluster. */
  public static boolean citus() {
    return CITUS;
  }

  public static synchronized PgConnectOptions connectOptions() {
    if (CITUS) {
      return citusCluster().coordinator();
    }
    if (database == null) {
      try {
        Path dir = Files.createTempDirectory("tongxing-test-pg");
        database = EmbeddedDatabase.start(dir.resolve("pg"), 0, "tongxing", false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Database.migrate(database.connectOptions());
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
    return database.connectOptions();
  }

  /**
   * Another database in the same embedded PostgreSQL, created and migrated on first use: the
   * database of a second region (federation tests run two regions, each on its own database).
   */
  public static synchronized PgConnectOptions otherDatabase(String name) {
    PgConnectOptions main = connectOptions();
    if (CITUS) {
      if (OTHERS.add(name)) {
        cluster.createDatabase(name);
        Database.migrate(cluster.coordinator(name), true);
      }
      return cluster.coordinator(name);
    }
    if (OTHERS.add(name)) {
      try (Connection c = jdbc(); Statement statement = c.createStatement()) {
        statement.execute("drop database if exists " + name);
        statement.execute("create database " + name);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      Database.migrate(new PgConnectOptions(main).setDatabase(name));
    }
    return new PgConnectOptions(main).setDatabase(name);
  }

  private static final java.util.Set<String> OTHERS = new java.util.HashSet<>();

  /** The run's Citus cluster, started and migrated on first use; a test class is skipped where Citus is not installed. */
  public static synchronized CitusCluster citusCluster() {
    Assumptions.assumeTrue(CitusCluster.available(), CitusCluster::unavailableReason);
    if (cluster == null) {
      cluster = CitusCluster.start(2);
      Database.migrate(cluster.coordinator(), true);
    }
    return cluster;
  }

  public static Connection jdbc() throws SQLException {
    PgConnectOptions options = connectOptions();
    return DriverManager.getConnection(Database.jdbcUrl(options), options.getUser(), options.getPassword());
  }

  public static List<Map<String, Object>> query(String sql, Object... args) {
    try (Connection c = jdbc(); var statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new TreeMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long count(String sql, Object... args) {
    return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
  }

  /**
   * A fingerprint of every application table's content, to prove a refused request changed nothing.
   * {@code region_jobs} is left out: the servers' timers claim jobs in it whatever requests do.
   */
  public static Map<String, String> snapshot() {
    Map<String, String> fingerprint = new TreeMap<>();
    try (Connection c = jdbc(); Statement statement = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("select tablename from pg_tables where schemaname = 'public' "
        + "and tablename not in ('flyway_schema_history', 'region_jobs') order by tablename")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = statement.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
          + table + " t")) {
          rs.next();
          fingerprint.put(table, rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return fingerprint;
  }
}
