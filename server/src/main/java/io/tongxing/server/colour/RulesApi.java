package io.tongxing.server.colour;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Admins read and change the colour rules' parameters; a change recomputes every resident in the background. */
public final class RulesApi {

  private static final Logger LOG = LoggerFactory.getLogger(RulesApi.class);

  private final Pool pool;
  private final RuleSets ruleSets;
  private final ColourService colours;

  public RulesApi(Pool pool, RuleSets ruleSets, ColourService colours) {
    this.pool = pool;
    this.ruleSets = ruleSets;
    this.colours = colours;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("getRules", ctx -> ruleSets.describeCurrent(pool));
    routes.respond("publishRules", 201, this::publish);
  }

  private Future<JsonObject> publish(RoutingContext ctx) {
    JsonObject body = ApiRoutes.body(ctx);
    return pool.withTransaction(tx -> ruleSets.publish(tx, Principal.of(ctx), body.getJsonObject("definition"),
        body.getString("reason").trim()))
      .map(rules -> {
        recomputeEveryone(rules.version());
        return new JsonObject().put("version", rules.version()).put("definition", rules.toJson());
      });
  }

  private void recomputeEveryone(int version) {
    pool.query("select account_id from residents").execute()
      .compose(rows -> {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("account_id")));
        return colours.refreshAll(ids, "rules v" + version + " published");
      })
      .onSuccess(changed -> LOG.info("rules v{} applied to every resident: {} colours changed", version, changed))
      .onFailure(e -> LOG.warn("rules v{} could not be applied to every resident yet; the sweep retries", version, e));
  }
}
