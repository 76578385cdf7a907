package io.tongxing.server.checkin;

import io.tongxing.server.account.RegionCodes;
import io.tongxing.server.colour.ColourOutcome;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.healthcode.HealthCodes;
import io.tongxing.server.healthcode.IssuedCode;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.rules.Symptom;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daily check-in: temperature, symptoms and the counties visited in the last 14 days. One per
 * resident and day (in the region's time zone); the colour is recomputed in the same transaction.
 */
public final class CheckIns {

  static final int VISIT_WINDOW_DAYS = 14;

  private final Pool pool;
  private final ColourService colours;
  private final HealthCodes healthCodes;
  private final Clock clock;
  private final ZoneId zone;

  public CheckIns(Pool pool, ColourService colours, HealthCodes healthCodes, Clock clock, ZoneId zone) {
    this.pool = pool;
    this.colours = colours;
    this.healthCodes = healthCodes;
    this.clock = clock;
    this.zone = zone;
  }

  public Future<JsonObject> submit(Principal resident, JsonObject body) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    BigDecimal temperature = new BigDecimal(String.valueOf(body.getValue("temperature"))).setScale(1, RoundingMode.HALF_UP);
    Set<Symptom> symptoms = symptoms(body.getJsonArray("symptoms"));
    List<Object[]> visits = visits(body.getJsonArray("visits", new JsonArray()), today);
    String[] symptomNames = symptoms.stream().map(Enum::name).toArray(String[]::new);
    return pool.withTransaction(tx -> colours.lockPerson(tx, resident.accountId())
        .compose(v -> tx.preparedQuery("insert into check_ins (account_id, day, submitted_at, temperature, symptoms) "
            + "values ($1, $2, $3, $4, $5) returning id")
          .execute(Tuple.of(resident.accountId(), today, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
            temperature, symptomNames)))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          if (visits.isEmpty()) {
            return Future.succeededFuture(id);
          }
          List<Tuple> batch = new ArrayList<>();
          visits.forEach(v -> batch.add(Tuple.of(id, v[0], v[1])));
          return tx.preparedQuery("insert into check_in_visits (check_in_id, county_code, visited_on) values ($1, $2, $3)")
            .executeBatch(batch).map(id);
        })
        .compose(id -> colours.refreshLockedIn(tx, resident.accountId(), "check-in")
          // A colour change has just issued a code of the new colour; otherwise check-in issues one.
          .compose(outcome -> (outcome.change().isPresent()
              ? healthCodes.latestIn(tx, resident.accountId())
              : healthCodes.issueIn(tx, resident.accountId(), outcome.decision().colour(), "check-in"))
            .map(code -> new Stored(id, outcome, code)))))
      .map(stored -> {
        colours.published(stored.outcome());
        return new JsonObject()
          .put("id", stored.id())
          .put("day", today.toString())
          .put("colour", stored.outcome().decision().colour().name())
          .put("ruleId", stored.outcome().decision().ruleId())
          .put("ruleVersion", stored.outcome().decision().ruleVersion())
          .put("healthCode", stored.code().toJson());
      });
  }

  private record Stored(long id, ColourOutcome outcome, IssuedCode code) {
  }

  public Future<JsonArray> recent(Principal resident) {
    LocalDate since = LocalDate.ofInstant(clock.instant(), zone).minusDays(VISIT_WINDOW_DAYS);
    return pool.preparedQuery("select c.id, c.day, c.temperature, c.symptoms, v.county_code, v.visited_on from check_ins c "
        + "left join check_in_visits v on v.check_in_id = c.id where c.account_id = $1 and c.day >= $2 "
        + "order by c.day desc, v.visited_on")
      .execute(Tuple.of(resident.accountId(), since))
      .map(rows -> {
        Map<Long, JsonObject> byId = new LinkedHashMap<>();
        for (Row row : rows) {
          JsonObject checkIn = byId.computeIfAbsent(row.getLong("id"), id -> new JsonObject()
            .put("id", id)
            .put("day", row.getLocalDate("day").toString())
            .put("temperature", row.getBigDecimal("temperature").doubleValue())
            .put("symptoms", new JsonArray(List.of((Object[]) row.getArrayOfStrings("symptoms"))))
            .put("visits", new JsonArray()));
          if (row.getString("county_code") != null) {
            checkIn.getJsonArray("visits").add(new JsonObject()
              .put("countyCode", row.getString("county_code"))
              .put("date", row.getLocalDate("visited_on").toString()));
          }
        }
        return new JsonArray(new ArrayList<>(byId.values()));
      });
  }

  private static Set<Symptom> symptoms(JsonArray names) {
    Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
    names.forEach(name -> symptoms.add(Symptom.valueOf(String.valueOf(name))));
    if (symptoms.contains(Symptom.NONE) && symptoms.size() > 1) {
      throw ApiException.invalidField("INVALID_SYMPTOMS", "symptoms");
    }
    symptoms.remove(Symptom.NONE);
    return symptoms;
  }

  /** Each visit as {county, date}; duplicates collapse. */
  private static List<Object[]> visits(JsonArray raw, LocalDate today) {
    Map<String, Object[]> unique = new LinkedHashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      JsonObject visit = raw.getJsonObject(i);
      String county = visit.getString("countyCode");
      if (!RegionCodes.isCounty(county)) {
        throw ApiException.invalidField("INVALID_COUNTY_CODE", "visits[" + i + "].countyCode");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(visit.getString("date"));
      } catch (DateTimeParseException e) {
        throw ApiException.invalidField("INVALID_DATE", "visits[" + i + "].date");
      }
      if (date.isAfter(today) || date.isBefore(today.minusDays(VISIT_WINDOW_DAYS))) {
        throw ApiException.invalidField("INVALID_VISIT_DATE", "visits[" + i + "].date");
      }
      unique.put(county + date, new Object[] {county, date});
    }
    return new ArrayList<>(unique.values());
  }
}
