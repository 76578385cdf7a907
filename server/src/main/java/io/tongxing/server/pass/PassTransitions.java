package io.tongxing.server.pass;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.Principal;
import io.tongxing.server.status.TokenStatuses;
import io.tongxing.status.TokenStatus;
import io.tongxing.token.StatusReference;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.UUID;

/**
 * Every change of a pass after its issue — suspended, restored, revoked, expired — made inside the
 * caller's transaction: the token's status (what checkpoints see at their next sync), the event the
 * resident sees with its cause, and the audit row, together or not at all.
 */
public final class PassTransitions {

  /** What happened to a pass. */
  public enum Event {
    ISSUED, SUSPENDED, RESTORED, REVOKED, EXPIRED
  }

  /** Who caused a transition: a person, or the system (colour changes, expiry). */
  public record Actor(UUID id, String role) {
    public static final Actor SYSTEM = new Actor(null, AuditEntry.SYSTEM);

    public static Actor of(Principal principal) {
      return principal == null ? SYSTEM : new Actor(principal.accountId(), principal.role().name());
    }
  }

  /** The event row and its audit row in one statement. */
  private static final String RECORD = "with event as (insert into pass_events (pass_id, account_id, at, event, status, cause, "
    + "reason, actor_id, actor_role) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)) " + AuditLog.insertSql(10);
  // A pass and its token row are the holder's: joined on the account too, so that on Citus the join stays on one shard.
  private static final String NOT_REVOKED = "select p.id, p.account_id, p.list_id, p.idx from passes p join issued_tokens t "
    + "on t.account_id = p.account_id and t.list_id = p.list_id and t.idx = p.idx where t.status <> 1 and ";

  private final TokenStatuses statuses;
  private final AuditLog audit;
  private final Clock clock;

  public PassTransitions(TokenStatuses statuses, AuditLog audit, Clock clock) {
    this.statuses = statuses;
    this.audit = audit;
    this.clock = clock;
  }

