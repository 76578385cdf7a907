package io.tongxing.server.health;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.db.Database;
import io.tongxing.server.db.EmbeddedDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Readiness follows the database (down when it stops, up again when it returns) and waits for the demo data. */
@ExtendWith(VertxExtension.class)
class HealthTest {

  @Test
  void readinessReportsTheDatabaseDownAndRecovers(Vertx vertx, @TempDir Path dir) throws IOException {
    int port = freePort();
    EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), port, "tongxing");
    Database.migrate(database.connectOptions());
    TestServer server = TestServer.start(vertx, new JsonObject(), List.of(), database.connectOptions(),
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    try {
      assertEquals(200, server.get("/health/ready", null).status());
      assertEquals("UP", server.get("/health", null).json().getJsonObject("checks").getString("database"));

      database.close();

      Reply ready = server.get("/health/ready", null);
      assertEquals(503, ready.status());
      assertEquals("DOWN", ready.json().getJsonObject("checks").getString("database"));
      assertEquals(503, server.get("/health", null).status());
      assertEquals(200, server.get("/health/live", null).status(), "the process itself is alive");
      Reply api = server.get("/api/v1/counties", null);
      assertEquals(503, api.status(), api.toString());
      assertEquals("DATABASE_UNAVAILABLE", api.code());

      database = EmbeddedDatabase.start(dir.resolve("pg"), port, "tongxing");

      assertEquals(200, server.get("/health/ready", null).status(), "recovers without a restart");
    } finally {
      server.stop();
      database.close();
    }
  }

  @Test
  void aServerSeedingDemoDataIsNotReadyUntilTheDataIsThere(Vertx vertx) {
    TestServer server = TestServer.start(vertx, new JsonObject().put("demo-data", true), List.of(),
      io.tongxing.server.support.TestDatabase.otherDatabase("health_startup"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    try {
      Reply starting = server.get("/health/ready", null);
      assertEquals(503, starting.status(), starting.toString());
      assertEquals("STARTING", starting.json().getString("status"));
      assertEquals("1", starting.headers().get("Retry-After"));
      assertEquals(503, server.get("/health", null).status());
      assertEquals(200, server.get("/health/live", null).status(), "alive while it seeds");

      new io.tongxing.server.demo.DemoData(server.server.services(), server.clock, server.config.zone()).seed().await();
      server.server.startedUp();

      Reply ready = server.get("/health/ready", null);
      assertEquals(200, ready.status(), ready.toString());
      assertEquals("UP", ready.json().getString("status"));
    } finally {
      server.stop();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
