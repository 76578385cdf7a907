package io.tongxing.server.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  @Test
  void defaultsDescribeBeijingWithAnEmbeddedDatabase() {
    ServerConfig config = new ServerConfig(ConfigLoader.defaults());

    assertEquals("110000", config.regionCode());
    assertTrue(config.embeddedDatabase());
    assertEquals(Path.of("data/pg"), config.embeddedDataDir());
    assertEquals(8080, config.httpPort());
  }

  @Test
  void aFileOverridesSomeDefaultsAndKeepsTheRest(Vertx vertx, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("tongxing.json");
    Files.writeString(file, new JsonObject().put("region", new JsonObject().put("code", "310000").put("name", "上海市")).encode());

    ServerConfig config = ConfigLoader.load(vertx, Optional.of(file)).await();

    assertEquals("310000", config.regionCode());
    assertEquals("上海市", config.regionName());
    assertEquals("Asia/Shanghai", config.zone().getId());
    assertEquals(8080, config.httpPort());
  }

  @Test
  void aMissingExplicitFileStopsTheStart(Vertx vertx, @TempDir Path dir) {
    assertThrows(Exception.class, () -> ConfigLoader.load(vertx, Optional.of(dir.resolve("absent.json"))).await());
  }

  @Test
  void environmentVariablesLandInTheirPlacesTyped() {
    JsonObject merged = ConfigLoader.defaults()
      .put("TONGXING_HTTP_PORT", "9090")
      .put("TONGXING_DB_URL", "postgresql://db.internal:5432/tongxing")
      .put("TONGXING_DEMO_DATA", "true")
      .put("TONGXING_DATA_KEY", "a2V5");

    ServerConfig config = new ServerConfig(ConfigLoader.applyEnvironment(merged, ConfigLoader.defaults()));

    assertEquals(9090, config.httpPort());
    assertEquals("postgresql://db.internal:5432/tongxing", config.dbUrl());
    assertTrue(!config.embeddedDatabase());
    assertTrue(config.demoData());
    assertEquals("a2V5", config.keys().getString("dataKey"));
    assertTrue(!config.json().containsKey("TONGXING_HTTP_PORT"), "flat variables are moved, not copied");
  }

  @Test
  void aCitusCoordinatorIsNamedByOneVariableAndTurnsGroupCommitOff() {
    JsonObject merged = ConfigLoader.defaults()
      .put("TONGXING_DB_URL", "postgresql://coordinator.internal:5432/tongxing")
      .put("TONGXING_DB_CITUS", "true");

    ServerConfig citus = new ServerConfig(ConfigLoader.applyEnvironment(merged, ConfigLoader.defaults()));
    ServerConfig plain = new ServerConfig(ConfigLoader.defaults());

    assertTrue(citus.citus());
    assertFalse(citus.groupCommit(), "a shared transaction would span the workers");
    assertFalse(plain.citus());
    assertTrue(plain.groupCommit());
    assertFalse(new ServerConfig(ConfigLoader.defaults().put("db", new JsonObject().put("groupCommit", false))).groupCommit());
  }

  @Test
  void theTwoRegionDemoTakesBothPortsFromConfiguration() {
    assertEquals(8081, new ServerConfig(ConfigLoader.defaults()).twoRegionDemoSecondPort());
    JsonObject merged = ConfigLoader.defaults().put("TONGXING_HTTP_PORT", "18080").put("TONGXING_DEMO_SECOND_PORT", "18081");

    ServerConfig config = new ServerConfig(ConfigLoader.applyEnvironment(merged, ConfigLoader.defaults()));

    assertEquals(18080, config.httpPort());
    assertEquals(18081, config.twoRegionDemoSecondPort());
    assertTrue(config.withDemoData().demoData() && !config.demoData(), "--demo seeds without changing the loaded file's choice");
  }

  @Test
  void aNonNumericPortIsRefused() {
    JsonObject merged = ConfigLoader.defaults().put("TONGXING_HTTP_PORT", "eighty");

    assertThrows(IllegalStateException.class, () -> ConfigLoader.applyEnvironment(merged, ConfigLoader.defaults()));
  }
}
