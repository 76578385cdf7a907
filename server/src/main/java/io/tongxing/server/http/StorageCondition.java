package io.tongxing.server.http;

import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the database's storage is full, as this node learnt it from its own writes: a write
 * refused for lack of space (SQLSTATE 53100) marks its kind of request (method and path) full; the
 * next success of that kind marks it writable again. A select cannot tell (reads need no space,
 * and one tablespace may be full while another is not), so {@code /health} reports what the writes
 * saw. One per node, shared by its HTTP verticles.
 */
public final class StorageCondition {

  /** Paths may carry ids: keep a bounded number of refused kinds. */
  private static final int MAX_REFUSED = 64;
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  void full(RoutingContext ctx) {
    if (refused.size() >= MAX_REFUSED) {
      refused.clear();
    }
    refused.add(kind(ctx));
  }

  void writable(RoutingContext ctx) {
    if (!refused.isEmpty()) {
      refused.remove(kind(ctx));
    }
  }

  public boolean isFull() {
    return !refused.isEmpty();
  }

  private static String kind(RoutingContext ctx) {
    return ctx.request().method().name() + " " + ctx.normalizedPath();
  }
}
