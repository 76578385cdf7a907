package io.tongxing.server.pass;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks passes past their expiry INVALID, each with its EXPIRED event and audit row, a batch per
 * transaction. Checkpoints refuse an expired pass by its {@code exp} anyway; this makes the end
 * visible to the resident and the audit log, and keeps the pass from ever being restored.
 */
public final class PassExpiry {

  private static final Logger LOG = LoggerFactory.getLogger(PassExpiry.class);
  private static final int BATCH = 500;

  private final Pool pool;
  private final PassTransitions transitions;

  public PassExpiry(Pool pool, PassTransitions transitions) {
    this.pool = pool;
    this.transitions = transitions;
  }

  /** Expires every pass due; returns how many. */
  public Future<Integer> run() {
    return batch(0).onSuccess(n -> {
      if (n > 0) {
        LOG.info("passes expired: {}", n);
      }
    });
  }

  private Future<Integer> batch(int sofar) {
    return pool.withTransaction(tx -> transitions.expire(tx, BATCH))
      .compose(n -> n < BATCH ? Future.succeededFuture(sofar + n) : batch(sofar + n));
  }
}
