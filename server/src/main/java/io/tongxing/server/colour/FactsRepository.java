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
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
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
    return loadAll(client, List.of(accountId), today).map(all -> all.get(accountId));
  }

  /** The facts of several persons in three queries whatever their number (a batch of check-ins). */
  Future<Map<UUID, Facts>> loadAll(SqlClient client, List<UUID> accountIds, LocalDate today) {
    UUID[] ids = accountIds.toArray(new UUID[0]);
    return client.preparedQuery("select account_id, flag, effective_at from person_flags where account_id = any($1) "
        + "order by account_id, effective_at, id")
      .execute(Tuple.of(ids))
      .compose(flagRows -> {
        Map<UUID, List<Facts.FlagEvent>> flags = new HashMap<>();
        for (Row row : flagRows) {
          flags.computeIfAbsent(row.getUUID("account_id"), k -> new ArrayList<>())
            .add(new Facts.FlagEvent(Flag.valueOf(row.getString("flag")), row.getOffsetDateTime("effective_at").toInstant()));
        }
        Map<UUID, LocalDate> since = new HashMap<>();
        LocalDate earliest = today.minusDays(lookbackDays);
        for (UUID id : accountIds) {
          LocalDate from = since(flags.getOrDefault(id, List.of()), today);
          since.put(id, from);
          earliest = from.isBefore(earliest) ? from : earliest;
        }
        return loadCheckIns(client, ids, earliest, since).compose(checkIns -> loadRiskLevels(client, checkIns.values())
          .map(levels -> {
            Map<UUID, Facts> all = new LinkedHashMap<>();
            for (UUID id : accountIds) {
              all.put(id, new Facts(flags.getOrDefault(id, List.of()), checkIns.getOrDefault(id, List.of()), levels));
            }
            return all;
          }));
      });
  }

  /** Check-ins from {@code lookbackDays} ago, or from the day before the current flag if that is earlier. */
  private LocalDate since(List<Facts.FlagEvent> flags, LocalDate today) {
    LocalDate since = today.minusDays(lookbackDays);
    if (!flags.isEmpty()) {
      LocalDate flagDay = LocalDate.ofInstant(flags.get(flags.size() - 1).effectiveAt(), zone).minusDays(1);
      if (flagDay.isBefore(since)) {
        since = flagDay;
      }
    }
    return since;
  }

  private Future<Map<UUID, List<Facts.CheckIn>>> loadCheckIns(SqlClient client, UUID[] ids, LocalDate earliest,
                                                              Map<UUID, LocalDate> since) {
    return client.preparedQuery("select c.account_id, c.id, c.day, c.temperature, c.symptoms, v.county_code, v.visited_on "
        + "from check_ins c left join check_in_visits v on v.account_id = c.account_id and v.check_in_id = c.id "
        + "where c.account_id = any($1) and c.day >= $2 order by c.account_id, c.day, c.id")
      .execute(Tuple.of(ids, earliest))
      .map(rows -> {
        Map<Long, Row> first = new LinkedHashMap<>();
        Map<Long, List<Facts.Visit>> visits = new HashMap<>();
        for (Row row : rows) {
          if (row.getLocalDate("day").isBefore(since.get(row.getUUID("account_id")))) {
            continue;
          }
          long id = row.getLong("id");
          first.putIfAbsent(id, row);
          List<Facts.Visit> list = visits.computeIfAbsent(id, k -> new ArrayList<>());
          if (row.getString("county_code") != null) {
            list.add(new Facts.Visit(row.getString("county_code"), row.getLocalDate("visited_on")));
          }
        }
        Map<UUID, List<Facts.CheckIn>> checkIns = new HashMap<>();
        first.forEach((id, row) -> {
          Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
          for (String s : row.getArrayOfStrings("symptoms")) {
            symptoms.add(Symptom.valueOf(s));
          }
          checkIns.computeIfAbsent(row.getUUID("account_id"), k -> new ArrayList<>())
            .add(new Facts.CheckIn(row.getLocalDate("day"), row.getBigDecimal("temperature"), symptoms, visits.get(id)));
        });
        return checkIns;
      });
  }

  private Future<Map<String, List<Facts.RiskLevelChange>>> loadRiskLevels(SqlClient client,
                                                                          Collection<List<Facts.CheckIn>> checkIns) {
    Set<String> counties = new HashSet<>();
    checkIns.forEach(list -> list.forEach(c -> c.visits().forEach(v -> counties.add(v.countyCode()))));
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
