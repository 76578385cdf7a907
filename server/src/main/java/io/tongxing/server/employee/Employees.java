package io.tongxing.server.employee;

import io.tongxing.server.account.Accounts;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.LookupBudget;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.IdNumbers;
import io.tongxing.server.pass.PassCause;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.PassTransitions;
import io.tongxing.server.pass.Refusal;
import io.tongxing.server.proof.ProofKind;
import io.tongxing.server.proof.Proofs;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An enterprise's employees, one at a time: a resident of this region, or — with a home region given —
 * a partner-region worker whose record the enterprise keeps. Neither stores the number itself, only
 * its keyed hash and masked form. A resident-kind listing is linked to the resident only when name and
 * ID number both match their registration ({@link ResidentLinks}); the enterprise is answered the
 * same either way, and each listing spends one of its lookups ({@link LookupBudget}).
 */
public final class Employees {

  static final String COLUMNS = "id, name, id_masked, resident_id, home_region, added_at, import_id, ended_at, ended_reason";

  private final Pool pool;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Proofs proofs;
  private final PassTransitions transitions;
  private final PassConfig config;
  private final LookupBudget lookups;
  private final Clock clock;

  public Employees(Pool pool, FieldCipher cipher, AuditLog audit, Proofs proofs, PassTransitions transitions,
                   PassConfig config, LookupBudget lookups, Clock clock) {
    this.pool = pool;
    this.lookups = lookups;
    this.cipher = cipher;
    this.audit = audit;
    this.proofs = proofs;
    this.transitions = transitions;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Lists an employee: the name and ID number together, as the enterprise knows them, with a home
   * region for a partner-region worker. The answer is the same whether or not a resident has that ID
   * number and name ({@link ResidentLinks}); it spends one of the enterprise's lookups.
   */
  public Future<JsonObject> add(Principal enterprise, JsonObject body) {
    String name = body.getString("name").strip();
    String idNumber = IdNumbers.checked(body.getString("idNumber"), LocalDate.ofInstant(clock.instant(), config.zone()),
      "idNumber");
    String homeRegion = body.getString("homeRegion");
    if (homeRegion != null && !EmployeeLine.isPartnerRegion(homeRegion, config.region())) {
      throw Refusal.invalid("INVALID_HOME_REGION", "homeRegion");
    }
    byte[] hash = cipher.lookupHash(Accounts.ID_NUMBER, idNumber);
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(tx -> tx.preparedQuery("select id, ended_at from employees where enterprise_id = $1 "
          + "and id_number_hash = $2")
      .execute(Tuple.of(enterprise.accountId(), Buffer.buffer(hash)))
      .compose(listed -> ListingMatches.of(tx, enterprise.accountId(), hash).compose(holder -> {
        Row found = listed.size() == 0 ? null : listed.iterator().next();
        UUID existing = found == null ? null : found.getUUID("id");
        if (existing != null && found.getOffsetDateTime("ended_at") == null) {
          return Future.failedFuture(Refusal.conflict("EMPLOYEE_EXISTS", "idNumber"));
        }
        UUID resident = homeRegion == null ? ListingMatches.linkable(holder, name) : null;
        UUID id = existing == null ? UUID.randomUUID() : existing;
        // The lookup counts where it decides something: a listing's link (an enterprise's own data, above, does not).
        Future<?> write = lookups.spend(enterprise.accountId(), 1).compose(spent -> existing == null
          ? tx.preparedQuery("insert into employees (id, enterprise_id, name, id_number_hash, id_masked, resident_id, "
              + "home_region, added_at) values ($1, $2, $3, $4, $5, $6, $7, $8)")
            .execute(Tuple.from(new Object[] {id, enterprise.accountId(), name, Buffer.buffer(hash),
              ResidentIdNumbers.mask(idNumber), resident, homeRegion, now}))
          // Someone who left and is employed again: the same record, active again, linked anew.
          : tx.preparedQuery("update employees set ended_at = null, ended_reason = null, name = $2, added_at = $3, "
              + "import_id = null, import_row = null, resident_id = $4, home_region = $5 where id = $1")
            .execute(Tuple.of(id, name, now, resident, homeRegion)));
        return write
          .compose(v -> audit.append(tx, AuditEntry.by(enterprise, "employee.added", "employee", id.toString(),
            existing == null ? "added by the enterprise" : "employed again", new JsonObject()
              .put("kind", homeRegion == null ? "RESIDENT" : "PARTNER_WORKER").put("linked", resident != null))))
          .compose(v -> find(tx, enterprise, id));
      })));
  }

  /**
   * Changes what may change of an employee the enterprise holds: the name, and a partner-region
   * worker's home region. The ID number never changes: it is the employee's identity (only its keyed
   * hash is kept), so a different number is a different person, added as such. Setting the values an
   * employee already has writes nothing and audits nothing.
   */
  public Future<JsonObject> update(Principal enterprise, UUID employee, JsonObject body) {
    String name = body.getString("name").strip();
    String homeRegion = body.getString("homeRegion");
    if (homeRegion != null && !EmployeeLine.isPartnerRegion(homeRegion, config.region())) {
      throw Refusal.invalid("INVALID_HOME_REGION", "homeRegion");
    }
    return pool.withTransaction(tx -> tx.preparedQuery("select name, id_number_hash, resident_id, home_region, ended_at "
          + "from employees where id = $1 and enterprise_id = $2 for update")
      .execute(Tuple.of(employee, enterprise.accountId()))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("EMPLOYEE_NOT_FOUND", "employeeId"));
        }
        Row row = rows.iterator().next();
        if (row.getOffsetDateTime("ended_at") != null) {
          return Future.failedFuture(Refusal.conflict("NOT_AN_EMPLOYEE", "employeeId"));
        }
        // What kind of employee this is was the enterprise's own statement, never the result of a lookup.
        if (homeRegion != null && row.getString("home_region") == null) {
          return Future.failedFuture(Refusal.invalid("HOME_REGION_NOT_ALLOWED", "homeRegion"));
        }
        JsonArray changed = new JsonArray();
        if (!name.equals(row.getString("name"))) {
          changed.add("name");
        }
        String region = homeRegion == null ? row.getString("home_region") : homeRegion;
        if (homeRegion != null && !homeRegion.equals(row.getString("home_region"))) {
          changed.add("homeRegion");
        }
        if (changed.isEmpty()) {
          return find(tx, enterprise, employee);
        }
        UUID linked = row.getUUID("resident_id");
        String reason = body.getString("reason", "changed by the enterprise");
        Future<UUID> linking = region == null
          ? ListingMatches.of(tx, enterprise.accountId(), row.getBuffer("id_number_hash").getBytes())
            .map(holder -> ListingMatches.linkable(holder, name))
          : Future.succeededFuture(null);
        return linking.compose(resident -> lookups.spend(enterprise.accountId(), 1)
          .compose(spent -> tx.preparedQuery("update employees set name = $2, home_region = $3, resident_id = $4 where id = $1")
            .execute(Tuple.of(employee, name, region, resident)))
          .compose(v -> linked != null && !linked.equals(resident)
            ? unlinked(tx, employee, PassCause.EMPLOYER_LINK_ENDED, "the listing no longer names its resident: " + reason,
              PassTransitions.Actor.of(enterprise))
            : Future.succeededFuture())
          .compose(v -> audit.append(tx, AuditEntry.by(enterprise, "employee.updated", "employee", employee.toString(),
            reason, new JsonObject().put("changed", changed).put("linked", resident != null))))
          .compose(v -> find(tx, enterprise, employee)));
      }));
  }

  /**
   * A listing no longer links to the resident it did (they refused the enterprise, or the listing
   * changed): the passes issued on it are revoked and its waiting applications refused, in the
   * caller's transaction.
   */
  Future<Void> unlinked(SqlConnection tx, UUID employee, PassCause cause, String reason, PassTransitions.Actor actor) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return transitions.revokeOfEmployee(tx, employee, cause, reason, actor)
      .compose(v -> tx.preparedQuery("update pass_applications set state = 'REJECTED', decided_at = $2, decision_reason = $3 "
          + "where employee_id = $1 and state = 'SUBMITTED' returning id")
        .execute(Tuple.of(employee, now, reason)))
      .compose(refused -> {
        Future<Void> chain = Future.succeededFuture();
        for (Row application : refused) {
          chain = chain.compose(v -> audit.append(tx, new AuditEntry(actor.id(), actor.role(), "application.rejected",
            "application", application.getUUID("id").toString(), reason, new JsonObject().put("cause", cause.name()))));
        }
        return chain;
      });
  }

  /** The enterprise's employees in id order, {@code limit} after {@code after}. */
  public Future<JsonObject> list(Principal enterprise, UUID after, int limit) {
    return pool.preparedQuery("select " + COLUMNS + " from employees where enterprise_id = $1 and ($2::uuid is null or id > $2) "
        + "order by id limit $3")
      .execute(Tuple.of(enterprise.accountId(), after, limit))
      .map(rows -> {
        JsonArray employees = new JsonArray();
        rows.forEach(row -> employees.add(json(row)));
        return new JsonObject().put("employees", employees).put("next", employees.size() < limit ? null
          : employees.getJsonObject(employees.size() - 1).getString("id"));
      });
  }

  /**
   * The employment ended: every pass issued for the employee is revoked, and their letters and
   * commitments end with it.
   */
  public Future<JsonObject> end(Principal enterprise, UUID employee, String reason) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(tx -> tx.preparedQuery("update employees set ended_at = $3, ended_reason = $4 "
          + "where id = $1 and enterprise_id = $2 and ended_at is null returning id")
      .execute(Tuple.of(employee, enterprise.accountId(), now, reason))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("EMPLOYEE_NOT_FOUND", "employeeId"))
        : audit.append(tx, AuditEntry.by(enterprise, "employee.ended", "employee", employee.toString(), reason, new JsonObject())))
      .compose(v -> transitions.revokeOfEmployee(tx, employee, reason, PassTransitions.Actor.of(enterprise)))
      .compose(v -> tx.preparedQuery("select id, kind from pass_proofs where employee_id = $1 and revoked_at is null")
        .execute(Tuple.of(employee)))
      .compose(documents -> {
        List<Row> open = new ArrayList<>();
        documents.forEach(open::add);
        Future<Void> chain = Future.succeededFuture();
        for (Row document : open) {
          PassCause cause = ProofKind.WORK_LETTER.name().equals(document.getString("kind"))
            ? PassCause.WORK_LETTER_ENDED : PassCause.ENTERPRISE_COMMITMENT_REVOKED;
          chain = chain.compose(v -> proofs.revokeIn(tx, enterprise, document.getUUID("id"), "employment ended: " + reason,
            cause).mapEmpty());
        }
        return chain;
      })
      .compose(v -> find(tx, enterprise, employee)));
  }

  private static Future<JsonObject> find(io.vertx.sqlclient.SqlClient client, Principal enterprise, UUID id) {
    return client.preparedQuery("select " + COLUMNS + " from employees where id = $1 and enterprise_id = $2")
      .execute(Tuple.of(id, enterprise.accountId()))
      .map(rows -> json(rows.iterator().next()));
  }

  static JsonObject json(Row row) {
    JsonObject json = new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("name", row.getString("name"))
      .put("maskedIdNumber", row.getString("id_masked"))
      // The kind the enterprise stated (a home region or none), never whether a resident matched.
      .put("kind", row.getString("home_region") == null ? "RESIDENT" : "PARTNER_WORKER")
      .put("homeRegion", row.getString("home_region"))
      .put("addedAt", row.getOffsetDateTime("added_at").toInstant().toString())
      .put("state", row.getOffsetDateTime("ended_at") == null ? "ACTIVE" : "ENDED");
    if (row.getUUID("import_id") != null) {
      json.put("importId", row.getUUID("import_id").toString());
    }
    if (row.getOffsetDateTime("ended_at") != null) {
      json.put("endedAt", row.getOffsetDateTime("ended_at").toInstant().toString()).put("endedReason", row.getString("ended_reason"));
    }
    return json;
  }
}
