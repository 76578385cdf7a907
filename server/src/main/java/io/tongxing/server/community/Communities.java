package io.tongxing.server.community;

import io.tongxing.identity.RegionCodes;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.pass.PassCause;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.Refusal;
import io.tongxing.server.proof.Proofs;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Residential communities of the region: admins create them and assign each community-staff
 * account to one; residents say which one they live in. Staff issue permits only to residents of
 * their own community, and a resident who moves loses the permits of the old one.
 */
public final class Communities {

  private final Pool pool;
  private final AuditLog audit;
  private final Proofs proofs;
  private final PassConfig config;
  private final Clock clock;

  public Communities(Pool pool, AuditLog audit, Proofs proofs, PassConfig config, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.proofs = proofs;
    this.config = config;
    this.clock = clock;
  }

  public Future<JsonObject> create(Principal admin, JsonObject body) {
    String code = body.getString("code");
    String county = code.substring(0, 6);
    if (!RegionCodes.isCounty(county) || !RegionCode.of(county).overlaps(config.region())) {
      throw Refusal.invalid("COMMUNITY_OUTSIDE_REGION", "code", config.region().value());
    }
    String name = body.getString("name").trim();
    return pool.withTransaction(tx -> tx.preparedQuery("insert into communities (code, name, created_at) values ($1, $2, $3) "
        + "on conflict (code) do nothing")
      .execute(Tuple.of(code, name, now()))
      .compose(inserted -> inserted.rowCount() == 0
        ? Future.failedFuture(Refusal.conflict("COMMUNITY_EXISTS", "code"))
        : audit.append(tx, AuditEntry.by(admin, "community.created", "community", code,
          body.getString("reason", "community created"), new JsonObject().put("name", name))))
      .map(v -> new JsonObject().put("code", code).put("name", name)));
  }

  public Future<JsonArray> list() {
    return pool.query("select code, name from communities order by code").execute().map(rows -> {
      JsonArray communities = new JsonArray();
      rows.forEach(row -> communities.add(new JsonObject().put("code", row.getString("code")).put("name", row.getString("name"))));
      return communities;
    });
  }

  /** Assigns a community-staff account to a community (replacing an earlier assignment). */
  public Future<JsonObject> assignStaff(Principal admin, UUID staffId, JsonObject body) {
    String code = body.getString("communityCode");
    return pool.withTransaction(tx -> tx.preparedQuery("select role from accounts where id = $1").execute(Tuple.of(staffId))
      .compose(rows -> rows.size() == 0 || !Role.COMMUNITY_STAFF.name().equals(rows.iterator().next().getString("role"))
        ? Future.failedFuture(Refusal.notFound("STAFF_NOT_FOUND", "accountId"))
        : community(tx, code, "communityCode"))
      .compose(community -> tx.preparedQuery("insert into staff_communities (account_id, community_code, assigned_at) "
          + "values ($1, $2, $3) on conflict (account_id) do update set community_code = excluded.community_code, "
          + "assigned_at = excluded.assigned_at")
        .execute(Tuple.of(staffId, code, now()))
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "staff.community-assigned", "account", staffId.toString(),
          body.getString("reason", "community assignment"), new JsonObject().put("communityCode", code))))
        .map(v -> new JsonObject().put("accountId", staffId.toString()).put("community", community))));
  }

  /**
   * The resident says where they live. Permits from any other community end: their issuers vouched
   * for a neighbour who has moved away (and passes resting on them are revoked with them).
   */
  public Future<JsonObject> declare(Principal resident, JsonObject body) {
    String code = body.getString("communityCode");
    return pool.withTransaction(tx -> community(tx, code, "communityCode")
      .compose(community -> tx.preparedQuery("insert into resident_communities (account_id, community_code, declared_at) "
          + "values ($1, $2, $3) on conflict (account_id) do update set community_code = excluded.community_code, "
          + "declared_at = excluded.declared_at")
        .execute(Tuple.of(resident.accountId(), code, now()))
        .compose(v -> audit.append(tx, AuditEntry.by(resident, "resident.community-declared", "person",
          resident.accountId().toString(), "declared by the resident", new JsonObject().put("communityCode", code))))
        .compose(v -> revokeOtherPermits(tx, resident, code))
        .map(revoked -> community.put("permitsRevoked", revoked))));
  }

  /** The community the resident declared, or null. */
  public Future<JsonObject> ofResident(UUID resident) {
    return pool.preparedQuery("select c.code, c.name from resident_communities r join communities c on c.code = r.community_code "
        + "where r.account_id = $1").execute(Tuple.of(resident))
      .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
  }

  /**
   * The caller's community: the one a resident declared (404 {@code COMMUNITY_NOT_DECLARED} before they
   * do), or the one community staff serve (409 {@code STAFF_WITHOUT_COMMUNITY} until an admin assigns one).
   */
  public Future<JsonObject> ofCaller(Principal caller) {
    if (caller.role() == Role.COMMUNITY_STAFF) {
      return ofStaff(pool, caller.accountId());
    }
    return ofResident(caller.accountId()).compose(community -> community == null
      ? Future.failedFuture(Refusal.notFound("COMMUNITY_NOT_DECLARED", "communityCode"))
      : Future.succeededFuture(community));
  }

  /** The community {@code staff} works for, or a 409 if an admin has not assigned one. */
  public static Future<JsonObject> ofStaff(SqlClient client, UUID staff) {
    return client.preparedQuery("select c.code, c.name from staff_communities s join communities c on c.code = s.community_code "
        + "where s.account_id = $1").execute(Tuple.of(staff))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.conflict("STAFF_WITHOUT_COMMUNITY", "community"))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private Future<Integer> revokeOtherPermits(SqlConnection tx, Principal resident, String code) {
    return tx.preparedQuery("select id from pass_proofs where resident_id = $1 and kind = 'COMMUNITY_PERMIT' "
        + "and revoked_at is null and community_code <> $2")
      .execute(Tuple.of(resident.accountId(), code))
      .compose(rows -> {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("id")));
        Future<Integer> chain = Future.succeededFuture(0);
        for (UUID id : ids) {
          chain = chain.compose(n -> proofs.revokeIn(tx, resident, id, "moved to another community",
            PassCause.COMMUNITY_PERMIT_REVOKED).map(n + 1));
        }
        return chain;
      });
  }

  private static Future<JsonObject> community(SqlClient client, String code, String field) {
    return client.preparedQuery("select code, name from communities where code = $1").execute(Tuple.of(code))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("COMMUNITY_NOT_FOUND", field))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private static JsonObject json(Row row) {
    return new JsonObject().put("code", row.getString("code")).put("name", row.getString("name"));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
