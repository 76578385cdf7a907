package io.tongxing.server.pass;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.corridor.Corridors;
import io.tongxing.server.http.Principal;
import io.tongxing.token.PassModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.tongxing.server.db.ConstraintNames;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pass applications: an enterprise applies for one of its employees (a resident of this region) on a
 * corridor it has been admitted to; the employee, the enterprise and the reviewers follow its state,
 * and, while it waits, which of its model's requirements are met.
 */
public final class Applications {

  static final String VIEW = "select a.id, a.state, a.employee_id, a.resident_id, a.enterprise_id, a.vehicle_plate, a.note, "
    + "a.submitted_at, a.decided_at, a.decision_reason, c.id as corridor_id, c.name_zh, c.name_en, c.model, c.regions, "
    + "c.validity_days, en.name as enterprise_name, en.credit_code, e.name as employee_name, e.id_masked, "
    + "p.id as pass_id, p.expires_at as pass_expires_at, t.status as pass_status, t.status_reason as pass_status_reason, "
    + "r.at as pass_revoked_at, r.cause as pass_revoked_cause, r.reason as pass_revoked_reason "
    + "from pass_applications a join corridors c on c.id = a.corridor_id "
    + "join enterprises en on en.account_id = a.enterprise_id join employees e on e.id = a.employee_id "
    + "left join passes p on p.application_id = a.id "
    + "left join issued_tokens t on t.account_id = p.account_id and t.list_id = p.list_id and t.idx = p.idx "
    // the revocation of a revoked pass: when, why, in whose words (shown where "valid until" would mislead).
    // A pass is revoked at most once (revocation is final), so this joins one event or none; a plain join
    // on the account, because Citus refuses a lateral outer join here.
    + "left join pass_events r on r.account_id = p.account_id and r.pass_id = p.id and r.event = 'REVOKED' ";

  private final Pool pool;
  private final Requirements requirements;
  private final AuditLog audit;
  private final Clock clock;

  public Applications(Pool pool, Requirements requirements, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.requirements = requirements;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<JsonObject> submit(Principal enterprise, JsonObject body) {
    UUID employee = UUID.fromString(body.getString("employeeId"));
    String corridorId = body.getString("corridorId");
    String rawPlate = body.getString("vehiclePlate");
    String plate = rawPlate == null ? null : VehiclePlates.parse(rawPlate)
      .orElseThrow(() -> Refusal.invalid("INVALID_VEHICLE_PLATE", "vehiclePlate"));
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> Corridors.find(tx, corridorId)
      .compose(corridor -> {
        PassModel model = PassModel.valueOf(corridor.getString("model"));
        if (model == PassModel.FREIGHT_VEHICLE && plate == null) {
          return Future.failedFuture(Refusal.invalid("VEHICLE_PLATE_REQUIRED", "vehiclePlate"));
        }
        if (model != PassModel.FREIGHT_VEHICLE && plate != null) {
          return Future.failedFuture(Refusal.invalid("VEHICLE_PLATE_NOT_ALLOWED", "vehiclePlate"));
        }
        return tx.preparedQuery("select exists (select 1 from corridor_enterprises where corridor_id = $1 and enterprise_id = $2) "
            + "as admitted, e.resident_id as resident, e.home_region, e.id is not null as employed "
            + "from (select 1) one left join employees e on e.id = $3 and e.enterprise_id = $2 and e.ended_at is null")
          .execute(Tuple.of(corridorId, enterprise.accountId(), employee));
      })
      .compose(rows -> {
        Row found = rows.iterator().next();
        if (!found.getBoolean("admitted")) {
          return Future.failedFuture(Refusal.conflict("ENTERPRISE_NOT_IN_CORRIDOR", "corridorId"));
        }
        if (!found.getBoolean("employed")) {
          return Future.failedFuture(Refusal.conflict("NOT_AN_EMPLOYEE", "employeeId"));
        }
        if (found.getString("home_region") != null) {
          return Future.failedFuture(Refusal.conflict("EMPLOYEE_NOT_RESIDENT", "employeeId"));
        }
        // Not linked: nobody registered with this name and ID number, or they refused the enterprise —
        // one answer for both, and for an enterprise that already gave the name and number itself.
        UUID resident = found.getUUID("resident");
        if (resident == null) {
          return Future.failedFuture(Refusal.conflict("EMPLOYEE_NOT_CONFIRMED", "employeeId"));
        }
        return tx.preparedQuery("insert into pass_applications (id, enterprise_id, employee_id, resident_id, corridor_id, "
            + "vehicle_plate, note, state, submitted_at) values ($1, $2, $3, $4, $5, $6, $7, 'SUBMITTED', $8)")
          .execute(Tuple.from(new Object[] {id, enterprise.accountId(), employee, resident, corridorId, plate,
            body.getString("note"), now()}))
          .recover(failure -> Future.failedFuture(isOpenApplication(failure)
            ? Refusal.conflict("APPLICATION_PENDING", "employeeId") : failure))
          .compose(v -> audit.append(tx, AuditEntry.by(enterprise, "application.submitted", "application", id.toString(),
            "applied for a pass", new JsonObject().put("corridorId", corridorId).put("employeeId", employee.toString()))));
      })
      .compose(v -> view(tx, id, true)));
  }

