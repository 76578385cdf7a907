package io.tongxing.server.corridor;

import io.tongxing.server.account.CreditCodes;
import io.tongxing.identity.RegionCodes;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.Refusal;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Corridors: the regions a pass joins (this region and partners), the checkpoints on them, the pass
 * model that decides which proofs an application needs, and how long a pass lasts. Admins define
 * them and admit the enterprises that may apply on them.
 */
public final class Corridors {

  private static final String COLUMNS = "c.id, c.name_zh, c.name_en, c.regions, c.model, c.validity_days, c.created_at, "
    + "coalesce((select array_agg(k.checkpoint_id order by k.checkpoint_id) from corridor_checkpoints k "
    + "where k.corridor_id = c.id), '{}') as checkpoints";

  private final Pool pool;
  private final AuditLog audit;
  private final PassConfig config;
  private final Clock clock;

  public Corridors(Pool pool, AuditLog audit, PassConfig config, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  public Future<JsonObject> create(Principal admin, JsonObject body) {
    String id = body.getString("id");
    PassModel model = PassModel.valueOf(body.getString("model"));
    int validityDays = body.getInteger("validityDays");
    if (validityDays > config.maxPassValidity().toDays()) {
      throw Refusal.invalid("PASS_VALIDITY_TOO_LONG", "validityDays", config.maxPassValidity().toDays());
    }
    List<String> regions = regions(body.getJsonArray("regions"));
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    String reason = body.getString("reason", "corridor defined");
    return pool.withTransaction(tx -> tx.preparedQuery("insert into corridors (id, name_zh, name_en, regions, model, "
          + "validity_days, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id) do nothing")
        .execute(Tuple.from(new Object[] {id, body.getString("nameZh").trim(), body.getString("nameEn").trim(),
          regions.toArray(new String[0]), model.name(), validityDays, admin.accountId(), now}))
        .compose(inserted -> {
          if (inserted.rowCount() == 0) {
            return Future.failedFuture(ApiException.conflict("CORRIDOR_EXISTS", "id"));
          }
          return audit.append(tx, AuditEntry.by(admin, "corridor.created", "corridor", id, reason, new JsonObject()
            .put("model", model.name()).put("regions", new JsonArray(regions)).put("validityDays", validityDays)));
        })
        .compose(v -> find(tx, id)));
  }

  public Future<JsonArray> list() {
    return pool.query("select " + COLUMNS + " from corridors c order by c.id").execute().map(Corridors::array);
  }

  public Future<JsonObject> get(String id) {
    return find(pool, id);
  }

  /** The corridors {@code enterprise} has been admitted to. */
  public Future<JsonArray> ofEnterprise(UUID enterprise) {
    return pool.preparedQuery("select " + COLUMNS + " from corridors c join corridor_enterprises m on m.corridor_id = c.id "
        + "where m.enterprise_id = $1 order by c.id")
      .execute(Tuple.of(enterprise))
      .map(Corridors::array);
  }

  /** Admits an enterprise (by its credit code) to a corridor; admitting it again changes nothing. */
  public Future<JsonObject> admit(Principal admin, String corridorId, JsonObject body) {
    String creditCode = CreditCodes.normalize(body.getString("creditCode"));
    String reason = body.getString("reason", "admitted to the corridor");
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(tx -> find(tx, corridorId)
      .compose(corridor -> tx.preparedQuery("select e.account_id, a.display_name from enterprises e "
          + "join accounts a on a.id = e.account_id where e.credit_code = $1").execute(Tuple.of(creditCode))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Refusal.notFound("ENTERPRISE_NOT_FOUND", "creditCode"));
          }
          Row enterprise = rows.iterator().next();
          UUID enterpriseId = enterprise.getUUID("account_id");
          JsonObject admitted = new JsonObject().put("corridorId", corridorId).put("enterpriseId", enterpriseId.toString())
            .put("creditCode", creditCode).put("name", enterprise.getString("display_name"));
          return tx.preparedQuery("insert into corridor_enterprises (corridor_id, enterprise_id, added_by, added_at) "
              + "values ($1, $2, $3, $4) on conflict do nothing")
            .execute(Tuple.of(corridorId, enterpriseId, admin.accountId(), now))
            .compose(inserted -> inserted.rowCount() == 0 ? Future.<Void>succeededFuture()
              : audit.append(tx, AuditEntry.by(admin, "corridor.enterprise-admitted", "corridor", corridorId, reason,
                new JsonObject().put("enterpriseId", enterpriseId.toString()).put("creditCode", creditCode))))
            .map(admitted);
        })));
  }

  /** The corridor, or a 404 naming {@code corridorId}. */
  public static Future<JsonObject> find(SqlClient client, String id) {
    return client.preparedQuery("select " + COLUMNS + " from corridors c where c.id = $1").execute(Tuple.of(id))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("CORRIDOR_NOT_FOUND", "corridorId"))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  static JsonObject json(Row row) {
    PassModel model = PassModel.valueOf(row.getString("model"));
    return new JsonObject()
      .put("id", row.getString("id"))
      .put("nameZh", row.getString("name_zh"))
      .put("nameEn", row.getString("name_en"))
      .put("regions", new JsonArray(List.of((Object[]) row.getArrayOfStrings("regions"))))
      .put("model", model.name())
      .put("modelCode", model.code())
      .put("validityDays", row.getInteger("validity_days"))
      .put("checkpoints", new JsonArray(List.of((Object[]) row.getArrayOfStrings("checkpoints"))))
      .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static JsonArray array(RowSet<Row> rows) {
    JsonArray corridors = new JsonArray();
    rows.forEach(row -> corridors.add(json(row)));
    return corridors;
  }

  /** Six-digit codes of known provinces, no repeats, and at least one overlapping this region. */
  private List<String> regions(JsonArray raw) {
    List<String> regions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean ours = false;
    for (int i = 0; i < raw.size(); i++) {
      String code = String.valueOf(raw.getValue(i));
      if (!RegionCodes.isRegion(code) || RegionCode.parse(code).isEmpty()) {
        throw ApiException.invalidField("INVALID_REGION_CODE", "regions[" + i + "]");
      }
      if (!seen.add(code)) {
        throw ApiException.invalidField("DUPLICATE_REGION", "regions[" + i + "]");
      }
      ours |= RegionCode.of(code).overlaps(config.region());
      regions.add(code);
    }
    if (!ours) {
      throw Refusal.invalid("CORRIDOR_OUTSIDE_REGION", "regions", config.region().value());
    }
    return regions;
  }
}
