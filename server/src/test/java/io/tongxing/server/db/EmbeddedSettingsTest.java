package io.tongxing.server.db;

import io.tongxing.server.config.ConfigLoader;
import io.tongxing.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code db.embedded.settings} reach the embedded PostgreSQL, beside the durability it always has. */
class EmbeddedSettingsTest {

  @Test
  void configuredSettingsAndTheDefaultTuningAreWhatTheServerRunsWith(@TempDir Path dir) throws SQLException {
    JsonObject json = ConfigLoader.defaults();
    JsonObject embedded = json.getJsonObject("db").getJsonObject("embedded").put("dataDir", dir.resolve("pg").toString());
    embedded.getJsonObject("settings").put("work_mem", "7MB");

    try (Database database = Database.open(new ServerConfig(json));
         Connection connection = DriverManager.getConnection(Database.jdbcUrl(database.connectOptions()), "postgres",
           database.connectOptions().getPassword());
         Statement statement = connection.createStatement()) {
      assertEquals("7MB", show(statement, "work_mem"));
      assertEquals("512MB", show(statement, "shared_buffers"));
      assertEquals("4GB", show(statement, "max_wal_size"));
      assertEquals("on", show(statement, "fsync"));
      assertEquals("on", show(statement, "synchronous_commit"));
    }
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet rows = statement.executeQuery("show " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
