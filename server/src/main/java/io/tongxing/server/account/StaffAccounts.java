package io.tongxing.server.account;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.Passwords;
import io.tongxing.server.auth.RefreshTokens;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/**
 * The staff accounts as the authority manages them: who they are, which community a community-staff
 * account serves and which checkpoints an officer is bound to; and a new password for one who forgot
 * theirs (their sessions end with it).
 */
public final class StaffAccounts {

  /**
   * The accounts with their community and checkpoints, joined as whole grouped tables rather than a
   * subquery per account: on Citus the accounts are spread over the workers and the staff's tables
   * are on the coordinator, which Citus joins only so.
   */
  private static final String VIEW = "with officers as (select officer_id, array_agg(checkpoint_id order by checkpoint_id) "
    + "as checkpoints from checkpoint_officers group by officer_id), "
    + "staff as (select s.account_id, c.code, c.name from staff_communities s join communities c on c.code = s.community_code) "
    + "select a.id, a.username, a.display_name, a.role, a.created_at, s.code, s.name, coalesce(o.checkpoints, '{}') as checkpoints "
    + "from accounts a left join staff s on s.account_id = a.id left join officers o on o.officer_id = a.id "
    + "where a.role in ('ADMIN', 'OFFICER', 'COMMUNITY_STAFF') ";

  private final Pool pool;
  private final Passwords passwords;
  private final RefreshTokens refreshTokens;
  private final AuditLog audit;

  public StaffAccounts(Pool pool, Passwords passwords, RefreshTokens refreshTokens, AuditLog audit) {
    this.pool = pool;
    this.passwords = passwords;
    this.refreshTokens = refreshTokens;
    this.audit = audit;
  }

  public Future<JsonArray> list() {
    return pool.query(VIEW + "order by a.role, a.username").execute().map(rows -> {
      JsonArray staff = new JsonArray();
      rows.forEach(row -> staff.add(json(row)));
      return staff;
    });
  }

  /** A new password chosen by an admin; every refresh token of the account is revoked with it. */
  public Future<JsonObject> setPassword(Principal admin, UUID accountId, JsonObject body) {
    return passwords.hash(body.getString("password"))
      .compose(hash -> pool.withTransaction(tx -> one(tx, accountId)
        .compose(member -> tx.preparedQuery("update accounts set password_hash = $2 where id = $1")
          .execute(Tuple.of(accountId, hash))
          .compose(v -> refreshTokens.revokeAll(tx, accountId))
          .compose(v -> audit.append(tx, AuditEntry.by(admin, "account.password_set", "account", accountId.toString(),
            body.getString("reason"), new JsonObject().put("username", member.getString("username")))))
          .map(member))));
  }

  private static Future<JsonObject> one(SqlClient client, UUID accountId) {
    return client.preparedQuery(VIEW + "and a.id = $1").execute(Tuple.of(accountId))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("STAFF_ACCOUNT_NOT_FOUND", "accountId"))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private static JsonObject json(Row row) {
    String code = row.getString("code");
    return new JsonObject()
      .put("accountId", row.getUUID("id").toString())
      .put("username", row.getString("username"))
      .put("displayName", row.getString("display_name"))
      .put("role", row.getString("role"))
      .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
      .put("community", code == null ? null : new JsonObject().put("code", code).put("name", row.getString("name")))
      .put("checkpoints", new JsonArray(List.of((Object[]) row.getArrayOfStrings("checkpoints"))));
  }
}
