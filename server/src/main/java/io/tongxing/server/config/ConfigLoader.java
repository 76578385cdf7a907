package io.tongxing.server.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Merges, with vertx-config, three layers: the defaults inside the jar, an optional JSON file
 * ({@code --config path}, else {@code tongxing.json} in the working directory when present) and
 * environment variables ({@code TONGXING_*}, listed in {@link #ENVIRONMENT}).
 */
public final class ConfigLoader {

  /** Environment variable → configuration path. Values are coerced to the type of the default. */
  public static final Map<String, String> ENVIRONMENT = environmentKeys();

  public static final Path DEFAULT_FILE = Path.of("tongxing.json");

  private ConfigLoader() {
  }

  public static Future<ServerConfig> load(Vertx vertx, Optional<Path> explicitFile) {
    JsonObject defaults = defaults();
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
      .setIncludeDefaultStores(false)
      .addStore(new ConfigStoreOptions().setType("json").setConfig(defaults));
    Path file = explicitFile.orElse(DEFAULT_FILE);
    if (explicitFile.isPresent() || Files.exists(DEFAULT_FILE)) {
      options.addStore(new ConfigStoreOptions()
        .setType("file")
        .setFormat("json")
        .setOptional(explicitFile.isEmpty())
        .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString())));
    }
    options.addStore(new ConfigStoreOptions()
      .setType("env")
      .setConfig(new JsonObject()
        .put("raw-data", true)
        .put("keys", new JsonArray(ENVIRONMENT.keySet().stream().toList()))));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
      .map(merged -> new ServerConfig(applyEnvironment(merged, defaults)))
      .eventually(retriever::close);
  }

  /** The defaults shipped in the jar. */
  public static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/default-config.json")) {
      if (in == null) {
        throw new IllegalStateException("default-config.json missing from the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves flat {@code TONGXING_*} entries to their nested places, typed like their defaults. */
  public static JsonObject applyEnvironment(JsonObject merged, JsonObject defaults) {
    JsonObject result = merged.copy();
    ENVIRONMENT.forEach((variable, path) -> {
      Object raw = result.remove(variable);
      if (raw == null || String.valueOf(raw).isEmpty()) {
        return;
      }
      String[] parts = path.split("\\.");
      JsonObject target = result;
      JsonObject defaultTarget = defaults;
      for (int i = 0; i < parts.length - 1; i++) {
        if (!(target.getValue(parts[i]) instanceof JsonObject)) {
          target.put(parts[i], new JsonObject());
        }
        target = target.getJsonObject(parts[i]);
        defaultTarget = defaultTarget == null ? null : defaultTarget.getJsonObject(parts[i]);
      }
      String leaf = parts[parts.length - 1];
      Object example = defaultTarget == null ? null : defaultTarget.getValue(leaf);
      target.put(leaf, coerce(variable, String.valueOf(raw).trim(), example));
    });
    return result;
  }

  private static Object coerce(String variable, String value, Object example) {
    try {
      if (example instanceof Integer) {
        return Integer.parseInt(value);
      }
      if (example instanceof Long) {
        return Long.parseLong(value);
      }
      if (example instanceof Boolean) {
        return Boolean.parseBoolean(value);
      }
    } catch (NumberFormatException e) {
      throw new IllegalStateException(variable + " must be a number");
    }
    return value;
  }

  private static Map<String, String> environmentKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("TONGXING_REGION_CODE", "region.code");
    keys.put("TONGXING_REGION_NAME", "region.name");
    keys.put("TONGXING_REGION_NAME_EN", "region.nameEn");
    keys.put("TONGXING_REGION_ZONE", "region.zone");
    keys.put("TONGXING_HTTP_HOST", "http.host");
    keys.put("TONGXING_HTTP_PORT", "http.port");
    keys.put("TONGXING_HTTP_INSTANCES", "http.instances");
    keys.put("TONGXING_HTTP_PUBLIC_URL", "http.publicUrl");
    keys.put("TONGXING_HTTP_TRUST_FORWARDED_FOR", "http.trustForwardedFor");
    keys.put("TONGXING_DB_URL", "db.url");
    keys.put("TONGXING_DB_USER", "db.user");
    keys.put("TONGXING_DB_PASSWORD", "db.password");
    keys.put("TONGXING_DB_POOL_SIZE", "db.poolSize");
    keys.put("TONGXING_DB_CITUS", "db.citus");
    keys.put("TONGXING_DB_DATA_DIR", "db.embedded.dataDir");
    keys.put("TONGXING_DATA_KEY", "keys.dataKey");
    keys.put("TONGXING_LOOKUP_KEY", "keys.lookupKey");
    keys.put("TONGXING_ACCESS_TOKEN_KEY", "keys.accessTokenKey");
    keys.put("TONGXING_KEY_FILE", "keys.file");
    keys.put("TONGXING_DEMO_DATA", "demo-data");
    keys.put("TONGXING_PAPER_CARD_FONT", "paperCards.font");
    keys.put("TONGXING_DEMO_SECOND_PORT", "twoRegionDemo.secondPort");
    return Map.copyOf(keys);
  }
}
