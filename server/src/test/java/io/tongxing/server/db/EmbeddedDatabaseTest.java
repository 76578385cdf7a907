package io.tongxing.server.db;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded PostgreSQL requires its password from everyone, a data directory of an earlier build
 * (which trusted every local connection) is brought under the same rule without losing a row, and
 * nothing a killed server leaves behind — its postmaster still running, a stale pid file — keeps
 * the next start from working.
 */
class EmbeddedDatabaseTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aConnectionWithoutThePasswordKeptBesideTheDataIsRefused(@TempDir Path dir) throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), 0, "tongxing")) {
      PgConnectOptions options = database.connectOptions();
      Path passwordFile = dir.resolve("pg.password");

      assertEquals(options.getPassword(), Files.readString(passwordFile), "the password is the one kept beside the data");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
      assertEquals(43, options.getPassword().length(), "32 random bytes");
      SQLException none = assertThrows(SQLException.class, () -> connect(options, null));
      SQLException wrong = assertThrows(SQLException.class, () -> connect(options, "postgres"));
      assertTrue(List.of("28P01", "08004").contains(none.getSQLState()), none.getSQLState() + " " + none.getMessage());
      assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
      try (Connection c = connect(options, options.getPassword()); Statement sql = c.createStatement()) {
        assertEquals(List.of("scram-sha-256"), strings(sql, "select distinct auth_method from pg_hba_file_rules"),
          "no rule trusts anyone");
        assertEquals(List.of("localhost"), strings(sql, "show listen_addresses"));
        assertEquals(List.of(""), strings(sql, "show unix_socket_directories"), "no socket to reach it by");
        assertTrue(strings(sql, "select rolpassword from pg_authid where rolname = 'postgres'").get(0).startsWith("SCRAM-SHA-256$"));
      }
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aDataDirectoryOfAnEarlierBuildKeepsItsRowsAndNowRequiresThePassword(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("pg");
    // As the builds before issue 14 made it: zonky's initdb (-A trust), a table with a row.
    try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
      .setRegisterShutdownHook(false).start(); Connection c = earlier.getPostgresDatabase().getConnection();
         Statement sql = c.createStatement()) {
      sql.execute("create table kept (id int primary key, name text)");
      sql.execute("insert into kept values (1, '李娜')");
      assertTrue(strings(sql, "select distinct auth_method from pg_hba_file_rules").contains("trust"), "it did trust");
    }

    try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, "postgres")) {
      PgConnectOptions options = database.connectOptions();
      assertThrows(SQLException.class, () -> connect(options, null), "the trust is gone");
      try (Connection c = connect(options, options.getPassword()); Statement sql = c.createStatement()) {
        assertEquals(List.of("李娜"), strings(sql, "select name from kept where id = 1"), "and nothing else");
        assertEquals(List.of("scram-sha-256"), strings(sql, "select distinct auth_method from pg_hba_file_rules"));
      }
    }
    Files.delete(dir.resolve("pg.password"));
    try (EmbeddedDatabase again = EmbeddedDatabase.start(data, 0, "postgres")) {
      assertFalse(again.connectOptions().getPassword().isEmpty());
      try (Connection c = connect(again.connectOptions(), again.connectOptions().getPassword())) {
        assertTrue(c.isValid(5), "a lost password file gets a new password, set before anything listens");
      }
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aPostmasterLeftRunningInTheDataDirectoryIsStoppedAndTheStartSucceeds(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("pg");
    EmbeddedDatabase.start(data, 0, "tongxing").close();
    // What a server killed with SIGKILL leaves: its postmaster, detached, still running the directory.
    int orphanPort = freePort();
    PostgresPrograms.start(data.toAbsolutePath(), orphanPort, java.util.Map.of(), java.time.Duration.ofSeconds(60));
    long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    assertTrue(LeftoverPostmaster.isRunning(orphan));

    try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, "tongxing")) {
      assertFalse(LeftoverPostmaster.isRunning(orphan), "the leftover postmaster was stopped");
      long now = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
      assertNotEquals(orphan, now);
      try (Connection c = connect(database.connectOptions(), database.connectOptions().getPassword())) {
        assertTrue(c.isValid(5));
      }
      assertTrue(Files.readString(data.resolve("postmaster.log")).contains("fast shutdown"), "stopped, not killed");
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aStalePidFileNamingAnotherProcessOrNoneIsNoObstacle(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("pg");
    EmbeddedDatabase.start(data, 0, "tongxing").close();
    List<String> pidFile = new ArrayList<>(List.of(Long.toString(ProcessHandle.current().pid()), data.toAbsolutePath().toString(),
      "0", "5432", "", "localhost", "0 0", "ready"));

    for (String pid : List.of(Long.toString(ProcessHandle.current().pid()), "2147483646")) {
      pidFile.set(0, pid);
      Files.write(data.resolve("postmaster.pid"), pidFile);

      try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, "tongxing");
           Connection c = connect(database.connectOptions(), database.connectOptions().getPassword())) {
        assertTrue(c.isValid(5), "PID " + pid);
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aSecondServerOnTheSameDataDirectoryIsRefusedAndTheFirstGoesOn(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("pg");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(data, 0, "tongxing")) {
      RuntimeException refused = assertThrows(RuntimeException.class, () -> EmbeddedDatabase.start(data, 0, "tongxing"));

      assertTrue(refused.getMessage().contains("another server is using this data directory"), refused.getMessage());
      try (Connection c = connect(first.connectOptions(), first.connectOptions().getPassword())) {
        assertTrue(c.isValid(5), "the first one still answers");
      }
    }
  }

  private static Connection connect(PgConnectOptions options, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", options.getUser());
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(Database.jdbcUrl(options), properties);
  }

  private static List<String> strings(Statement sql, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
