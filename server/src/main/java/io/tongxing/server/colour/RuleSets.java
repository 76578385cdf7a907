package io.tongxing.server.colour;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;
import java.time.ZoneOffset;

/**
 * The versioned rule sets in {@code rule_sets}; the highest version is in force. Every check-in
 * needs it, so the one in force is kept for a few seconds instead of being read and parsed each
 * time; a publication on this node takes effect at once, on other nodes within {@link #CACHE}.
 */
public final class RuleSets {

  static final Duration CACHE = Duration.ofSeconds(5);

  private final AuditLog audit;
  private final Clock clock;
  private final AtomicReference<Cached> cached = new AtomicReference<>();

  public RuleSets(AuditLog audit, Clock clock) {
    this.audit = audit;
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
    long now = System.nanoTime();
    if (copy != null && now - copy.loadedAtNanos < CACHE.toNanos()) {
      return Future.succeededFuture(copy.rules);
    }
    return currentRow(client).map(row -> {
      RuleSet rules = RuleSet.fromJson(row.getInteger("version"), row.getJsonObject("definition"));
      cached.set(new Cached(rules, now));
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
    cached.set(null);
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
        .map(rules)
        .onComplete(done -> cached.set(null));
    });
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

  private record Cached(RuleSet rules, long loadedAtNanos) {
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
