package io.tongxing.server.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.StorageCondition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** Liveness, readiness (start-up done and the database answers), Prometheus metrics and the contract itself. */
public final class HealthApi {

  private final Pool pool;
  private final StorageCondition storage;
  private final StartUp startUp;
  private final PrometheusMeterRegistry registry;
  private final Buffer contract;
  private final String regionCode;
  private final String regionName;

  public HealthApi(Pool pool, StorageCondition storage, StartUp startUp, PrometheusMeterRegistry registry, Buffer contract,
                   String regionCode, String regionName) {
    this.pool = pool;
    this.storage = storage;
    this.startUp = startUp;
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

  /** Never fails: UP, READ_ONLY (answers but refuses writes) or DOWN (no answer within two seconds). */
  private Future<String> database() {
    return pool.query("select current_setting('transaction_read_only')").execute()
      .timeout(2, TimeUnit.SECONDS)
      .map(rows -> "on".equals(rows.iterator().next().getString(0)) ? "READ_ONLY" : "UP")
      .otherwise("DOWN");
  }

  /**
   * A read-only database, or one whose storage is full, still serves reads (codes, bundles, status
   * lists): ready, but DEGRADED.
   */
  private void respond(RoutingContext ctx, String database) {
    boolean down = "DOWN".equals(database);
    boolean starting = !down && !startUp.isDone();
    String space = storage.isFull() ? "FULL" : "OK";
    JsonObject body = new JsonObject()
      .put("status", down ? "DOWN" : starting ? "STARTING" : "UP".equals(database) && "OK".equals(space) ? "UP" : "DEGRADED")
      .put("region", new JsonObject().put("code", regionCode).put("name", regionName))
      .put("checks", new JsonObject()
        .put("liveness", "UP")
        .put("database", database)
        .put("storage", space));
    if (down || starting) {
      ctx.response().setStatusCode(503).putHeader("Retry-After", down ? "5" : "1");
    }
    ctx.json(body);
  }
}
