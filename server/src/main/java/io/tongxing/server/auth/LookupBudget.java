package io.tongxing.server.auth;

import io.tongxing.server.http.ApiException;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * How many people one caller may look up by identity number in a window — an enterprise listing
 * employees, staff searching residents — counted in PostgreSQL so every node shares the count.
 * Past the budget the caller gets 429 {@code LOOKUPS_EXCEEDED} with Retry-After, and nothing is
 * looked up. The lookups themselves are audited where they happen.
 */
public final class LookupBudget {

  private final Throttle throttle;
  private final String kind;
  private final int limit;
  private final Duration window;

  public LookupBudget(Throttle throttle, String kind, int limit, Duration window) {
    this.throttle = throttle;
    this.kind = kind;
    this.limit = limit;
    this.window = window;
  }

  /** Spends {@code count} lookups of {@code caller}'s budget, or fails with 429 without spending any. */
  public Future<Void> spend(Object caller, int count) {
    if (count == 0) {
      return Future.succeededFuture();
    }
    return throttle.spend("lookups:" + kind + ":" + caller, count, limit, window).compose(wait -> wait.isEmpty()
      ? Future.succeededFuture()
      : Future.failedFuture(ApiException.tooManyRequests("LOOKUPS_EXCEEDED", Throttle.retryAfterSeconds(wait.get()))));
  }

  public int limit() {
    return limit;
  }
}
