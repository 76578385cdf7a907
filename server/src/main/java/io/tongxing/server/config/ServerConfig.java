package io.tongxing.server.config;

import io.tongxing.server.family.Dependants;
import io.tongxing.server.federation.PartnerClient;
import io.tongxing.server.db.EmbeddedDatabase;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server's configuration, read once from the merged JSON (defaults, file, environment) and then
 * passed through constructors. Nothing reads configuration anywhere else.
 */
public final class ServerConfig {

  private final JsonObject json;

  public ServerConfig(JsonObject json) {
    this.json = Objects.requireNonNull(json);
  }

  public JsonObject json() {
    return json.copy();
  }

  public String regionCode() {
    return string("region", "code");
  }

  public String regionName() {
    return string("region", "name");
  }

  public ZoneId zone() {
    return ZoneId.of(string("region", "zone"));
  }

  public String httpHost() {
    return string("http", "host");
  }

  public int httpPort() {
    return integer("http", "port");
  }

  public int httpInstances() {
    return Math.max(1, integer("http", "instances"));
  }

  public int bodyLimitBytes() {
    return integer("http", "bodyLimitBytes");
  }

  public boolean trustForwardedFor() {
    return section("http").getBoolean("trustForwardedFor", false);
  }

  public String publicUrl() {
    return string("http", "publicUrl");
  }

  /** Empty when the server should run its own embedded PostgreSQL. */
  public String dbUrl() {
    return string("db", "url");
  }

  public String dbUser() {
    return string("db", "user");
  }

  public String dbPassword() {
    return string("db", "password");
  }

  public int dbPoolSize() {
    return integer("db", "poolSize");
  }

  /**
   * Whether {@code db.url} is a Citus coordinator: start-up then places the tables after the
   * migrations (db/citus/layout.txt), and writes keep to one resident's shard per transaction.
   */
  public boolean citus() {
    return section("db").getBoolean("citus", false);
  }

  /**
   * Whether check-ins arriving together share a transaction ({@code db.groupCommit}, default true);
   * never on Citus, where a shared transaction would span the workers.
   */
  public boolean groupCommit() {
    return section("db").getBoolean("groupCommit", true) && !citus();
  }

  public boolean embeddedDatabase() {
    return dbUrl().isBlank();
  }

  public Path embeddedDataDir() {
    return Path.of(section("db").getJsonObject("embedded", new JsonObject()).getString("dataDir", "data/pg"));
  }

  /**
   * Where the embedded PostgreSQL's password is kept ({@code db.embedded.passwordFile}); by default
   * beside the data directory ({@code data/pg.password}, next to {@code data/keys.json}).
   */
  public Path embeddedPasswordFile() {
    String file = section("db").getJsonObject("embedded", new JsonObject()).getString("passwordFile", "");
    return file.isBlank() ? EmbeddedDatabase.passwordFileFor(embeddedDataDir()) : Path.of(file);
  }

  public int embeddedPort() {
    return section("db").getJsonObject("embedded", new JsonObject()).getInteger("port", 0);
  }

  /** PostgreSQL settings for the embedded server ({@code db.embedded.settings}: name to value). */
  public Map<String, String> embeddedSettings() {
    JsonObject settings = section("db").getJsonObject("embedded", new JsonObject()).getJsonObject("settings", new JsonObject());
    Map<String, String> values = new TreeMap<>();
    settings.forEach(e -> values.put(e.getKey(), String.valueOf(e.getValue())));
    return values;
  }

  public JsonObject keys() {
    return section("keys");
  }

  public Duration accessTokenTtl() {
    return Duration.ofSeconds(section("auth").getLong("accessTokenTtlSeconds"));
  }

  public Duration refreshTokenTtl() {
    return Duration.ofSeconds(section("auth").getLong("refreshTokenTtlSeconds"));
  }

  public JsonObject loginLimits() {
    return section("auth").getJsonObject("login");
  }

  public JsonObject oneTimeCodes() {
    return section("auth").getJsonObject("oneTimeCodes");
  }

  public JsonObject argon2() {
    return section("auth").getJsonObject("argon2");
  }

  /** Zero disables the periodic recomputation of colours (tests drive it themselves). */
  public long colourSweepIntervalSeconds() {
    return section("colours").getLong("sweepIntervalSeconds", 3600L);
  }

  public int colourLookbackDays() {
    return section("colours").getInteger("lookbackDays", 60);
  }

