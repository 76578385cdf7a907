package io.tongxing.server.colour;

import io.tongxing.server.rules.Facts;
import io.tongxing.server.rules.Flag;
import io.tongxing.server.rules.RiskLevel;
import io.tongxing.server.rules.Symptom;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Loads the facts the rules need for one person. Check-ins are read back to {@code lookbackDays}
 * before today, or to the day before the current flag if that is earlier, so the streak after a
 * long-standing flag is always visible.
 */
final class FactsRepository {

  private final ZoneId zone;
  private final int lookbackDays;

  FactsRepository(ZoneId zone, int lookbackDays) {
    this.zone = zone;
    this.lookbackDays = lookbackDays;
  }

  Future<Facts> load(SqlClient client, UUID accountId, LocalDate today) {
    return client.preparedQuery("select flag, effective_at from person_flags where account_id = $1 order by effective_at, id")
      .execute(Tuple.of(accountId))
      .compose(flagRows -> {
        List<Facts.FlagEvent> flags = new ArrayList<>();
        for (Row row : flagRows) {
          flags.add(new Facts.FlagEvent(Flag.valueOf(row.getString("flag")), row.getOffsetDateTime("effective_at").toInstant()));
        }
        LocalDate since = today.minusDays(lookbackDays);
        if (!flags.isEmpty()) {
          LocalDate flagDay = LocalDate.ofInstant(flags.get(flags.size() - 1).effectiveAt(), zone).minusDays(1);
          if (flagDay.isBefore(since)) {
            since = flagDay;
          }
        }
        return loadCheckIns(client, accountId, since).compose(checkIns -> loadRiskLevels(client, checkIns)
          .map(levels -> new Facts(flags, checkIns, levels)));
      });
  }

  private Future<List<Facts.CheckIn>> loadCheckIns(SqlClient client, UUID accountId, LocalDate since) {
    return client.preparedQuery("select c.id, c.day, c.temperature, c.symptoms, v.county_code, v.visited_on "
        + "from check_ins c left join check_in_visits v on v.check_in_id = c.id "
        + "where c.account_id = $1 and c.day >= $2 order by c.day, c.id")
      .execute(Tuple.of(accountId, since))
      .map(rows -> {
        Map<Long, Row> first = new LinkedHashMap<>();
        Map<Long, List<Facts.Visit>> visits = new HashMap<>();
        for (Row row : rows) {
          long id = row.getLong("id");
          first.putIfAbsent(id, row);
          List<Facts.Visit> list = visits.computeIfAbsent(id, k -> new ArrayList<>());
          if (row.getString("county_code") != null) {
            list.add(new Facts.Visit(row.getString("county_code"), row.getLocalDate("visited_on")));
          }
        }
        List<Facts.CheckIn> checkIns = new ArrayList<>();
        first.forEach((id, row) -> {
          Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
          for (String s : row.getArrayOfStrings("symptoms")) {
            symptoms.add(Symptom.valueOf(s));
          }
          checkIns.add(new Facts.CheckIn(row.getLocalDate("day"), row.getBigDecimal("temperature"), symptoms, visits.get(id)));
        });
        return checkIns;
      });
  }

  private Future<Map<String, List<Facts.RiskLevelChange>>> loadRiskLevels(SqlClient client, List<Facts.CheckIn> checkIns) {
    Set<String> counties = new java.util.HashSet<>();
    checkIns.forEach(c -> c.visits().forEach(v -> counties.add(v.countyCode())));
    if (counties.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return client.preparedQuery("select county_code, level, effective_from from county_risk_levels "
        + "where county_code = any($1) order by effective_from, id")
      .execute(Tuple.of(counties.toArray(new String[0])))
      .map(rows -> {
        Map<String, List<Facts.RiskLevelChange>> levels = new HashMap<>();
        for (Row row : rows) {
          levels.computeIfAbsent(row.getString("county_code"), k -> new ArrayList<>())
            .add(new Facts.RiskLevelChange(RiskLevel.valueOf(row.getString("level")),
              row.getOffsetDateTime("effective_from").toInstant()));
        }
        return levels;
      });
  }
}
