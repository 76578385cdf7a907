package io.tongxing.server.proof;

import io.tongxing.server.colour.RuleSets;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.rules.Facts;
import io.tongxing.server.rules.RuleSet;
import io.tongxing.server.rules.Symptom;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The daily temperature card (一卡), derived from check-ins: complete when the resident has checked
 * in normally on {@code passes.temperatureCardDays} consecutive days up to today (or up to yesterday,
 * before today's check-in). "Normal" is what the colour rules in force say it is.
 */
public final class TemperatureCards {

  private final RuleSets ruleSets;
  private final PassConfig config;
  private final Clock clock;

  public TemperatureCards(RuleSets ruleSets, PassConfig config, Clock clock) {
    this.ruleSets = ruleSets;
    this.config = config;
    this.clock = clock;
  }

  /** A card: the days it looks at, newest first, and the run of normal days that ends the latest. */
  public record Card(int requiredDays, int consecutiveNormalDays, LocalDate asOf, JsonArray days) {

    public boolean complete() {
      return consecutiveNormalDays >= requiredDays;
    }

    public JsonObject toJson() {
      return new JsonObject()
        .put("requiredDays", requiredDays)
        .put("consecutiveNormalDays", consecutiveNormalDays)
        .put("complete", complete())
        .put("asOf", asOf.toString())
        .put("days", days);
    }
  }

  public Future<Card> card(SqlClient client, UUID account) {
    int required = config.temperatureCardDays();
    LocalDate today = LocalDate.ofInstant(clock.instant(), config.zone());
    return client.preparedQuery("select day, temperature, symptoms from check_ins where account_id = $1 and day >= $2 "
        + "order by day desc")
      .execute(Tuple.of(account, today.minusDays(required)))
      .compose(rows -> ruleSets.current(client).map(rules -> card(rows, rules, today, required)));
  }

  private static Card card(Iterable<Row> rows, RuleSet rules, LocalDate today, int required) {
    Map<LocalDate, Boolean> normal = new HashMap<>();
    JsonArray days = new JsonArray();
    for (Row row : rows) {
      Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
      for (String symptom : row.getArrayOfStrings("symptoms")) {
        symptoms.add(Symptom.valueOf(symptom));
      }
      LocalDate day = row.getLocalDate("day");
      boolean isNormal = rules.isNormal(new Facts.CheckIn(day, row.getBigDecimal("temperature"), symptoms, List.of()));
      normal.put(day, isNormal);
      days.add(new JsonObject().put("day", day.toString()).put("temperature", row.getBigDecimal("temperature").doubleValue())
        .put("normal", isNormal));
    }
    // Today without a check-in yet does not break the run; it starts yesterday then.
    LocalDate day = normal.containsKey(today) ? today : today.minusDays(1);
    int streak = 0;
    while (Boolean.TRUE.equals(normal.get(day)) && streak < required) {
      streak++;
      day = day.minusDays(1);
    }
    return new Card(required, streak, today, days);
  }
}
