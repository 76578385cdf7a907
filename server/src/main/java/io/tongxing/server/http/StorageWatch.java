package io.tongxing.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/** Marks the storage writable again for a kind of write when one succeeds (the failure handler marks it full). */
public final class StorageWatch implements PlatformHandler {

  private final StorageCondition storage;

  public StorageWatch(StorageCondition storage) {
    this.storage = storage;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
      ctx.addEndHandler(done -> {
        int status = ctx.response().getStatusCode();
        if (status >= 200 && status < 300) {
          storage.writable(ctx);
        }
      });
    }
    ctx.next();
  }
}
