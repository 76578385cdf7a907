package io.tongxing.server.fault;

import io.tongxing.server.db.Database;
import io.vertx.pgclient.PgConnectOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small disk under some of a database's tables: a tmpfs the test mounts (root only), a
 * tablespace on it, the tables and their indexes moved there. It can be filled to the last byte
 * with a ballast table, and grown without PostgreSQL noticing anything but the space.
 */
final class SmallDisk implements AutoCloseable {

  static final String TABLESPACE = "tongxing_small_disk";
  /** PostgreSQL's "disk full". */
  static final String DISK_FULL = "53100";

  private final Path mountPoint;
  private final PgConnectOptions database;
  private final List<String> moved = new ArrayList<>();
  private boolean mounted;
  private boolean tablespace;

  private SmallDisk(Path mountPoint, PgConnectOptions database) {
    this.mountPoint = mountPoint;
    this.database = database;
  }

  /** Mounts a tmpfs of {@code megabytes}; false if this machine does not let the test mount (not root). */
  static SmallDisk mount(PgConnectOptions database, int megabytes) throws IOException, InterruptedException {
    SmallDisk disk = new SmallDisk(Files.createTempDirectory("tongxing-small-disk"), database);
    disk.mounted = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", disk.mountPoint.toString());
    return disk;
  }

  boolean mounted() {
    return mounted;
  }

  /** Creates the tablespace and moves {@code tables} there, each with its indexes. */
  void holds(String... tables) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("create tablespace " + TABLESPACE + " location '" + mountPoint + "'");
      tablespace = true;
      for (String table : tables) {
        s.execute("alter table " + table + " set tablespace " + TABLESPACE);
        moved.add(table);
        for (String index : indexes(s, table)) {
          s.execute("alter index " + index + " set tablespace " + TABLESPACE);
        }
      }
    }
  }

  /** Writes ballast until PostgreSQL says the disk is full: first in large steps, then row by row. */
  long fill() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("create table ballast (filler char(1000)) with (autovacuum_enabled = false) tablespace " + TABLESPACE);
      while (inserted(s, 512)) {
        // a half-megabyte at a time
      }
      while (inserted(s, 1)) {
        // the last pages
      }
      try (var rs = s.executeQuery("select count(*) from ballast")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Remounts the tmpfs larger: the files stay, the space grows. */
  void grow(int megabytes) throws IOException, InterruptedException {
    if (!run("mount", "-o", "remount,size=" + megabytes + "m", mountPoint.toString())) {
      throw new IllegalStateException("could not grow " + mountPoint);
    }
  }

  /** Moves everything back to the default tablespace, drops the ballast and the tablespace, unmounts. */
  @Override
  public void close() throws Exception {
    try {
      if (tablespace) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
          s.execute("drop table if exists ballast");
          for (String table : moved) {
            s.execute("alter table " + table + " set tablespace pg_default");
            for (String index : indexes(s, table)) {
              s.execute("alter index " + index + " set tablespace pg_default");
            }
          }
          s.execute("drop tablespace " + TABLESPACE);
        }
      }
    } finally {
      if (mounted && !run("umount", mountPoint.toString())) {
        run("umount", "-l", mountPoint.toString());
      }
      Files.deleteIfExists(mountPoint);
    }
  }

  private static boolean inserted(Statement s, int rows) throws SQLException {
    try {
      s.execute("insert into ballast select '' from generate_series(1, " + rows + ")");
      return true;
    } catch (SQLException e) {
      if (DISK_FULL.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private static List<String> indexes(Statement s, String table) throws SQLException {
    List<String> indexes = new ArrayList<>();
    try (var rs = s.executeQuery("select indexrelid::regclass::text from pg_index where indrelid = '" + table + "'::regclass")) {
      while (rs.next()) {
        indexes.add(rs.getString(1));
      }
    }
    return indexes;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(database), database.getUser(), database.getPassword());
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
      .start();
    return process.waitFor() == 0;
  }
}
