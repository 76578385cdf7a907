package io.tongxing.server.checkin;

import io.tongxing.server.colour.ColourChange;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class CheckInTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
  private static final List<ColourChange> SEEN_IN_TRANSACTION = new CopyOnWriteArrayList<>();
  private static final AtomicBoolean LISTENER_FAILS = new AtomicBoolean();
  private static TestServer server;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    ColourChangeListener listener = (tx, change) -> {
      if (LISTENER_FAILS.get()) {
        return Future.failedFuture(new IllegalStateException("issuance failed"));
      }
      // Proves the listener runs inside the change's transaction: it sees the uncommitted row.
      return tx.preparedQuery("select count(*) from colour_changes where account_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(change.accountId()))
        .map(rows -> {
          if (rows.iterator().next().getLong(0) > 0) {
            SEEN_IN_TRANSACTION.add(change);
          }
          return null;
        });
    };
    server = TestServer.start(vertx, new JsonObject(), List.of(listener));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aFeverTurnsTheCodeYellowAndAnnouncesTheChange() throws Exception {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    Promise<JsonObject> event = Promise.promise();
    var consumer = vertx.eventBus().<JsonObject>consumer(ColourService.COLOUR_CHANGED, message -> {
      if (message.body().getString("accountId").equals(resident.accountId()) && "YELLOW".equals(message.body().getString("to"))) {
        event.tryComplete(message.body());
      }
    });

    Reply reply = server.post("/api/v1/me/check-ins", token, checkIn(38.4, "FEVER"));

    assertEquals(201, reply.status(), reply.toString());
    assertEquals("YELLOW", reply.json().getString("colour"));
    assertEquals("symptoms-at-check-in", reply.json().getString("ruleId"));
    JsonObject announced = event.future().await(10, TimeUnit.SECONDS);
    consumer.unregister();
    assertEquals("GREEN", announced.getString("from"));
    assertTrue(SEEN_IN_TRANSACTION.stream().anyMatch(c -> c.accountId().toString().equals(resident.accountId())
      && c.to().name().equals("YELLOW")), "the listener ran inside the transaction");
    assertEquals("YELLOW", TestDatabase.query("select colour from colour_states where account_id = ?::uuid",
      resident.accountId()).get(0).get("colour"));
  }

  @Test
  void aFailingColourListenerRollsTheCheckInBack() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    LISTENER_FAILS.set(true);
    try {
      Reply reply = server.post("/api/v1/me/check-ins", token, checkIn(38.4, "FEVER"));
      assertEquals(500, reply.status());
      assertEquals("INTERNAL_ERROR", reply.code());
    } finally {
      LISTENER_FAILS.set(false);
    }
    assertEquals(0, TestDatabase.count("select count(*) from check_ins where account_id = ?::uuid", resident.accountId()));
    assertEquals("GREEN", TestDatabase.query("select colour from colour_states where account_id = ?::uuid",
      resident.accountId()).get(0).get("colour"));
  }

  @Test
  void oneCheckInPerDay() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    assertEquals(201, server.post("/api/v1/me/check-ins", token, checkIn(36.5, "NONE")).status());

    Reply again = server.post("/api/v1/me/check-ins", token, checkIn(36.6, "NONE"));

    assertEquals(409, again.status());
    assertEquals("ALREADY_CHECKED_IN_TODAY", again.code());
    assertEquals("day", again.field());
  }

  @Test
  void yellowTurnsGreenAfterSevenNormalDaysAndTheExplanationSaysWhen() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    server.post("/api/v1/me/check-ins", token, checkIn(37.8, "COUGH"));

    JsonObject why = server.call(HttpMethod.GET, "/api/v1/me/colour/explanation", token, null,
      MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en")).json();
    assertEquals("YELLOW", why.getString("colour"));
    assertEquals("symptoms-at-check-in", why.getString("ruleId"));
    assertEquals(1, why.getInteger("ruleVersion"));
    assertEquals("en", why.getString("language"));
    assertEquals(TODAY.plusDays(7).toString(), why.getString("greenFrom"));
    JsonObject finding = why.getJsonArray("findings").getJsonObject(0);
    assertEquals(7, finding.getJsonObject("parameters").getInteger("recoveryDays"));
    assertEquals(new JsonArray().add("COUGH"), finding.getJsonObject("facts").getJsonArray("symptoms"));
    assertTrue(finding.getString("text").contains("cough"), finding.getString("text"));
    assertTrue(why.getString("summary").contains(TODAY.plusDays(7).toString()), why.getString("summary"));

    JsonObject chinese = server.get("/api/v1/me/colour/explanation", token).json();
    assertEquals("zh-CN", chinese.getString("language"));
    assertTrue(chinese.getString("summary").contains("黄码"), chinese.getString("summary"));

    for (int day = 1; day <= 7; day++) {
      server.clock.advance(Duration.ofDays(1));
      String accessToken = server.accessToken(resident);
      JsonObject stored = server.post("/api/v1/me/check-ins", accessToken, checkIn(36.5, "NONE")).json();
      assertEquals(day < 7 ? "YELLOW" : "GREEN", stored.getString("colour"), "day " + day);
    }
    server.clock.advance(Duration.ofDays(-7));
    assertEquals(List.of("GREEN", "YELLOW", "GREEN"), TestDatabase.query(
      "select to_colour from colour_changes where account_id = ?::uuid order by id", resident.accountId())
      .stream().map(r -> (String) r.get("to_colour")).toList());
  }

  @Test
  void recentCheckInsAreListedWithTheirVisits() {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    JsonObject body = checkIn(36.5, "NONE").put("visits", new JsonArray()
      .add(new JsonObject().put("countyCode", "110105").put("date", TODAY.minusDays(2).toString())));
    server.post("/api/v1/me/check-ins", token, body);

    JsonArray list = server.get("/api/v1/me/check-ins", token).array();

    assertEquals(1, list.size());
    assertEquals("110105", list.getJsonObject(0).getJsonArray("visits").getJsonObject(0).getString("countyCode"));
  }

  static Stream<Arguments> badCheckIns() {
    return Stream.of(
      Arguments.of("temperature below 34.0", checkIn(33.9, "NONE"), "temperature", "VALIDATION_FAILED"),
      Arguments.of("temperature above 43.0", checkIn(43.1, "NONE"), "temperature", "VALIDATION_FAILED"),
      Arguments.of("temperature as text", checkIn(36.5, "NONE").put("temperature", "36.5"), "temperature", "VALIDATION_FAILED"),
      Arguments.of("no temperature", new JsonObject().put("symptoms", new JsonArray().add("NONE")), "temperature", "VALIDATION_FAILED"),
      Arguments.of("no symptoms listed", checkIn(36.5), "symptoms", "VALIDATION_FAILED"),
      Arguments.of("unknown symptom", checkIn(36.5, "SNEEZING"), "symptoms[0]", "VALIDATION_FAILED"),
      Arguments.of("NONE together with FEVER", checkIn(36.5, "NONE", "FEVER"), "symptoms", "INVALID_SYMPTOMS"),
      Arguments.of("a county code of five digits", withVisit("11010", TODAY), "visits[0].countyCode", "VALIDATION_FAILED"),
      Arguments.of("a county in an unknown province", withVisit("990101", TODAY), "visits[0].countyCode", "INVALID_COUNTY_CODE"),
      Arguments.of("a city code, not a county", withVisit("110100", TODAY), "visits[0].countyCode", "INVALID_COUNTY_CODE"),
      Arguments.of("a visit tomorrow", withVisit("110105", TODAY.plusDays(1)), "visits[0].date", "INVALID_VISIT_DATE"),
      Arguments.of("a visit fifteen days ago", withVisit("110105", TODAY.minusDays(15)), "visits[0].date", "INVALID_VISIT_DATE"),
      Arguments.of("an impossible date", checkIn(36.5, "NONE").put("visits", new JsonArray()
        .add(new JsonObject().put("countyCode", "110105").put("date", "2026-02-30"))), "visits[0].date", null),
      Arguments.of("an unknown field in a visit", checkIn(36.5, "NONE").put("visits", new JsonArray()
        .add(new JsonObject().put("countyCode", "110105").put("date", TODAY.toString()).put("with", "friends"))),
        "visits[0].with", "VALIDATION_FAILED"),
      Arguments.of("an unknown field", checkIn(36.5, "NONE").put("mood", "fine"), "mood", "VALIDATION_FAILED"),
      Arguments.of("too many visits", tooManyVisits(), "visits", "VALIDATION_FAILED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCheckIns")
  void badCheckInsAreRefusedNamingTheFieldAndChangeNothing(String name, JsonObject body, String field, String code) {
    Resident resident = server.registerResident();
    String token = server.accessToken(resident);
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.post("/api/v1/me/check-ins", token, body);

    assertEquals(400, reply.status(), reply.toString());
    assertEquals(field, reply.field(), reply.toString());
    if (code != null) {
      assertEquals(code, reply.code(), reply.toString());
    }
    assertEquals(before, TestDatabase.snapshot());
  }

  @Test
  void malformedJsonIsRefused() {
    String token = server.accessToken(server.registerResident());
    Map<String, String> before = TestDatabase.snapshot();

    Reply reply = server.call(HttpMethod.POST, "/api/v1/me/check-ins", token, Buffer.buffer("{\"temperature\": 36.5,,}"));

    assertEquals(400, reply.status());
    assertEquals("MALFORMED_JSON", reply.code());
    assertEquals(before, TestDatabase.snapshot());
  }

  static JsonObject checkIn(double temperature, String... symptoms) {
    return new JsonObject().put("temperature", temperature).put("symptoms", new JsonArray(List.of((Object[]) symptoms)));
  }

  private static JsonObject withVisit(String county, LocalDate date) {
    return checkIn(36.5, "NONE").put("visits", new JsonArray()
      .add(new JsonObject().put("countyCode", county).put("date", date.toString())));
  }

  private static JsonObject tooManyVisits() {
    JsonArray visits = new JsonArray();
    for (int i = 0; i < 51; i++) {
      visits.add(new JsonObject().put("countyCode", "110105").put("date", TODAY.toString()));
    }
    return checkIn(36.5, "NONE").put("visits", visits);
  }
}
