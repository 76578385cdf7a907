package io.tongxing.server.risk;

import io.tongxing.identity.RegionCodes;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.http.Principal;
import io.tongxing.server.rules.RiskLevel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The region's counties and the risk levels admins set for any county, with their history. */
public final class Counties {

  /** A level is set for a time within a year of now: a correction of the past year, or a plan for the next. */
  private static final Duration LEVEL_REACH = Duration.ofDays(366);

  /** Residents who visited a county this many days back are recomputed when its level changes. */
  static final int AFFECTED_VISIT_DAYS = 31;

  private final Pool pool;
  private final ColourService colours;
  private final AuditLog audit;
  private final Clock clock;
  private final ZoneId zone;

  public Counties(Pool pool, ColourService colours, AuditLog audit, Clock clock, ZoneId zone) {
    this.pool = pool;
    this.colours = colours;
    this.audit = audit;
    this.clock = clock;
    this.zone = zone;
  }

  /** The region's counties with the risk level in force now. */
  public Future<JsonArray> list() {
    return pool.preparedQuery("select c.code, c.name, l.level, l.effective_from from counties c left join lateral ("
        + "select level, effective_from from county_risk_levels r where r.county_code = c.code and r.effective_from <= $1 "
        + "order by effective_from desc, id desc limit 1) l on true order by c.code")
      .execute(Tuple.of(now()))
      .map(rows -> {
        JsonArray counties = new JsonArray();
        for (Row row : rows) {
          counties.add(new JsonObject()
            .put("code", row.getString("code"))
            .put("name", row.getString("name"))
            .put("riskLevel", row.getString("level") == null ? RiskLevel.LOW.name() : row.getString("level"))
            .put("effectiveFrom", row.getOffsetDateTime("effective_from") == null ? null
              : row.getOffsetDateTime("effective_from").toInstant().toString()));
        }
        return counties;
      });
  }

  /** Every risk level ever set for a county, newest first, with who set it and why ("history of changes"). */
  public Future<JsonArray> history(String code) {
    if (!RegionCodes.isCounty(code)) {
      throw ApiException.invalidField("INVALID_COUNTY_CODE", "code");
    }
    return pool.preparedQuery("select r.level, r.effective_from, r.reason, r.set_at, a.username, a.display_name "
        + "from county_risk_levels r left join accounts a on a.id = r.set_by where r.county_code = $1 "
        + "order by r.set_at desc, r.id desc limit 200")
      .execute(Tuple.of(code))
      .map(rows -> {
        JsonArray changes = new JsonArray();
        for (Row row : rows) {
          changes.add(new JsonObject()
            .put("level", row.getString("level"))
            .put("effectiveFrom", row.getOffsetDateTime("effective_from").toInstant().toString())
            .put("reason", row.getString("reason"))
            .put("setAt", row.getOffsetDateTime("set_at").toInstant().toString())
            .put("setBy", row.getString("username") != null ? row.getString("username") : row.getString("display_name")));
        }
        return changes;
      });
  }