  public Future<JsonArray> ofEnterprise(Principal enterprise, String state, int limit) {
    return list("where a.enterprise_id = $1 and ($2::text is null or a.state = $2) order by a.submitted_at desc, a.id limit $3",
      Tuple.of(enterprise.accountId(), state, limit), false);
  }

  public Future<JsonObject> oneOfEnterprise(Principal enterprise, UUID id) {
    return pool.preparedQuery(VIEW + "where a.id = $1 and a.enterprise_id = $2").execute(Tuple.of(id, enterprise.accountId()))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("APPLICATION_NOT_FOUND", "applicationId"))
        : withRequirements(pool, rows.iterator().next()));
  }

  /** The applications about the resident, newest first, each with its requirements while it waits. */
  public Future<JsonArray> ofResident(Principal resident) {
    return list("where a.resident_id = $1 order by a.submitted_at desc, a.id limit 200", Tuple.of(resident.accountId()), true);
  }

  public Future<JsonArray> forReview(String state, int limit) {
    return list("where a.state = $1 order by a.submitted_at, a.id limit $2", Tuple.of(state, limit), false);
  }

  public Future<JsonObject> oneForReview(UUID id) {
    return view(pool, id, true);
  }

  /** The reviewer refuses the application, saying why. */
  public Future<JsonObject> reject(Principal reviewer, UUID id, String reason) {
    return pool.withTransaction(tx -> pending(tx, id)
      .compose(v -> tx.preparedQuery("update pass_applications set state = 'REJECTED', decided_at = $2, decided_by = $3, "
          + "decision_reason = $4 where id = $1").execute(Tuple.of(id, now(), reviewer.accountId(), reason)))
      .compose(v -> audit.append(tx, AuditEntry.by(reviewer, "application.rejected", "application", id.toString(), reason,
        new JsonObject())))
      .compose(v -> view(tx, id, false)));
  }

  /** Locks a waiting application for a decision: 404 if there is none, 409 if it was decided already. */
  static Future<Row> pending(SqlClient tx, UUID id) {
    return tx.preparedQuery("select a.id, a.state, a.employee_id, a.resident_id, a.enterprise_id, a.corridor_id, "
        + "a.vehicle_plate, c.model, c.regions, c.validity_days from pass_applications a join corridors c on c.id = a.corridor_id "
        + "where a.id = $1 for update of a")
      .execute(Tuple.of(id))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("APPLICATION_NOT_FOUND", "applicationId"));
        }
        Row row = rows.iterator().next();
        return "SUBMITTED".equals(row.getString("state")) ? Future.succeededFuture(row)
          : Future.failedFuture(Refusal.conflict("APPLICATION_NOT_PENDING", "applicationId", row.getString("state")));
      });
  }

  Future<JsonObject> view(SqlClient client, UUID id, boolean withRequirements) {
    return client.preparedQuery(VIEW + "where a.id = $1").execute(Tuple.of(id))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("APPLICATION_NOT_FOUND", "applicationId"));
        }
        Row row = rows.iterator().next();
        return withRequirements ? withRequirements(client, row) : Future.succeededFuture(json(row, clock.instant()));
      });
  }

  private Future<JsonArray> list(String condition, Tuple parameters, boolean withRequirements) {
    return pool.preparedQuery(VIEW + condition).execute(parameters).compose(rows -> {
      List<Row> found = new ArrayList<>();
      rows.forEach(found::add);
      Future<JsonArray> chain = Future.succeededFuture(new JsonArray());
      for (Row row : found) {
        chain = chain.compose(list -> (withRequirements ? withRequirements(pool, row)
          : Future.succeededFuture(json(row, clock.instant()))).map(list::add));
      }
      return chain;
    });
  }

  private Future<JsonObject> withRequirements(SqlClient client, Row row) {
    JsonObject json = json(row, clock.instant());
    if (!"SUBMITTED".equals(row.getString("state"))) {
      return Future.succeededFuture(json);
    }
    return requirements.evaluate(client, subject(row)).map(checks -> {
      JsonArray list = new JsonArray();
      List<String> missing = new ArrayList<>();
      for (Requirements.Check check : checks) {
        list.add(check.toJson());
        if (!check.met()) {
          missing.add(check.requirement().name());
        }
      }
      return json.put("requirements", list).put("missing", new JsonArray(missing));
    });
  }

  static Requirements.Subject subject(Row row) {
    return new Requirements.Subject(row.getUUID("employee_id"), row.getUUID("resident_id"),
      PassModel.valueOf(row.getString("model")), row.getString("vehicle_plate"));
  }

  static JsonObject json(Row row, Instant now) {
    PassModel model = PassModel.valueOf(row.getString("model"));
    JsonObject json = new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("state", row.getString("state"))
      .put("corridor", new JsonObject()
        .put("id", row.getString("corridor_id"))
        .put("nameZh", row.getString("name_zh"))
        .put("nameEn", row.getString("name_en"))
        .put("model", model.name())
        .put("modelCode", model.code())
        .put("regions", new JsonArray(List.of((Object[]) row.getArrayOfStrings("regions")))))
      .put("enterprise", new JsonObject().put("name", row.getString("enterprise_name")).put("creditCode", row.getString("credit_code")))
      .put("employee", new JsonObject()
        .put("id", row.getUUID("employee_id").toString())
        .put("name", row.getString("employee_name"))
        .put("maskedIdNumber", row.getString("id_masked")))
      .put("vehiclePlate", row.getString("vehicle_plate"))
      .put("note", row.getString("note"))
      .put("submittedAt", row.getOffsetDateTime("submitted_at").toInstant().toString());
    if (row.getOffsetDateTime("decided_at") != null) {
      json.put("decidedAt", row.getOffsetDateTime("decided_at").toInstant().toString())
        .put("decisionReason", row.getString("decision_reason"));
    }
    if (row.getUUID("pass_id") != null) {
      Instant expires = row.getOffsetDateTime("pass_expires_at").toInstant();
      JsonObject pass = new JsonObject()
        .put("id", row.getUUID("pass_id").toString())
        .put("state", PassState.of(row.getShort("pass_status"), row.getString("pass_status_reason"), expires, now).name())
        .put("expiresAt", expires.toString());
      if (row.getOffsetDateTime("pass_revoked_at") != null) {
        pass.put("revokedAt", row.getOffsetDateTime("pass_revoked_at").toInstant().toString())
          .put("revokedCause", row.getString("pass_revoked_cause"))
          .put("revokedReason", row.getString("pass_revoked_reason"));
      }
      json.put("pass", pass);
    }
    return json;
  }

  private static boolean isOpenApplication(Throwable failure) {
    return failure instanceof PgException && "23505".equals(((PgException) failure).getSqlState())
      && ConstraintNames.violated(failure, "pass_applications_one_open");
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
