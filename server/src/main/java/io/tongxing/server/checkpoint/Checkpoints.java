package io.tongxing.server.checkpoint;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.CheckpointPolicy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The region's checkpoints, each with its versioned policy and the officers bound to it. A policy
 * change is a new version; devices receive the highest at their next sync.
 */
public final class Checkpoints {

  private final Pool pool;
  private final AuditLog audit;
  private final RegionCode home;
  private final Clock clock;

  public Checkpoints(Pool pool, AuditLog audit, RegionCode home, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.home = home;
    this.clock = clock;
  }

  /** The policy in force at a checkpoint, with its version. */
  public record CurrentPolicy(String checkpointId, long version, CheckpointPolicy policy) {
  }

  public Future<JsonObject> register(Principal admin, JsonObject body) {
    String id = body.getString("id");
    RegionCode region = RegionCode.parse(body.getString("region"))
      .orElseThrow(() -> ApiException.invalidField("INVALID_REGION_CODE", "region"));
    if (!home.contains(region)) {
      throw ApiException.invalidField("CHECKPOINT_OUTSIDE_REGION", "region");
    }
    String corridor = trimmedOrNull(body.getString("corridorId"));
    CheckpointPolicy policy = PolicySettings.fromApi(body.getJsonObject("policy"), region, corridor);
    String reason = body.getString("reason").trim();
    OffsetDateTime now = now();
    return pool.withTransaction(tx -> tx.preparedQuery("insert into checkpoints (id, name_zh, name_en, region, corridor_id, "
          + "location, direction, created_at, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .execute(Tuple.from(new Object[] {id, body.getString("nameZh").trim(), body.getString("nameEn").trim(), region.value(),
          corridor, body.getString("location").trim(), body.getString("direction"), now, admin.accountId()}))
        .compose(v -> insertPolicy(tx, id, 1, policy, reason, admin, now))
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "checkpoint.registered", "checkpoint", id, reason,
          new JsonObject().put("region", region.value()).put("corridorId", corridor).put("policy", PolicySettings.toStored(policy))))))
      .compose(v -> view(id));
  }

  /** Every checkpoint with its policy version, officers and devices counted. */
  public Future<JsonArray> list() {
    // Counted as grouped tables, not a subquery per checkpoint: on Citus the devices are spread over the
    // workers and the officers are on the coordinator, which Citus joins with the checkpoints only so.
    return pool.query("with policies as (select checkpoint_id, max(version) as version from checkpoint_policies "
        + "group by checkpoint_id), "
        + "officers as (select checkpoint_id, count(*) as n from checkpoint_officers group by checkpoint_id), "
        + "active as (select checkpoint_id, count(*) as n from devices where disabled_at is null group by checkpoint_id) "
        + "select c.id, c.name_zh, c.name_en, c.region, c.corridor_id, c.location, c.direction, c.created_at, "
        + "p.version as policy_version, coalesce(o.n, 0) as officers, coalesce(d.n, 0) as devices from checkpoints c "
        + "left join policies p on p.checkpoint_id = c.id left join officers o on o.checkpoint_id = c.id "
        + "left join active d on d.checkpoint_id = c.id order by c.id").execute()
      .map(rows -> {
        JsonArray list = new JsonArray();
        for (Row row : rows) {
          list.add(describe(row).put("policyVersion", row.getInteger("policy_version"))
            .put("officerCount", row.getLong("officers")).put("activeDeviceCount", row.getLong("devices")));
        }
        return list;
      });
  }

  /** A checkpoint with its policy in force, its officers and its devices. */
  public Future<JsonObject> view(String id) {
    return pool.preparedQuery("select id, name_zh, name_en, region, corridor_id, location, direction, created_at "
        + "from checkpoints where id = $1").execute(Tuple.of(id))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(ApiException.notFound("CHECKPOINT_NOT_FOUND"));
        }
        JsonObject checkpoint = describe(rows.iterator().next());
        return policyView(pool, id)
          .compose(policy -> officers(id).map(officers -> checkpoint.put("policy", policy).put("officers", officers)))
          .compose(v -> devices(id).map(devices -> checkpoint.put("devices", devices)));
      });
  }

  /** Publishes the next policy version; devices receive it at their next sync. */
  public Future<JsonObject> setPolicy(Principal admin, String id, JsonObject body) {
    String reason = body.getString("reason").trim();
    OffsetDateTime now = now();
    return pool.withTransaction(tx -> tx.preparedQuery("select region, corridor_id from checkpoints where id = $1 for update")
        .execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("CHECKPOINT_NOT_FOUND"));
          }
          Row row = rows.iterator().next();
          CheckpointPolicy policy = PolicySettings.fromApi(body.getJsonObject("policy"), RegionCode.of(row.getString("region")),
            row.getString("corridor_id"));
          return tx.preparedQuery("select coalesce(max(version), 0) + 1 from checkpoint_policies where checkpoint_id = $1")
            .execute(Tuple.of(id))
            .compose(next -> {
              int version = next.iterator().next().getInteger(0);
              return insertPolicy(tx, id, version, policy, reason, admin, now)
                .compose(v -> audit.append(tx, AuditEntry.by(admin, "checkpoint.policy_changed", "checkpoint", id, reason,
                  new JsonObject().put("version", version).put("policy", PolicySettings.toStored(policy)))));
            });
        }))
      .compose(v -> policyView(pool, id));
  }

  /** The policy in force at {@code checkpointId}. */
  public Future<CurrentPolicy> current(SqlClient client, String checkpointId) {
    return client.preparedQuery("select version, policy from checkpoint_policies where checkpoint_id = $1 "
        + "order by version desc limit 1").execute(Tuple.of(checkpointId))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ApiException.notFound("CHECKPOINT_NOT_FOUND");
        }
        Row row = rows.iterator().next();
        return new CurrentPolicy(checkpointId, row.getInteger("version"), PolicySettings.fromStored(row.getJsonObject("policy")));
      });
  }

  /** Binds an officer to a checkpoint (idempotent); only OFFICER accounts can be bound. */
  public Future<JsonArray> bindOfficer(Principal admin, String id, UUID officerId, String reason) {
    return pool.withTransaction(tx -> requireCheckpoint(tx, id)
        .compose(v -> tx.preparedQuery("select role, disabled_at from accounts where id = $1").execute(Tuple.of(officerId)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("ACCOUNT_NOT_FOUND"));
          }
          if (!"OFFICER".equals(rows.iterator().next().getString("role"))) {
            return Future.failedFuture(ApiException.conflict("NOT_AN_OFFICER", "officerId"));
          }
          return tx.preparedQuery("insert into checkpoint_officers (checkpoint_id, officer_id, bound_at, bound_by) "
              + "values ($1, $2, $3, $4) on conflict do nothing")
            .execute(Tuple.of(id, officerId, now(), admin.accountId()));
        })
        .compose(inserted -> inserted.rowCount() == 0 ? Future.<Void>succeededFuture()
          : audit.append(tx, AuditEntry.by(admin, "checkpoint.officer_bound", "checkpoint", id, reason,
            new JsonObject().put("officerId", officerId.toString())))))
      .compose(v -> officers(id));
  }

  public Future<Void> unbindOfficer(Principal admin, String id, UUID officerId, String reason) {
    return pool.withTransaction(tx -> requireCheckpoint(tx, id)
      .compose(v -> tx.preparedQuery("delete from checkpoint_officers where checkpoint_id = $1 and officer_id = $2")
        .execute(Tuple.of(id, officerId)))
      .compose(deleted -> deleted.rowCount() == 0 ? Future.failedFuture(ApiException.notFound("OFFICER_NOT_BOUND"))
        : audit.append(tx, AuditEntry.by(admin, "checkpoint.officer_unbound", "checkpoint", id, reason,
          new JsonObject().put("officerId", officerId.toString())))));
  }

  /** True if the officer is bound to the checkpoint. */
  public Future<Boolean> isOfficerAt(SqlClient client, UUID officerId, String checkpointId) {
    return client.preparedQuery("select 1 from checkpoint_officers where checkpoint_id = $1 and officer_id = $2")
      .execute(Tuple.of(checkpointId, officerId)).map(rows -> rows.size() == 1);
  }

  /** The checkpoint's public description (what an enrolled device is told). */
  public Future<JsonObject> describe(SqlClient client, String id) {
    return client.preparedQuery("select id, name_zh, name_en, region, corridor_id, location, direction, created_at "
        + "from checkpoints where id = $1").execute(Tuple.of(id))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ApiException.notFound("CHECKPOINT_NOT_FOUND");
        }
        JsonObject checkpoint = describe(rows.iterator().next());
        checkpoint.remove("createdAt");
        return checkpoint;
      });
  }

  Future<Void> requireCheckpoint(SqlClient client, String id) {
    return client.preparedQuery("select 1 from checkpoints where id = $1").execute(Tuple.of(id))
      .compose(rows -> rows.size() == 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(ApiException.notFound("CHECKPOINT_NOT_FOUND")));
  }

  private Future<Void> insertPolicy(SqlClient tx, String id, int version, CheckpointPolicy policy, String reason,
                                    Principal admin, OffsetDateTime now) {
    return tx.preparedQuery("insert into checkpoint_policies (checkpoint_id, version, policy, reason, created_at, created_by) "
        + "values ($1, $2, $3, $4, $5, $6)")
      .execute(Tuple.of(id, version, PolicySettings.toStored(policy), reason, now, admin.accountId()))
      .mapEmpty();
  }

  private Future<JsonObject> policyView(SqlClient client, String id) {
    return client.preparedQuery("select version, policy, reason, created_at from checkpoint_policies where checkpoint_id = $1 "
        + "order by version desc limit 1").execute(Tuple.of(id))
      .map(rows -> {
        Row row = rows.iterator().next();
        return PolicySettings.toApi(PolicySettings.fromStored(row.getJsonObject("policy")))
          .put("version", row.getInteger("version"))
          .put("reason", row.getString("reason"))
          .put("changedAt", row.getOffsetDateTime("created_at").toInstant().toString());
      });
  }

  private Future<JsonArray> officers(String id) {
    return pool.preparedQuery("select a.id, a.username, a.display_name, o.bound_at from checkpoint_officers o "
        + "join accounts a on a.id = o.officer_id where o.checkpoint_id = $1 order by o.bound_at, a.username")
      .execute(Tuple.of(id))
      .map(rows -> {
        JsonArray officers = new JsonArray();
        for (Row row : rows) {
          officers.add(new JsonObject()
            .put("accountId", row.getUUID("id").toString())
            .put("username", row.getString("username"))
            .put("displayName", row.getString("display_name"))
            .put("boundAt", row.getOffsetDateTime("bound_at").toInstant().toString()));
        }
        return officers;
      });
  }

  private Future<JsonArray> devices(String id) {
    return pool.preparedQuery("select id, label, enrolled_at, enrolled_by, first_sequence, max_sequence, records_counted, "
        + "last_seen_at, last_upload_at, disabled_at, disabled_reason from devices where checkpoint_id = $1 order by enrolled_at")
      .execute(Tuple.of(id))
      .map(rows -> {
        JsonArray devices = new JsonArray();
        rows.forEach(row -> devices.add(Devices.describe(row)));
        return devices;
      });
  }

  private static JsonObject describe(Row row) {
    return new JsonObject()
      .put("id", row.getString("id"))
      .put("nameZh", row.getString("name_zh"))
      .put("nameEn", row.getString("name_en"))
      .put("region", row.getString("region"))
      .put("corridorId", row.getString("corridor_id"))
      .put("location", row.getString("location"))
      .put("direction", row.getString("direction"))
      .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static String trimmedOrNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
