package io.tongxing.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

/**
 * Operations marked {@code x-streamed-body: true} in the contract take bodies too large to hold in
 * memory (bulk CSV imports): the body handler skips them and leaves the request paused, and their
 * handler reads the body as a stream, checking each record itself. Every other request goes
 * through the body handler, with its size limit, as before.
 */
public final class StreamedBodies implements Handler<RoutingContext> {

  /** The contract extension that marks an operation whose handler streams the body. */
  public static final String EXTENSION = "x-streamed-body";

  private final OpenAPIContract contract;
  private final Handler<RoutingContext> bodyHandler;

  public StreamedBodies(OpenAPIContract contract, Handler<RoutingContext> bodyHandler) {
    this.contract = contract;
    this.bodyHandler = bodyHandler;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation operation = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
    if (operation != null && isStreamed(operation.getOpenAPIModel())) {
      // Nothing may be lost while access control and parameter validation run.
      HttpServerRequest request = ctx.request();
      request.pause();
      // Answered before the handler read it all (refused, or failed): the rest of the body is read
      // and dropped, so the connection can carry the next request.
      ctx.addHeadersEndHandler(v -> {
        if (!request.isEnded()) {
          request.handler(chunk -> { }).exceptionHandler(failure -> { }).resume();
        }
      });
      ctx.next();
    } else {
      bodyHandler.handle(ctx);
    }
  }

  static boolean isStreamed(JsonObject operation) {
    return Boolean.TRUE.equals(operation.getValue(EXTENSION));
  }
}
