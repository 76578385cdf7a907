package io.tongxing.server.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.http.ApiRoutes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** Liveness, readiness (the database answers), Prometheus metrics and the contract itself. */
public final class HealthApi {

  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private final Buffer contract;
  private final String regionCode;
  private final String regionName;

  public HealthApi(Pool pool, PrometheusMeterRegistry registry, Buffer contract, String regionCode, String regionName) {
    this.pool = pool;
    this.registry = registry;
    this.contract = contract;
    this.regionCode = regionCode;
    this.regionName = regionName;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.handler("liveness", ctx -> ctx.json(new JsonObject().put("status", "UP")));
    routes.handler("readiness", ctx -> database().onComplete(up -> respond(ctx, up.result())));
    routes.handler("health", ctx -> database().onComplete(up -> respond(ctx, up.result())));
    routes.handler("metrics", PrometheusScrapingHandler.create(registry));
    routes.handler("getContract", ctx -> ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
      .end(contract));
  }

  /** Never fails: true when the database answered within two seconds. */
  private Future<Boolean> database() {
    return pool.query("select 1").execute()
      .timeout(2, TimeUnit.SECONDS)
      .map(rows -> true)
      .otherwise(false);
  }

  private void respond(RoutingContext ctx, boolean databaseUp) {
    JsonObject body = new JsonObject()
      .put("status", databaseUp ? "UP" : "DOWN")
      .put("region", new JsonObject().put("code", regionCode).put("name", regionName))
      .put("checks", new JsonObject()
        .put("liveness", "UP")
        .put("database", databaseUp ? "UP" : "DOWN"));
    ctx.response().setStatusCode(databaseUp ? 200 : 503);
    ctx.json(body);
  }
}
