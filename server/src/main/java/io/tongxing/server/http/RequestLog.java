package io.tongxing.server.http;

import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path, status and duration. Only the path is logged — never the
 * query string, headers or body — and paths carry no identity numbers, phone numbers or tokens.
 */
public final class RequestLog implements PlatformHandler {

  private static final Logger LOG = LoggerFactory.getLogger("tongxing.access");

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(done -> {
      if (LOG.isInfoEnabled()) {
        LOG.info("{} {} {} {}ms", ctx.request().method(), ctx.normalizedPath(), ctx.response().getStatusCode(),
          (System.nanoTime() - started) / 1_000_000);
      }
    });
    ctx.next();
  }
}
