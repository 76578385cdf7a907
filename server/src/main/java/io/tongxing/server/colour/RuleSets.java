package io.tongxing.server.colour;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.db.ChangeNotices.Stamp;
import io.tongxing.server.db.ChangeNotices.Topic;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.rules.RuleSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;
import java.time.ZoneOffset;

/**
 * The versioned rule sets in {@code rule_sets}; the highest version is in force. Every check-in
 * needs it, so the one in force is kept instead of being read and parsed each time, until a
 * publication on any node announces a new one ({@link ChangeNotices}, within milliseconds).
 */
public final class RuleSets {

  private final AuditLog audit;
  private final ChangeNotices notices;
  private final Clock clock;
  private final AtomicReference<Cached> cached = new AtomicReference<>();

  public RuleSets(AuditLog audit, ChangeNotices notices, Clock clock) {
    this.audit = audit;
    this.notices = notices;
    this.clock = clock;
  }

  /** Installs the shipped defaults as version 1 when the table is empty (first start). */
  public Future<Void> ensureDefault(Pool pool) {
    return pool.preparedQuery("insert into rule_sets (version, definition, reason, created_by, created_at) "
        + "values (1, $1, $2, null, $3) on conflict (version) do nothing")
      .execute(Tuple.of(RuleSet.defaultDefinition(), "defaults of architecture.md § Domain rules", now()))
      .mapEmpty();
  }

  public Future<RuleSet> current(SqlClient client) {
    Cached copy = cached.get();
    if (copy != null && notices.isCurrent(copy.stamp)) {
      return Future.succeededFuture(copy.rules);
    }
    // Stamped before reading: a publication committed meanwhile makes this copy stale at once.
    Stamp stamp = notices.stamp(Topic.RULES);
    return currentRow(client).map(row -> {
      RuleSet rules = RuleSet.fromJson(row.getInteger("version"), row.getJsonObject("definition"));
      if (stamp != null) {
        cached.set(new Cached(rules, stamp));
      }
      return rules;
    });
  }

  public Future<JsonObject> describeCurrent(SqlClient client) {
    return currentRow(client).map(row -> new JsonObject()
      .put("version", row.getInteger("version"))
      .put("definition", RuleSet.fromJson(row.getInteger("version"), row.getJsonObject("definition")).toJson())
      .put("reason", row.getString("reason"))
      .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
      .put("createdBy", row.getUUID("created_by") == null ? null : row.getUUID("created_by").toString()));
  }

  /** Stores a new version; a concurrent change of the same version fails with a unique violation (409). */
  public Future<RuleSet> publish(SqlClient tx, Principal admin, JsonObject definition, String reason) {
    return currentRow(tx).compose(row -> {
      int version = row.getInteger("version") + 1;
      RuleSet rules;
      try {
        rules = RuleSet.fromJson(version, definition);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(ApiException.invalidField("INVALID_RULE_SET", "definition"));
      }
      return tx.preparedQuery("insert into rule_sets (version, definition, reason, created_by, created_at) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(version, rules.toJson(), reason, admin.accountId(), now()))
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "rules.published", "rule_set", Integer.toString(version), reason,
          new JsonObject().put("previousVersion", version - 1).put("definition", rules.toJson()))))
        .compose(v -> ChangeNotices.announce(tx, Topic.RULES))
        .map(rules);
    });
  }

  /** After a publication committed on this node: its own caches need not wait for the notice. */
  public void forgetCached() {
    notices.changedHere(Topic.RULES);
  }

  private Future<Row> currentRow(SqlClient client) {
    return client.query("select version, definition, reason, created_by, created_at from rule_sets order by version desc limit 1")
      .execute()
      .map(rows -> {
        if (rows.size() == 0) {
          throw new IllegalStateException("no rule set installed");
        }
        return rows.iterator().next();
      });
  }

  private record Cached(RuleSet rules, Stamp stamp) {
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
