package io.tongxing.server.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.db.Database;
import io.tongxing.server.support.MutableClock;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Times a person can mean and text a person can read, at the contract boundary: a year 0 (which
 * PostgreSQL stored as 1 BC and no list could read back), a year 9999, a time beyond its relative
 * bound; control characters, bidi overrides, lone surrogates, text of nothing but spaces. Each is
 * refused with a 400 naming the field and changes nothing; a row an earlier build stored is moved
 * within bounds by the migration, and the database refuses any new one.
 */
@ExtendWith(VertxExtension.class)
class BoundedInputTest {

  private static final String YEAR_ZERO = "0000-01-01T00:00:00Z";
  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.staffToken(io.tongxing.server.http.Role.ADMIN);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {YEAR_ZERO, "1999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
    "2027-03-20T00:00:00Z"})
  void aBulletinEffectiveAtATimeNobodyCanMeanIsRefusedAndTheListStillAnswers(String effectiveAt) {
    Map<String, String> before = TestDatabase.snapshot();

    Reply refused = server.post("/api/v1/admin/bulletins", admin, bulletin("道路管控", "全市", effectiveAt));

    assertEquals(400, refused.status(), refused.toString());
    assertEquals("effectiveAt", refused.field());
    assertEquals(before, TestDatabase.snapshot(), "nothing stored");
    assertEquals(200, server.get("/api/v1/admin/bulletins", admin).status());
  }

  @Test
  void riskLevelsAndFlagsTakeOnlyTimesWithinTheirBounds() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    Map<String, String> before = TestDatabase.snapshot();

    for (String effectiveFrom : List.of(YEAR_ZERO, "9999-12-31T23:59:59Z", "2027-03-20T00:00:00Z", "2025-03-10T00:00:00Z")) {
      Reply level = server.put("/api/v1/admin/counties/110105/risk-level", admin, new JsonObject().put("level", "HIGH")
        .put("reason", "聚集性疫情").put("effectiveFrom", effectiveFrom));
      assertEquals(400, level.status(), effectiveFrom + ": " + level);
      assertEquals("effectiveFrom", level.field());
    }
    for (String effectiveAt : List.of(YEAR_ZERO, "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z")) {
      Reply flag = server.post("/api/v1/admin/persons/" + resident.accountId() + "/flags", admin, new JsonObject()
        .put("flag", "CLOSE_CONTACT").put("reason", "同乘一班车").put("effectiveAt", effectiveAt));
      assertEquals(400, flag.status(), effectiveAt + ": " + flag);
      assertEquals("effectiveAt", flag.field());
    }
    Reply visit = server.post("/api/v1/me/check-ins", token, new JsonObject().put("temperature", 36.5)
      .put("symptoms", new JsonArray().add("NONE"))
      .put("visits", new JsonArray().add(new JsonObject().put("countyCode", "110105").put("date", "0000-01-01"))));
    assertEquals(400, visit.status(), visit.toString());
    assertEquals("visits[0].date", visit.field());

    assertEquals(before, TestDatabase.snapshot(), "nothing stored");
    assertEquals(200, server.get("/api/v1/admin/counties/110105/risk-levels", admin).status());
    assertEquals(200, server.get("/api/v1/admin/persons/" + resident.accountId(), admin).status());
  }

  /** Refused in a one-line field: controls (newline too), bidi embeddings, overrides and isolates, lone surrogates, blanks. */
  @ParameterizedTest
  @ValueSource(strings = {"管控\\u202e通告", "\\u2066通告\\u2069", "第一行\\n第二行", "制表\\t符", "空\\u0000字符", "C1\\u0085",
    "孤\\ud800立", "孤立\\udc00", "   ", "\\u3000\\u3000", "\\u200b", "\\u00a0\\u2003"})
  void aTitleWithWhatNoOneCanReadAsWrittenIsRefusedByName(String escapedTitle) {
    Map<String, String> before = TestDatabase.snapshot();

    Reply refused = postRaw("/api/v1/admin/bulletins", bulletinText(escapedTitle, "全市"));

    assertEquals(400, refused.status(), escapedTitle + ": " + refused);
    assertEquals("title", refused.field());
    assertEquals(before, TestDatabase.snapshot());
  }

  /**
   * A refused title or time says which rule it broke, in the caller's language: never the general
   * "格式不正确" a pattern alone would give, nor the validator's English.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "管控\\u202e通告 | 不能包含改变文字方向的控制字符 | must not contain characters that change the direction of the text",
    "\\u2066通告\\u2069 | 不能包含改变文字方向的控制字符 | must not contain characters that change the direction of the text",
    "第一行\\n第二行 | 不能包含换行或控制字符 | must not contain line breaks or control characters",
    "制表\\t符 | 不能包含换行或控制字符 | must not contain line breaks or control characters",
    "C1\\u0085 | 不能包含换行或控制字符 | must not contain line breaks or control characters",
    "孤\\ud800立 | 含有无法显示的字符 | contains a character that cannot be shown",
    "'\\u3000 ' | 请填写内容，不能只有空格 | must contain more than spaces",
    "\\u200b | 请填写内容，不能只有空格 | must contain more than spaces",
    "'' | 必须填写 | is required"})
  void aRefusedTitleSaysWhichRuleItBrokeInBothLanguages(String escapedTitle, String chinese, String english) {
    assertBulletinRefusedInWords(Buffer.buffer(bulletinText(escapedTitle, "全市")), "title", chinese, english);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "0000-01-01T00:00:00Z | 年份须在 2000–2099 之间 | the year must be between 2000 and 2099",
    "9999-12-31T23:59:59Z | 年份须在 2000–2099 之间 | the year must be between 2000 and 2099",
    "+10000-01-01T00:00:00Z | 年份须在 2000–2099 之间 | the year must be between 2000 and 2099",
    "2000-01-01T00:00:00+08:00 | 年份须在 2000–2099 之间。 | The year must be between 2000 and 2099.",
    "2027-03-20T00:00:00Z | 这个时间须在现在前后 366 天之内。 | This time must be within 366 days of now."})
  void aRefusedTimeSaysWhyInBothLanguages(String effectiveAt, String chinese, String english) {
    assertBulletinRefusedInWords(bulletin("道路管控", "全市", effectiveAt), "effectiveAt", chinese, english);
  }

  /** What a field's own violation is wrapped in: never reported beside it ("is not something this form accepts"). */
  private static final Set<String> SCHEMAS_AROUND = Set.of("properties", "$ref", "additionalProperties", "allOf", "anyOf", "oneOf");

  /** The bulletin is refused naming {@code field}, with these words in Chinese and in English. */
  private static void assertBulletinRefusedInWords(Object body, String field, String chinese, String english) {
    for (String language : List.of("zh-CN", "en")) {
      Reply refused = server.call(HttpMethod.POST, "/api/v1/admin/bulletins", admin, body,
        MultiMap.caseInsensitiveMultiMap().add("Accept-Language", language));

      assertEquals(400, refused.status(), body + ": " + refused);
      assertEquals(field, refused.field());
      assertEquals(language.equals("en") ? english : chinese, refused.json().getString("message"), refused.toString());
      List<JsonObject> ofField = refused.json().getJsonObject("details").getJsonArray("violations", new JsonArray()).stream()
        .map(JsonObject.class::cast).filter(violation -> field.equals(violation.getString("field"))).toList();
      assertTrue(ofField.stream().noneMatch(violation -> SCHEMAS_AROUND.contains(violation.getString("keyword"))),
        "the field's violations name the rules it broke, not the schemas around it: " + ofField);
      assertTrue(ofField.isEmpty() || ofField.stream().anyMatch(violation -> refused.json().getString("message")
        .equals(violation.getString("message"))), refused.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"第一行\\n第二行", "封控 \\ud83d\\udea7 区域", "Road closed: Tongzhou", "ئۇيغۇر"})
  void lineFeedsInMultiLineTextAndEveryScriptAndEmojiAreTaken(String escapedText) {
    Reply taken = postRaw("/api/v1/admin/bulletins", bulletinText("通告 \\ud83d\\udea7", escapedText));

    assertEquals(201, taken.status(), escapedText + ": " + taken);
  }

  @Test
  void reasonsAndNamesOfNothingButSpacesAreRefused() {
    Reply reason = server.put("/api/v1/admin/counties/110105/risk-level", admin, new JsonObject().put("level", "LOW")
      .put("reason", "\u3000 \u3000"));
    assertEquals(400, reason.status(), reason.toString());
    assertEquals("reason", reason.field());

    Reply name = server.post("/api/v1/residents", null, new JsonObject().put("name", "李\u202e娜").put("idNumber", "11010519491231002X")
      .put("phone", "13800000000").put("password", "A-good-password-1").put("code", "123456"));
    assertEquals(400, name.status(), name.toString());
    assertEquals("name", name.field());
  }

  @Test
  void aYearZeroRowAnEarlierBuildStoredIsMovedWithinBoundsAndNoneCanBeStoredAgain(Vertx vertx) throws SQLException {
    PgConnectOptions database = earlierBuildDatabase("year_zero_rows");
    try (Connection c = jdbc(database); Statement sql = c.createStatement()) {
      sql.execute("insert into accounts (id, role, username, display_name, password_hash, created_at) values "
        + "('00000000-0000-0000-0000-000000000001', 'ADMIN', 'old-admin', '管理员', 'x', now())");
      sql.execute("insert into bulletins (id, origin, title, text, counties, effective_at, published_at) values "
        + "('00000000-0000-0000-0000-0000000000b1', '110000', '旧通告', '正文', '{}', '0001-01-01 00:00:00+00 BC', now())");
      sql.execute("insert into county_risk_levels (county_code, level, effective_from, reason, set_by, set_at) values "
        + "('110105', 'HIGH', '0001-01-01 00:00:00+00 BC', '旧', '00000000-0000-0000-0000-000000000001', now()), "
        + "('110105', 'LOW', '9999-12-31T23:59:59Z', '旧', '00000000-0000-0000-0000-000000000001', now())");
    }

    Database.migrate(database);

    try (Connection c = jdbc(database); Statement sql = c.createStatement()) {
      assertEquals(List.of("2000-01-01T00:00:00Z"), strings(sql, "select to_char(effective_at at time zone 'UTC', "
        + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from bulletins"));
      assertEquals(List.of("2000-01-01 00:00:00", "2099-12-31 23:59:59"), strings(sql, "select to_char(effective_from at time zone "
        + "'UTC', 'YYYY-MM-DD HH24:MI:SS') from county_risk_levels order by effective_from"));
      SQLException refused = assertThrows(SQLException.class, () -> sql.execute("insert into bulletins (id, origin, title, text, "
        + "counties, effective_at, published_at) values (gen_random_uuid(), '110000', 't', 'x', '{}', '0001-01-01 00:00:00+00 BC', now())"));
      assertEquals("23514", refused.getSQLState(), "a check constraint, whatever path the row takes");
    }
    TestServer old = TestServer.start(vertx, new JsonObject(), List.of(), database,
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new MutableClock(TestServer.START), TestDatabase.KEYS);
    try {
      String oldAdmin = old.staffToken(io.tongxing.server.http.Role.ADMIN);
      Reply bulletins = old.get("/api/v1/admin/bulletins", oldAdmin);
      assertEquals(200, bulletins.status(), bulletins.toString());
      assertEquals("2000-01-01T00:00:00Z", bulletins.array().getJsonObject(0).getString("effectiveAt"));
      assertEquals(200, old.get("/api/v1/admin/counties/110105/risk-levels", oldAdmin).status());
    } finally {
      old.stop();
    }
  }

  /** A database migrated as far as the build before this issue (V60), as a region upgrading would have it. */
  private static PgConnectOptions earlierBuildDatabase(String name) throws SQLException {
    PgConnectOptions main = TestDatabase.connectOptions();
    try (Connection c = TestDatabase.jdbc(); Statement sql = c.createStatement()) {
      sql.execute("drop database if exists " + name);
      sql.execute("create database " + name);
    }
    PgConnectOptions options = new PgConnectOptions(main).setDatabase(name);
    Flyway.configure().dataSource(Database.jdbcUrl(options), options.getUser(), options.getPassword())
      .locations("classpath:db/migration").target("60").load().migrate();
    return options;
  }

  private static Connection jdbc(PgConnectOptions options) throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(options), options.getUser(), options.getPassword());
  }

  private static List<String> strings(Statement sql, String query) throws SQLException {
    List<String> values = new java.util.ArrayList<>();
    try (var rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static JsonObject bulletin(String title, String text, String effectiveAt) {
    return new JsonObject().put("title", title).put("text", text).put("counties", new JsonArray()).put("effectiveAt", effectiveAt);
  }

  /** A bulletin body written by hand, so that JSON escapes (a lone surrogate among them) reach the server as sent. */
  private static String bulletinText(String escapedTitle, String escapedText) {
    return "{\"title\":\"" + escapedTitle + "\",\"text\":\"" + escapedText + "\",\"counties\":[],"
      + "\"effectiveAt\":\"2026-03-16T00:00:00+08:00\"}";
  }

  private static Reply postRaw(String path, String json) {
    return server.call(HttpMethod.POST, path, admin, Buffer.buffer(json));
  }
}
