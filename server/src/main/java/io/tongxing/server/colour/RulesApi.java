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

/** Admins read and change the colour rules' parameters; a change recomputes every resident. */
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
      .andThen(published -> ruleSets.forgetCached())
      .compose(rules -> recomputeEveryone(rules.version())
        .map(changed -> new JsonObject()
          .put("version", rules.version())
          .put("definition", rules.toJson())
          .put("coloursChanged", changed)));
  }

  /**
   * Applies the new version to every resident before answering, so the admin sees its effect.
   * A failure here leaves the version published; the sweep and every read recompute anyway.
   */
  private Future<Integer> recomputeEveryone(int version) {
    return pool.query("select account_id from residents").execute()
      .compose(rows -> {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("account_id")));
        return colours.refreshAll(ids, "rules v" + version + " published");
      })
      .onSuccess(changed -> LOG.info("rules v{} applied to every resident: {} colours changed", version, changed))
      .recover(e -> {
        LOG.warn("rules v{} could not be applied to every resident yet; reads and the sweep recompute: {}", version, e.toString());
        return Future.succeededFuture(-1);
      });
  }
}
