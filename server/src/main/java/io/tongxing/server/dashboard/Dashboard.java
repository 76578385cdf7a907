package io.tongxing.server.dashboard;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control index ("一指数"): a handful of aggregates computed in PostgreSQL, each on an index
 * (V40 migration), so the console draws its charts from a few hundred numbers however many tokens
 * and scans the region holds.
 */
public final class Dashboard {

  /** A day's count is final this long after the day ended (transactions open at midnight have committed). */
  static final Duration SETTLED = Duration.ofHours(1);

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;

  public Dashboard(Pool pool, Clock clock, ZoneId zone) {
    this.pool = pool;
    this.clock = clock;
    this.zone = zone;
  }

  /** Codes by colour per day over {@code days} days, scans and verdicts over {@code hours} hours, and the rest as of now. */
  public Future<JsonObject> summary(int days, int hours) {
    Instant now = clock.instant();
    LocalDate firstDay = LocalDate.ofInstant(now, zone).minusDays(days - 1L);
    OffsetDateTime scansSince = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L)),
      ZoneOffset.UTC);
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);

    Future<JsonArray> codes = codesByDay(firstDay, days, now);
    Future<RowSet<Row>> coloursNow = pool.query("select colour, count(*) as n from colour_states group by colour").execute();
    Future<RowSet<Row>> passes = pool.preparedQuery("select status, count(*) as n from issued_tokens "
        + "where kind = 'COMMUTER_PASS' and expires_at > $1 group by status")
      .execute(Tuple.of(at));
    // Paper cards in force by their token's status (VALID while the holder is green), and ID-number checks
    // of the chart's hours by what they found.
    Future<RowSet<Row>> paperCards = pool.preparedQuery("select t.status, count(*) as n from paper_cards c join issued_tokens t "
        + "on t.account_id = c.account_id and t.list_id = c.list_id and t.idx = c.idx where c.state = 'CURRENT' and c.expires_at > $1 group by t.status")
      .execute(Tuple.of(at));
    Future<RowSet<Row>> idChecks = pool.preparedQuery("select result, count(*) as n from id_checks where at >= $1 and at <= $2 "
        + "group by result").execute(Tuple.of(scansSince, at));
    Future<RowSet<Row>> applications = pool.query("select state, count(*) as n from pass_applications group by state").execute();
    Future<RowSet<Row>> scans = pool.preparedQuery("select checkpoint_id, date_trunc('hour', scanned_at) as hour, outcome, count(*) as n "
        + "from scan_records where scanned_at >= $1 and scanned_at <= $2 group by 1, 2, 3 order by 1, 2")
      .execute(Tuple.of(scansSince, at));
    Future<RowSet<Row>> devices = pool.preparedQuery("select id, checkpoint_id, label, last_seen_at, last_upload_at from devices "
        + "where disabled_at is null order by last_seen_at nulls first, id limit 200")
      .execute(Tuple.tuple());
    Future<RowSet<Row>> partners = pool.preparedQuery("select p.region_code, p.name, p.state, min(d.fetched_at) as oldest "
        + "from partners p left join partner_documents d on d.partner_id = p.id where p.state <> 'ENDED' "
        + "group by p.region_code, p.name, p.state order by p.region_code")
      .execute(Tuple.tuple());

    return Future.all(List.of(codes, coloursNow, passes, applications, scans, devices, partners, paperCards, idChecks))
      .map(all -> new JsonObject()
      .put("generatedAt", now.toString())
      .put("days", days)
      .put("hours", hours)
      .put("codesByDay", codes.result())
      .put("coloursNow", counts(coloursNow.result(), "colour", "GREEN", "YELLOW", "RED"))
      .put("passesByState", passStates(passes.result()))
      .put("applicationsByState", counts(applications.result(), "state", "SUBMITTED", "APPROVED", "REJECTED"))
      .put("scansByHour", scansByHour(scans.result()))
      .put("verdicts", verdicts(scans.result()))
      .put("deviceSync", deviceSync(devices.result(), now))
      .put("partnerFreshness", partnerFreshness(partners.result(), now))
      .put("paperCardsByStatus", passStates(paperCards.result()))
      .put("idChecksByResult", counts(idChecks.result(), "result", "FOUND", "NOT_REGISTERED", "PARTNER_UNAVAILABLE")));
  }

  /**
   * One entry per day, days without codes included, so the chart's time axis has no holes. Days
   * that ended over an hour ago are counted once into dashboard_code_days; the rest on every call.
   */
  private Future<JsonArray> codesByDay(LocalDate firstDay, int days, Instant now) {
    LocalDate lastSettled = LocalDate.ofInstant(now.minus(SETTLED), zone).minusDays(1);
    return pool.preparedQuery("select day, colour, codes from dashboard_code_days where day >= $1 and day <= $2")
      .execute(Tuple.of(firstDay, lastSettled))
      .compose(rows -> {
        Map<LocalDate, JsonObject> byDay = new TreeMap<>();
        for (int i = 0; i < days; i++) {
          LocalDate day = firstDay.plusDays(i);
          byDay.put(day, new JsonObject().put("day", day.toString()).put("GREEN", 0L).put("YELLOW", 0L).put("RED", 0L));
        }
        Set<LocalDate> settled = new HashSet<>();
        for (Row row : rows) {
          settled.add(row.getLocalDate("day"));
          byDay.get(row.getLocalDate("day")).put(row.getString("colour"), row.getLong("codes"));
        }
        List<Future<Void>> counted = new ArrayList<>();
        for (LocalDate day : byDay.keySet()) {
          if (!settled.contains(day)) {
            counted.add(countDay(day, !day.isAfter(lastSettled), byDay.get(day)));
          }
        }
        return Future.all(counted).map(all -> {
          JsonArray result = new JsonArray();
          byDay.values().forEach(result::add);
          return result;
        });
      });
  }

  /** Counts one day's codes by colour from the index into {@code into}; keeps the counts when the day is settled. */
  private Future<Void> countDay(LocalDate day, boolean keep, JsonObject into) {
    OffsetDateTime from = day.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime until = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    return pool.preparedQuery("select colour, count(*) as n from issued_tokens "
        + "where kind = 'HEALTH_CODE' and issued_at >= $1 and issued_at < $2 and colour is not null group by colour")
      .execute(Tuple.of(from, until))
      .compose(rows -> {
        rows.forEach(row -> into.put(row.getString("colour"), row.getLong("n")));
        if (!keep) {
          return Future.succeededFuture();
        }
        List<Tuple> counts = new ArrayList<>();
        for (String colour : List.of("GREEN", "YELLOW", "RED")) {
          counts.add(Tuple.of(day, colour, into.getLong(colour)));
        }
        return pool.preparedQuery("insert into dashboard_code_days (day, colour, codes) values ($1, $2, $3) on conflict do nothing")
          .executeBatch(counts).mapEmpty();
      });
  }

  private static JsonObject counts(RowSet<Row> rows, String column, String... keys) {
    JsonObject counts = new JsonObject();
    for (String key : keys) {
      counts.put(key, 0L);
    }
    rows.forEach(row -> counts.put(row.getString(column), row.getLong("n")));
    return counts;
  }

  private static JsonObject passStates(RowSet<Row> rows) {
    JsonObject states = new JsonObject().put("VALID", 0L).put("SUSPENDED", 0L).put("REVOKED", 0L);
    for (Row row : rows) {
      int status = row.getInteger("status");
      String state = status == 0 ? "VALID" : status == 2 ? "SUSPENDED" : "REVOKED";
      states.put(state, states.getLong(state) + row.getLong("n"));
    }
    return states;
  }

  private static JsonArray scansByHour(RowSet<Row> rows) {
    JsonArray result = new JsonArray();
    JsonObject last = null;
    for (Row row : rows) {
      String checkpoint = row.getString("checkpoint_id");
      String hour = row.getOffsetDateTime("hour").toInstant().toString();
      if (last == null || !last.getString("checkpointId").equals(checkpoint) || !last.getString("hour").equals(hour)) {
        last = new JsonObject().put("checkpointId", checkpoint).put("hour", hour).put("count", 0L);
        result.add(last);
      }
      last.put("count", last.getLong("count") + row.getLong("n"));
    }
    return result;
  }

  private static JsonObject verdicts(RowSet<Row> rows) {
    JsonObject mix = new JsonObject().put("PASS", 0L).put("STOP", 0L).put("REVIEW", 0L);
    rows.forEach(row -> mix.put(row.getString("outcome"), mix.getLong(row.getString("outcome")) + row.getLong("n")));
    return mix;
  }

  private static JsonArray deviceSync(RowSet<Row> rows, Instant now) {
    JsonArray result = new JsonArray();
    for (Row row : rows) {
      OffsetDateTime seen = row.getOffsetDateTime("last_seen_at");
      OffsetDateTime upload = row.getOffsetDateTime("last_upload_at");
      result.add(new JsonObject()
        .put("deviceId", row.getUUID("id").toString())
        .put("checkpointId", row.getString("checkpoint_id"))
        .put("label", row.getString("label"))
        .put("lastSeenAt", seen == null ? null : seen.toInstant().toString())
        .put("lastUploadAt", upload == null ? null : upload.toInstant().toString())
        .put("syncAgeSeconds", seen == null ? null : Math.max(0, Duration.between(seen.toInstant(), now).toSeconds())));
    }
    return result;
  }

  private static JsonArray partnerFreshness(RowSet<Row> rows, Instant now) {
    JsonArray result = new JsonArray();
    for (Row row : rows) {
      OffsetDateTime oldest = row.getOffsetDateTime("oldest");
      result.add(new JsonObject()
        .put("regionCode", row.getString("region_code"))
        .put("name", row.getString("name"))
        .put("state", row.getString("state"))
        .put("oldestDocumentAgeSeconds", oldest == null ? null : Math.max(0, Duration.between(oldest.toInstant(), now).toSeconds())));
    }
    return result;
  }
}
