package io.tongxing.server.keys;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/**
 * Admins see the region's keys and rotate them. A routine rotation publishes the new key a lead
 * time before it signs; an immediate one (after a suspected compromise) switches at once, and
 * checkpoints that have not synced since will answer KEY_UNKNOWN for new tokens until they do.
 */
public final class KeysApi {

  private final Pool pool;
  private final SigningKeys keys;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration lead;
  private final Duration tokenRetention;
  private final Duration trustRetention;

  public KeysApi(Pool pool, SigningKeys keys, AuditLog audit, Clock clock, Duration lead, Duration tokenRetention,
                 Duration trustRetention) {
    this.pool = pool;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
    this.lead = lead;
    this.tokenRetention = tokenRetention;
    this.trustRetention = trustRetention;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("listSigningKeys", ctx -> keys.all(pool).map(all -> {
      JsonArray list = new JsonArray();
      all.forEach(key -> list.add(key.toJson(clock.instant())));
      return new JsonObject().put("keys", list);
    }));
    routes.respond("rotateSigningKey", 201, ctx -> {
      JsonObject body = ApiRoutes.body(ctx);
      KeyPurpose purpose = KeyPurpose.valueOf(body.getString("purpose"));
      boolean immediate = body.getBoolean("immediate", false);
      Duration retention = purpose == KeyPurpose.TOKEN ? tokenRetention : trustRetention;
      Principal admin = Principal.of(ctx);
      return pool.withTransaction(tx -> keys.rotate(tx, purpose, immediate ? Duration.ZERO : lead, retention)
        .compose(key -> audit.append(tx, AuditEntry.by(admin, "signing-key.rotated", "signing-key", key.kid(),
            body.getString("reason"), new JsonObject().put("purpose", purpose.name()).put("immediate", immediate)
              .put("validFrom", key.validFrom().toString())))
          .map(key.toJson(clock.instant())))
        .andThen(rotated -> keys.forgetCached()));
    });
  }
}