  public Future<JsonObject> add(Principal admin, JsonObject body) {
    String code = body.getString("code");
    if (!RegionCodes.isCounty(code)) {
      throw ApiException.invalidField("INVALID_COUNTY_CODE", "code");
    }
    String name = body.getString("name").trim();
    return pool.withTransaction(tx -> tx.preparedQuery("insert into counties (code, name) values ($1, $2)")
        .execute(Tuple.of(code, name))
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "county.added", "county", code, body.getString("reason", "county added"),
          new JsonObject().put("name", name)))))
      .map(v -> new JsonObject().put("code", code).put("name", name).put("riskLevel", RiskLevel.LOW.name()));
  }

  /** For demo data and set-up: adds the county unless it exists. */
  public Future<Void> ensure(String code, String name) {
    return pool.preparedQuery("insert into counties (code, name) values ($1, $2) on conflict (code) do nothing")
      .execute(Tuple.of(code, name)).mapEmpty();
  }

  public Future<JsonObject> setRiskLevel(Principal admin, String code, JsonObject body) {
    if (!RegionCodes.isCounty(code)) {
      throw ApiException.invalidField("INVALID_COUNTY_CODE", "code");
    }
    RiskLevel level = RiskLevel.valueOf(body.getString("level"));
    Instant effectiveFrom = body.getString("effectiveFrom") == null ? clock.instant()
      : InputBounds.near(InputBounds.instant(body.getString("effectiveFrom"), "effectiveFrom"), clock.instant(), LEVEL_REACH,
        "effectiveFrom");
    String reason = body.getString("reason").trim();
    return record(admin.accountId(), admin.role().name(), code, level, effectiveFrom, reason)
      .compose(v -> effectiveFrom.isAfter(clock.instant())
        ? Future.succeededFuture(0)
        : recomputeVisitors(List.of(code), "risk level of " + code + " set to " + level))
      .map(recomputed -> new JsonObject()
        .put("code", code)
        .put("level", level.name())
        .put("effectiveFrom", effectiveFrom.toString())
        .put("reason", reason)
        .put("coloursChanged", recomputed));
  }

  public Future<Boolean> hasRiskLevel(String code) {
    return pool.preparedQuery("select 1 from county_risk_levels where county_code = $1 limit 1").execute(Tuple.of(code))
      .map(rows -> rows.size() > 0);
  }

  /** Stores a level change and its audit row in one transaction. */
  public Future<Void> record(UUID actorId, String actorRole, String code, RiskLevel level, Instant effectiveFrom, String reason) {
    OffsetDateTime at = OffsetDateTime.ofInstant(effectiveFrom, ZoneOffset.UTC);
    return pool.withTransaction(tx -> tx.preparedQuery("insert into county_risk_levels "
          + "(county_code, level, effective_from, reason, set_by, set_at) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(code, level.name(), at, reason, actorId, now()))
        .compose(v -> audit.append(tx, new AuditEntry(actorId, actorRole, "county.risk_level_set", "county", code, reason,
          new JsonObject().put("level", level.name()).put("effectiveFrom", effectiveFrom.toString())))));
  }

  /** Recomputes everyone who visited one of these counties recently; returns how many changed colour. */
  public Future<Integer> recomputeVisitors(List<String> codes, String cause) {
    LocalDate since = LocalDate.ofInstant(clock.instant(), zone).minusDays(AFFECTED_VISIT_DAYS);
    return pool.preparedQuery("select distinct c.account_id from check_in_visits v "
        + "join check_ins c on c.account_id = v.account_id and c.id = v.check_in_id "
        + "where v.county_code = any($1) and v.visited_on >= $2")
      .execute(Tuple.of(codes.toArray(new String[0]), since))
      .compose(rows -> {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("account_id")));
        return colours.refreshAll(ids, cause);
      });
  }

  /** Codes of counties whose level took effect in (after, until]: their visitors need recomputing. */
  public Future<List<String>> levelsEffectiveBetween(Instant after, Instant until) {
    return pool.preparedQuery("select distinct county_code from county_risk_levels where effective_from > $1 and effective_from <= $2")
      .execute(Tuple.of(OffsetDateTime.ofInstant(after, ZoneOffset.UTC), OffsetDateTime.ofInstant(until, ZoneOffset.UTC)))
      .map(rows -> {
        List<String> codes = new ArrayList<>();
        rows.forEach(row -> codes.add(row.getString("county_code")));
        return codes;
      });
  }

  public static Future<Map<String, String>> names(SqlClient client, List<String> codes) {
    if (codes.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return client.preparedQuery("select code, name from counties where code = any($1)")
      .execute(Tuple.of(codes.toArray(new String[0])))
      .map(rows -> {
        Map<String, String> names = new HashMap<>();
        rows.forEach(row -> names.put(row.getString("code"), row.getString("name")));
        return names;
      });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
