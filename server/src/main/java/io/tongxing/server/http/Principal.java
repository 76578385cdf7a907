package io.tongxing.server.http;

import io.vertx.ext.web.RoutingContext;

import java.util.Objects;
import java.util.UUID;

/** The authenticated caller of a request, put into the routing context by {@link AccessControl}. */
public record Principal(UUID accountId, Role role) {

  static final String KEY = "tongxing.principal";

  public Principal {
    Objects.requireNonNull(accountId);
    Objects.requireNonNull(role);
  }

  /** The caller of a route that requires authentication; {@link AccessControl} guarantees one. */
  public static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) {
      throw new IllegalStateException("route reached without a principal: " + ctx.normalizedPath());
    }
    return principal;
  }
}