  /** Records an event of {@code pass} (its status already set) with its audit row. */
  public Future<Void> record(SqlClient tx, UUID pass, UUID holder, Event event, PassState state, PassCause cause, String reason, Actor actor,
                             JsonObject details) {
    Instant now = clock.instant();
    AuditEntry entry = new AuditEntry(actor.id(), actor.role(), "pass." + event.name().toLowerCase(Locale.ROOT), "pass",
      pass.toString(), reason == null ? cause.name() : cause.name() + ": " + reason, details.copy().put("cause", cause.name()));
    Tuple values = Tuple.from(new Object[] {pass, holder, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), event.name(), state.name(),
      cause.name(), reason, actor.id(), actor.role()});
    for (Object value : audit.values(entry)) {
      values.addValue(value);
    }
    return tx.preparedQuery(RECORD).execute(values).mapEmpty();
  }

  /** A pass issued to a holder whose code is not {@code GREEN}: suspended at once, as a colour change would have done. */
  public Future<Void> suspendAtIssue(SqlClient tx, UUID pass, UUID holder, StatusReference status, String colour) {
    return statuses.set(tx, holder, status.list(), (int) status.index(), TokenStatus.SUSPENDED,
        PassCause.HEALTH_CODE_NOT_GREEN.name() + ": " + colour, clock.instant())
      .compose(v -> record(tx, pass, holder, Event.SUSPENDED, PassState.SUSPENDED, PassCause.HEALTH_CODE_NOT_GREEN, colour,
        Actor.SYSTEM, new JsonObject().put("list", status.list()).put("index", status.index())));
  }

  /** Suspends the holder's valid, unexpired passes while their code is {@code colour}; returns how many. */
  public Future<Integer> suspendAll(SqlClient tx, UUID account, String colour) {
    return change(tx, account, TokenStatus.VALID, TokenStatus.SUSPENDED, Event.SUSPENDED, PassState.SUSPENDED,
      PassCause.HEALTH_CODE_NOT_GREEN, colour);
  }

  /** Restores the holder's suspended, unexpired passes now that their code is green; returns how many. */
  public Future<Integer> restoreAll(SqlClient tx, UUID account) {
    return change(tx, account, TokenStatus.SUSPENDED, TokenStatus.VALID, Event.RESTORED, PassState.VALID,
      PassCause.HEALTH_CODE_GREEN, "GREEN");
  }

  /** Revokes every pass that rests on {@code proof}; returns how many. */
  public Future<Integer> revokeResting(SqlClient tx, UUID proof, PassCause cause, String reason, Actor actor) {
    // The passes first, then their rows: on Citus the proofs' table is the coordinator's and the passes are the workers'.
    return tx.preparedQuery("select pass_id from pass_proofs_used where proof_id = $1").execute(Tuple.of(proof))
      .compose(rows -> {
        List<UUID> passes = new ArrayList<>();
        rows.forEach(row -> passes.add(row.getUUID("pass_id")));
        return passes.isEmpty() ? Future.succeededFuture(0) : revokeWhere(tx, "p.id = any($1)", passes.toArray(new UUID[0]), cause,
          reason, actor, Event.REVOKED, PassState.REVOKED);
      });
  }

  /** Revokes every pass issued for {@code employee} (the employment ended); returns how many. */
  public Future<Integer> revokeOfEmployee(SqlClient tx, UUID employee, String reason, Actor actor) {
    return revokeOfEmployee(tx, employee, PassCause.EMPLOYMENT_ENDED, reason, actor);
  }

  /** Revokes every pass issued for {@code employee}, for {@code cause}; returns how many. */
  public Future<Integer> revokeOfEmployee(SqlClient tx, UUID employee, PassCause cause, String reason, Actor actor) {
    return revokeWhere(tx, "p.employee_id = $1", employee, cause, reason, actor, Event.REVOKED, PassState.REVOKED);
  }

  /** Revokes one pass; returns whether it was not revoked before. */
  public Future<Boolean> revoke(SqlClient tx, UUID pass, PassCause cause, String reason, Actor actor) {
    return revokeWhere(tx, "p.id = $1", pass, cause, reason, actor, Event.REVOKED, PassState.REVOKED).map(n -> n > 0);
  }

  /** Marks passes past their expiry INVALID, at most {@code limit} of them; returns how many. */
  public Future<Integer> expire(SqlClient tx, int limit) {
    return revokeWhere(tx, "p.expires_at <= $1 order by p.expires_at limit " + limit,
      OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), PassCause.EXPIRED, null, Actor.SYSTEM, Event.EXPIRED,
      PassState.EXPIRED);
  }

  private Future<Integer> revokeWhere(SqlClient tx, String condition, Object parameter, PassCause cause, String reason,
                                      Actor actor, Event event, PassState state) {
    Instant now = clock.instant();
    String tokenReason = reason == null ? cause.name() : cause.name() + ": " + reason;
    return tx.preparedQuery(NOT_REVOKED + condition).execute(Tuple.of(parameter))
      .compose(rows -> each(rows, pass -> statuses.set(tx, pass.getUUID("account_id"), pass.getLong("list_id"), pass.getInteger("idx"), TokenStatus.INVALID,
          tokenReason, now)
        .compose(changed -> changed
          ? record(tx, pass.getUUID("id"), pass.getUUID("account_id"), event, state, cause, reason, actor, place(pass)).map(1)
          : Future.succeededFuture(0))));
  }

  private Future<Integer> change(SqlClient tx, UUID account, TokenStatus from, TokenStatus to, Event event, PassState state,
                                 PassCause cause, String colour) {
    Instant now = clock.instant();
    return tx.preparedQuery(NOT_REVOKED + "p.account_id = $1 and t.status = $2 and p.expires_at > $3")
      .execute(Tuple.of(account, (short) from.value(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
      .compose(rows -> each(rows, pass -> statuses.set(tx, pass.getUUID("account_id"), pass.getLong("list_id"), pass.getInteger("idx"), to,
          cause.name() + ": " + colour, now)
        .compose(changed -> changed
          ? record(tx, pass.getUUID("id"), pass.getUUID("account_id"), event, state, cause, colour, Actor.SYSTEM, place(pass)).map(1)
          : Future.succeededFuture(0))));
  }

  private static JsonObject place(Row pass) {
    return new JsonObject().put("list", pass.getLong("list_id")).put("index", pass.getInteger("idx"));
  }

  /** Runs {@code step} on each row in turn (one statement at a time on the transaction); sums the counts. */
  private static Future<Integer> each(Iterable<Row> rows, java.util.function.Function<Row, Future<Integer>> step) {
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    Future<Integer> chain = Future.succeededFuture(0);
    for (Row row : list) {
      chain = chain.compose(sum -> step.apply(row).map(n -> sum + n));
    }
    return chain;
  }
}
