package io.tongxing.server.colour;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.rules.Colour;
import io.tongxing.server.rules.ColourDecision;
import io.tongxing.server.rules.RulesEngine;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Recomputes a person's colour with the {@link RulesEngine} and records it: the current colour in
 * {@code colour_states}, each change in {@code colour_changes} and the audit log, the registered
 * {@link ColourChangeListener}s inside the same transaction, and — after commit — an event on the
 * event bus at {@link #COLOUR_CHANGED}.
 */
public final class ColourService {

  /** Event-bus address of committed colour changes (JSON of {@link ColourChange}). */
  public static final String COLOUR_CHANGED = "tongxing.colour.changed";

  private static final Logger LOG = LoggerFactory.getLogger(ColourService.class);

  private final Pool pool;
  private final RuleSets ruleSets;
  private final FactsRepository facts;
  private final AuditLog audit;
  private final List<ColourChangeListener> listeners;
  private final EventBus eventBus;
  private final Clock clock;
  private final ZoneId zone;

  public ColourService(Pool pool, RuleSets ruleSets, AuditLog audit, List<ColourChangeListener> listeners,
                       EventBus eventBus, Clock clock, ZoneId zone, int lookbackDays) {
    this.pool = pool;
    this.ruleSets = ruleSets;
    this.facts = new FactsRepository(zone, lookbackDays);
    this.audit = audit;
    this.listeners = List.copyOf(listeners);
    this.eventBus = eventBus;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Locks the person's row for the rest of the transaction, so recomputations of one person run one
   * after the other. Call it first in every transaction that changes a person's facts.
   */
  public Future<Void> lockPerson(SqlConnection tx, UUID accountId) {
    return tx.preparedQuery("select account_id from residents where account_id = $1 for no key update")
      .execute(Tuple.of(accountId))
      .compose(rows -> rows.size() == 1
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(ApiException.notFound("PERSON_NOT_FOUND")));
  }

  /** Recomputes inside the caller's transaction; publish the outcome with {@link #published} after commit. */
  public Future<ColourOutcome> refreshIn(SqlConnection tx, UUID accountId, String cause) {
    return lockPerson(tx, accountId).compose(v -> refreshLockedIn(tx, accountId, cause));
  }

  /** As {@link #refreshIn}, for a caller that has already called {@link #lockPerson} in this transaction. */
  public Future<ColourOutcome> refreshLockedIn(SqlConnection tx, UUID accountId, String cause) {
    return refreshLockedIn(tx, List.of(accountId), cause).map(outcomes -> outcomes.get(accountId));
  }

  /**
   * Recomputes several persons, already locked by the caller, in a handful of statements whatever their
   * number: states, rules and facts read together, changed states written together. Each colour change
   * is recorded and passed to the listeners one by one (they are rare).
   */
  public Future<Map<UUID, ColourOutcome>> refreshLockedIn(SqlConnection tx, List<UUID> accountIds, String cause) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    return tx.preparedQuery("select account_id, colour, explanation from colour_states where account_id = any($1)")
      .execute(Tuple.of(accountIds.toArray(new UUID[0])))
      .compose(stateRows -> ruleSets.current(tx).compose(rules -> facts.loadAll(tx, accountIds, today).compose(all -> {
        Map<UUID, Row> states = new HashMap<>();
        stateRows.forEach(row -> states.put(row.getUUID("account_id"), row));
        Map<UUID, ColourOutcome> outcomes = new LinkedHashMap<>();
        List<Stored> changedStates = new ArrayList<>();
        List<ColourChange> changes = new ArrayList<>();
        for (UUID id : accountIds) {
          ColourDecision decision = RulesEngine.decide(all.get(id), rules, clock, zone);
          Row state = states.get(id);
          Colour previous = state == null ? null : Colour.valueOf(state.getString("colour"));
          Optional<ColourChange> change = Optional.empty();
          if (state == null || !decision.toJson().equals(state.getJsonObject("explanation"))) {
            changedStates.add(new Stored(id, decision));
            if (previous != decision.colour()) {
              change = Optional.of(new ColourChange(id, previous, decision.colour(), decision.ruleId(),
                decision.ruleVersion(), now, cause));
              changes.add(change.get());
            }
          }
          outcomes.put(id, new ColourOutcome(decision, change));
        }
        Future<Void> chain = store(tx, changedStates, now);
        for (ColourChange change : changes) {
          chain = chain.compose(v -> recordChange(tx, change));
        }
        return chain.map(outcomes);
      })));
  }

  /** Recomputes in a transaction of its own and publishes a change after commit. */
  public Future<ColourDecision> refresh(UUID accountId, String cause) {
    return pool.withTransaction(tx -> refreshIn(tx, accountId, cause))
      .onSuccess(this::published)
      .map(ColourOutcome::decision);
  }

  /** Announces a committed change on the event bus. */
  public void published(ColourOutcome outcome) {
    outcome.change().ifPresent(change -> {
      LOG.info("colour changed: account {} {} -> {} by rule {} v{} ({})", change.accountId(), change.from(), change.to(),
        change.ruleId(), change.ruleVersion(), change.cause());
      eventBus.publish(COLOUR_CHANGED, change.toJson());
    });
  }

  /** Recomputes each listed person in turn, one transaction each; returns how many changed colour. */
  public Future<Integer> refreshAll(List<UUID> accountIds, String cause) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (UUID id : accountIds) {
      chain = chain.compose(changed -> pool.withTransaction(tx -> refreshIn(tx, id, cause))
        .onSuccess(this::published)
        .map(outcome -> changed + (outcome.change().isPresent() ? 1 : 0)));
    }
    return chain;
  }

  /** The stored state, as JSON for {@code GET /me/colour}. */
  public static JsonObject describe(Row state) {
    return new JsonObject()
      .put("colour", state.getString("colour"))
      .put("ruleId", state.getString("rule_id"))
      .put("ruleVersion", state.getInteger("rule_version"))
      .put("greenFrom", state.getLocalDate("green_from") == null ? null : state.getLocalDate("green_from").toString())
      .put("computedAt", state.getOffsetDateTime("computed_at").toInstant().toString())
      .put("changedAt", state.getOffsetDateTime("changed_at").toInstant().toString());
  }

  /** A state to write: the person and the decision it holds. */
  private record Stored(UUID accountId, ColourDecision decision) {
  }

  /** Upserts the states of several persons in one statement. */
  private Future<Void> store(SqlConnection tx, List<Stored> states, Instant now) {
    if (states.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = states.size();
    UUID[] ids = new UUID[n];
    String[] colours = new String[n];
    String[] ruleIds = new String[n];
    Integer[] versions = new Integer[n];
    LocalDate[] greenFrom = new LocalDate[n];
    String[] explanations = new String[n];
    for (int i = 0; i < n; i++) {
      ColourDecision decision = states.get(i).decision();
      ids[i] = states.get(i).accountId();
      colours[i] = decision.colour().name();
      ruleIds[i] = decision.ruleId();
      versions[i] = decision.ruleVersion();
      greenFrom[i] = decision.greenFrom();
      explanations[i] = decision.toJson().encode();
    }
    return tx.preparedQuery("insert into colour_states "
        + "(account_id, colour, rule_id, rule_version, green_from, computed_at, changed_at, explanation) "
        + "select s.id, s.colour, s.rule_id, s.rule_version, s.green_from, $7, $7, s.explanation::jsonb "
        + "from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::date[], $6::text[]) "
        + "as s (id, colour, rule_id, rule_version, green_from, explanation) "
        + "on conflict (account_id) do update set "
        + "colour = excluded.colour, rule_id = excluded.rule_id, rule_version = excluded.rule_version, "
        + "green_from = excluded.green_from, computed_at = excluded.computed_at, explanation = excluded.explanation, "
        + "changed_at = case when colour_states.colour = excluded.colour then colour_states.changed_at else excluded.changed_at end")
      .execute(Tuple.of(ids, colours, ruleIds, versions, greenFrom, explanations, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
      .mapEmpty();
  }

  private Future<Void> recordChange(SqlConnection tx, ColourChange change) {
    Future<Void> chain = tx.preparedQuery("insert into colour_changes "
        + "(account_id, from_colour, to_colour, rule_id, rule_version, changed_at, cause) values ($1, $2, $3, $4, $5, $6, $7)")
      .execute(Tuple.from(new Object[] {change.accountId(), change.from() == null ? null : change.from().name(),
        change.to().name(), change.ruleId(), change.ruleVersion(),
        OffsetDateTime.ofInstant(change.changedAt(), ZoneOffset.UTC), change.cause()}))
      .compose(v -> audit.append(tx, AuditEntry.bySystem("colour.changed", "person", change.accountId().toString(),
        change.cause(), new JsonObject()
          .put("from", change.from() == null ? null : change.from().name())
          .put("to", change.to().name())
          .put("ruleId", change.ruleId())
          .put("ruleVersion", change.ruleVersion()))));
    for (ColourChangeListener listener : listeners) {
      chain = chain.compose(v -> listener.onColourChanged(tx, change));
    }
    return chain;
  }
}