  /** The region's name in English, for trust bundles and partner consoles. */
  public String regionNameEn() {
    String nameEn = string("region", "nameEn");
    return nameEn.isBlank() ? regionName() : nameEn;
  }

  public Duration tokenKeyRotation() {
    return Duration.ofDays(integer("keys", "tokenKeyRotationDays"));
  }

  /** How long a new signing key is published before it signs, so devices learn it first. */
  public Duration keyRotationLead() {
    return Duration.ofSeconds(integer("keys", "rotationLeadSeconds"));
  }

  /** Health codes expire at most a day after issue. */
  public Duration healthCodeValidity() {
    Duration validity = Duration.ofSeconds(integer("tokens", "healthCodeValiditySeconds"));
    if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalStateException("tokens.healthCodeValiditySeconds must be 1 to 86400");
    }
    return validity;
  }

  /** How much of a node's memory holds codes as phones fetch them (JSON, PNG, SVG), made once per token. */
  public long codeViewCacheBytes() {
    int megabytes = integer("tokens", "codeViewCacheMegabytes");
    if (megabytes < 1) {
      throw new IllegalStateException("tokens.codeViewCacheMegabytes must be at least 1");
    }
    return megabytes * 1024L * 1024L;
  }

  /** How many residents' current codes a node keeps in memory ({@code CurrentCodes}); 0 reads each display from the database. */
  public int currentCodeCacheEntries() {
    int entries = integer("tokens", "currentCodeCacheEntries");
    if (entries < 0) {
      throw new IllegalStateException("tokens.currentCodeCacheEntries must be 0 or more");
    }
    return entries;
  }

  /** The longest a pass may be valid; retired keys stay published this long after they stop signing. */
  public Duration maxPassValidity() {
    return Duration.ofDays(integer("tokens", "maxPassValidityDays"));
  }

  /** Each status list holds 2^bits tokens; an even number from 8 to 24 (default 20: a million). */
  public int statusListBits() {
    int bits = integer("tokens", "statusListBits");
    if (bits < 8 || bits > 24 || bits % 2 != 0) {
      throw new IllegalStateException("tokens.statusListBits must be an even number from 8 to 24");
    }
    return bits;
  }

  public Duration statusListTtl() {
    return Duration.ofSeconds(integer("tokens", "statusListTtlSeconds"));
  }

  /** An unchanged status list is signed anew this often, so that its iat shows devices it is current. */
  public Duration statusListResign() {
    return Duration.ofSeconds(integer("tokens", "statusListResignSeconds"));
  }

  public Duration statusListValidity() {
    return Duration.ofSeconds(integer("tokens", "statusListValiditySeconds"));
  }

  public Duration trustBundleValidity() {
    return Duration.ofDays(integer("trust", "bundleValidityDays"));
  }

  public Duration trustBundleResign() {
    return Duration.ofSeconds(integer("trust", "bundleResignSeconds"));
  }

  /** Whether to sign and verify with Conscrypt (BoringSSL) when it loads; the JDK's SunEC otherwise. */
  public boolean nativeCryptoProvider() {
    return section("crypto").getBoolean("nativeProvider", true);
  }

  /** How long an enrollment code an admin issued can be used (once). */
  public Duration enrollmentCodeTtl() {
    return Duration.ofSeconds(integer("checkpoints", "enrollmentCodeTtlSeconds"));
  }

  /** How far a device's signed request time may lie from the server's; its nonces are kept twice as long. */
  public Duration deviceRequestSkew() {
    return Duration.ofSeconds(integer("checkpoints", "requestSkewSeconds"));
  }

  /** The body limit of a scan-record upload (500 records), larger than {@link #bodyLimitBytes()}. */
  public int scanUploadBodyLimitBytes() {
    return Math.max(bodyLimitBytes(), integer("checkpoints", "uploadBodyLimitBytes"));
  }

  /**
   * The body limit of a device sync: the contract lets a device state up to 1,000 held status lists,
   * at most 144 bytes each in compact JSON (docs/checkpoints.md has the arithmetic).
   */
  public int syncBodyLimitBytes() {
    return Math.max(bodyLimitBytes(), integer("checkpoints", "syncBodyLimitBytes"));
  }

  /** People an enterprise may list (look up by ID number) a day: single listings and import rows together. */
  public int enterpriseLookupsPerDay() {
    return integer("lookups", "enterprisePerDay");
  }

  /** Residents a staff account may look up by ID number, phone or account an hour (person search, permits). */
  public int staffLookupsPerHour() {
    return integer("lookups", "staffPerHour");
  }

  /** How often spent device nonces older than the replay window are deleted. */
  public Duration deviceNonceSweep() {
    return Duration.ofSeconds(integer("checkpoints", "nonceSweepSeconds"));
  }

  /** How far back an exposure query looks for a case's passages unless told otherwise. */
  public Duration exposureLookback() {
    return Duration.ofDays(integer("checkpoints", "exposureLookbackDays"));
  }

  /** How often partners' trust bundles and status lists are fetched (sooner when their ttl says so). */
  public Duration federationFetchInterval() {
    return Duration.ofSeconds(integer("federation", "fetchIntervalSeconds"));
  }

  /** How often the outbox looks for messages due; a new message is also sent at once. */
  public Duration outboxInterval() {
    return Duration.ofMillis(integer("federation", "outboxIntervalMillis"));
  }

  /** The first retry delay of an undelivered message; it doubles up to {@link #retryMax()}. */
  public Duration retryBase() {
    return Duration.ofMillis(integer("federation", "retryBaseMillis"));
  }

  public Duration retryMax() {
    return Duration.ofSeconds(integer("federation", "retryMaxSeconds"));
  }

  /**
   * Bounds on every call to a partner (documents and messages): connect, silence, whole answer, and
   * answer size. A partner that breaks one costs at most that bound and keeps its last good copy.
   */
  public PartnerClient.Limits partnerHttpLimits() {
    return new PartnerClient.Limits(
      Duration.ofMillis(partnerHttp("connectTimeoutMillis")),
      Duration.ofMillis(partnerHttp("idleTimeoutMillis")),
      Duration.ofMillis(partnerHttp("totalTimeoutMillis")),
      partnerHttp("maxBodyBytes"));
  }

  /** How far a signed partner request's time may be from ours; nonces are kept twice as long. */
  public Duration requestWindow() {
    return Duration.ofSeconds(integer("federation", "requestWindowSeconds"));
  }

  /** {@code --demo-two-regions}: the second region's (Langfang's) port; the first takes {@code http.port}. 0: any free one. */
  public int twoRegionDemoSecondPort() {
    return integer("twoRegionDemo", "secondPort");
  }

  /** The same configuration, seeding the demo data (as {@code --demo} asks). */
  public ServerConfig withDemoData() {
    return new ServerConfig(json.copy().put("demo-data", true));
  }

  public boolean demoData() {
    Object value = json.getValue("demo-data");
    return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
  }

  /** Family members: open requests and links per guardian, guardians per member, requests a day per guardian. */
  public Dependants.Limits familyLimits() {
    return new Dependants.Limits(integer("family", "maxDependants"), integer("family", "maxGuardians"),
      integer("family", "requestsPerDay"));
  }

  /** How long a paper card is valid (at most 180 days). */
  public Duration paperCardValidity() {
    return Duration.ofDays(integer("paperCards", "validityDays"));
  }

  /**
   * The CJK TrueType font (.ttf or .ttc) paper cards are drawn with, if not the Noto Sans SC the jar
   * carries: empty means the bundled one (docs/no-smartphone.md).
   */
  public Optional<Path> paperCardFont() {
    String font = string("paperCards", "font");
    return font.isBlank() ? Optional.empty() : Optional.of(Path.of(font));
  }

  public int idChecksPerDevicePerHour() {
    return integer("idChecks", "perDevicePerHour");
  }

  private JsonObject section(String name) {
    JsonObject section = json.getJsonObject(name);
    if (section == null) {
      throw new IllegalStateException("configuration section missing: " + name);
    }
    return section;
  }

  private long partnerHttp(String key) {
    JsonObject limits = section("federation").getJsonObject("partnerHttp");
    Object value = limits == null ? null : limits.getValue(key);
    try {
      return value instanceof Number ? ((Number) value).longValue() : Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("configuration federation.partnerHttp." + key + " must be a number", e);
    }
  }

  private String string(String section, String key) {
    Object value = section(section).getValue(key);
    return value == null ? "" : String.valueOf(value);
  }

  private int integer(String section, String key) {
    Object value = section(section).getValue(key);
    if (value instanceof Number) {
      return ((Number) value).intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("configuration " + section + "." + key + " must be a number", e);
    }
  }
}
