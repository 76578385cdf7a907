package io.tongxing.server.employee;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.PassCause;
import io.tongxing.server.pass.PassTransitions;
import io.tongxing.server.pass.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The resident's side of being listed: which enterprises list them (the listings linked to them, by
 * name and ID number), refusing one — its listings no longer link to them, the passes issued on them
 * are revoked and its waiting applications refused, and none of its listings links to them again —
 * and taking a refusal back. The enterprise is not told of a refusal as such: its listing simply no
 * longer leads to a pass, as one that never matched.
 */
public final class ResidentEmployers {

  /** The enterprise as the resident sees it: its name is kept with it (V81), not read from its account on another worker. */
  private static final String ENTERPRISE = "en.name as enterprise_name, en.credit_code ";
  private static final String ENTERPRISE_JOIN = "join enterprises en on en.account_id = %s ";

  private final Pool pool;
  private final Employees employees;
  private final AuditLog audit;
  private final Clock clock;

  public ResidentEmployers(Pool pool, Employees employees, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.employees = employees;
    this.audit = audit;
    this.clock = clock;
  }

  /** The enterprises listing the resident, newest first, and the ones they refused. */
  public Future<JsonObject> mine(Principal resident) {
    return pool.preparedQuery("select e.id, e.enterprise_id, e.added_at, e.ended_at, " + ENTERPRISE + "from employees e "
        + ENTERPRISE_JOIN.formatted("e.enterprise_id") + "where e.resident_id = $1 "
        + "order by e.added_at desc, e.id limit 200")
      .execute(Tuple.of(resident.accountId()))
      .compose(listings -> pool.preparedQuery("select x.enterprise_id, x.refused_at, x.reason, " + ENTERPRISE
          + "from employer_refusals x " + ENTERPRISE_JOIN.formatted("x.enterprise_id")
          + "where x.resident_id = $1 order by x.refused_at desc")
        .execute(Tuple.of(resident.accountId()))
        .map(refusals -> {
          JsonArray employers = new JsonArray();
          for (Row row : listings) {
            employers.add(new JsonObject()
              .put("listingId", row.getUUID("id").toString())
              .put("enterprise", enterprise(row))
              .put("listedAt", row.getOffsetDateTime("added_at").toInstant().toString())
              .put("state", row.getOffsetDateTime("ended_at") == null ? "ACTIVE" : "ENDED"));
          }
          JsonArray refused = new JsonArray();
          for (Row row : refusals) {
            refused.add(refusal(row));
          }
          return new JsonObject().put("employers", employers).put("refused", refused);
        }));
  }

  /** The resident refuses the enterprise behind one of their listings; 404 for a listing not linked to them. */
  public Future<JsonObject> refuse(Principal resident, UUID listing, String reason) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    PassTransitions.Actor actor = PassTransitions.Actor.of(resident);
    return pool.withTransaction(tx -> tx.preparedQuery("select enterprise_id from employees where id = $1 and resident_id = $2")
      .execute(Tuple.of(listing, resident.accountId()))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("LISTING_NOT_FOUND", "listingId"));
        }
        UUID enterprise = rows.iterator().next().getUUID("enterprise_id");
        return tx.preparedQuery("insert into employer_refusals (resident_id, enterprise_id, refused_at, reason) "
            + "values ($1, $2, $3, $4) on conflict do nothing")
          .execute(Tuple.of(resident.accountId(), enterprise, now, reason))
          .compose(v -> tx.preparedQuery("update employees set resident_id = null where enterprise_id = $1 and resident_id = $2 "
            + "returning id").execute(Tuple.of(enterprise, resident.accountId())))
          .compose(unlinked -> {
            List<UUID> ids = new ArrayList<>();
            unlinked.forEach(row -> ids.add(row.getUUID("id")));
            Future<Void> chain = Future.succeededFuture();
            for (UUID id : ids) {
              chain = chain.compose(v -> employees.unlinked(tx, id, PassCause.EMPLOYER_LINK_ENDED, "refused by the resident",
                actor));
            }
            return chain.compose(v -> audit.append(tx, AuditEntry.by(resident, "employee.link_refused", "enterprise",
              enterprise.toString(), reason == null ? "refused by the resident" : reason,
              new JsonObject().put("listings", ids.size()))));
          })
          .compose(v -> refusalOf(tx, resident.accountId(), enterprise));
      }));
  }

  /** The resident takes a refusal back: the enterprise's listings that name them link to them again. */
  public Future<Void> withdraw(Principal resident, UUID enterprise) {
    return pool.withTransaction(tx -> tx.preparedQuery("delete from employer_refusals where resident_id = $1 "
          + "and enterprise_id = $2 returning refused_at")
      .execute(Tuple.of(resident.accountId(), enterprise))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("REFUSAL_NOT_FOUND", "enterpriseId"))
        : relink(tx, resident.accountId(), enterprise))
      .compose(relinked -> audit.append(tx, AuditEntry.by(resident, "employee.link_refusal_withdrawn", "enterprise",
        enterprise.toString(), "withdrawn by the resident", new JsonObject().put("listings", relinked)))));
  }

  /** The enterprise's active listings with the resident's ID number and name, linked again; how many. */
  private static Future<Integer> relink(SqlConnection tx, UUID resident, UUID enterprise) {
    return tx.preparedQuery("select a.display_name from accounts a where a.id = $1").execute(Tuple.of(resident))
      .compose(account -> tx.preparedQuery("select e.id, e.name from residents r join employees e on e.id_number_hash = "
          + "r.id_number_hash and e.enterprise_id = $2 where r.account_id = $1 and e.resident_id is null "
          + "and e.home_region is null and e.ended_at is null")
        .execute(Tuple.of(resident, enterprise))
        .compose(listings -> ResidentLinks.linkNamed(tx, resident, account.iterator().next().getString("display_name"), listings)));
  }

  private static Future<JsonObject> refusalOf(SqlConnection tx, UUID resident, UUID enterprise) {
    return tx.preparedQuery("select x.enterprise_id, x.refused_at, x.reason, " + ENTERPRISE + "from employer_refusals x "
        + ENTERPRISE_JOIN.formatted("x.enterprise_id") + "where x.resident_id = $1 and x.enterprise_id = $2")
      .execute(Tuple.of(resident, enterprise))
      .map(rows -> refusal(rows.iterator().next()));
  }

  private static JsonObject refusal(Row row) {
    return new JsonObject()
      .put("enterprise", enterprise(row))
      .put("refusedAt", row.getOffsetDateTime("refused_at").toInstant().toString())
      .put("reason", row.getString("reason"));
  }

  private static JsonObject enterprise(Row row) {
    return new JsonObject()
      .put("id", row.getUUID("enterprise_id").toString())
      .put("name", row.getString("enterprise_name"))
      .put("creditCode", row.getString("credit_code"));
  }
}
