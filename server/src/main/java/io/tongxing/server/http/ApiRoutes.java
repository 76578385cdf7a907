package io.tongxing.server.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.function.Function;

/**
 * Attaches handlers to the contract's operations by operation id. Handlers return futures, as with
 * vertx-web's {@code Route.respond}; the OpenAPI router exposes only {@code addHandler}, so this
 * class adapts one to the other: a value becomes a JSON response, {@code null} a 204.
 */
public final class ApiRoutes {

  /** The contract extension naming a hand-written check of an operation's request. */
  public static final String VALIDATED_BY = "x-validated-by";

  private final RouterBuilder builder;

  public ApiRoutes(RouterBuilder builder) {
    this.builder = builder;
  }

  public <T> ApiRoutes respond(String operationId, Function<RoutingContext, Future<T>> function) {
    return respond(operationId, 200, function);
  }

  public <T> ApiRoutes respond(String operationId, int status, Function<RoutingContext, Future<T>> function) {
    return handler(operationId, ctx -> {
      Future<T> result;
      try {
        result = function.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      result.onFailure(ctx::fail).onSuccess(body -> {
        if (ctx.response().headWritten()) {
          return;
        }
        if (body == null) {
          ctx.response().setStatusCode(204).end();
        } else {
          ctx.response().setStatusCode(status);
          ctx.json(body);
        }
      });
    });
  }

  /**
   * For operations that write their own response (signed downloads, images): the function ends the
   * response; a failed future, or an exception, goes to the failure handler.
   */
  public ApiRoutes send(String operationId, Function<RoutingContext, Future<?>> function) {
    return handler(operationId, ctx -> {
      try {
        function.apply(ctx).onFailure(ctx::fail);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }

  /** For the few operations that do not answer JSON (metrics, the contract itself). */
  public ApiRoutes handler(String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in docs/openapi.yaml");
    }
    // Access is enforced by AccessControl from x-roles before validation; see AccessPolicy. A request
    // AccessControl could not match to this operation (the router's path matching is looser, e.g. an
    // empty path parameter) reaches here without a principal: it addressed no operation.
    boolean isPublic = route.getOperation().getOpenAPIModel().getJsonArray("x-roles", new JsonArray()).contains("PUBLIC");
    route.setDoSecurity(false).addHandler(ctx -> {
      if (!isPublic && ctx.get(Principal.KEY) == null) {
        ctx.fail(ApiException.notFound("NOT_FOUND"));
        return;
      }
      handler.handle(ctx);
    });
    // An operation marked x-validated-by names the class that checks its request against the
    // contract instead of the generic validator (for speed), with a test proving them equivalent.
    if (route.getOperation().getOpenAPIModel().containsKey(VALIDATED_BY)) {
      route.setDoValidation(false);
    }
    return this;
  }

  /** Start-up fails when the contract has an operation nobody handles. */
  public void requireAllHandled() {
    for (OpenAPIRoute route : builder.getRoutes()) {
      if (route.getHandlers().isEmpty()) {
        throw new IllegalStateException("operation " + route.getOperation().getOperationId() + " has no handler");
      }
    }
  }

  public static JsonObject body(RoutingContext ctx) {
    return validated(ctx).getBody().getJsonObject();
  }

  public static String path(RoutingContext ctx, String name) {
    return validated(ctx).getPathParameters().get(name).getString();
  }

  public static long pathLong(RoutingContext ctx, String name) {
    return validated(ctx).getPathParameters().get(name).getLong();
  }

  /** The validated query parameter, or {@code null} when absent. */
  public static RequestParameter query(RoutingContext ctx, String name) {
    RequestParameter parameter = validated(ctx).getQuery().get(name);
    return parameter == null || parameter.isNull() ? null : parameter;
  }

  private static ValidatedRequest validated(RoutingContext ctx) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    if (request == null) {
      throw new IllegalStateException("handler reached without a validated request");
    }
    return request;
  }
}
