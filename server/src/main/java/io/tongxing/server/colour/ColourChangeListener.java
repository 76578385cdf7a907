package io.tongxing.server.colour;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Called inside the transaction that records a colour change, before it commits: whatever the
 * listener writes on {@code tx} commits or rolls back with the change. This is where health-code
 * issuance plugs in (issue a new token, mark earlier tokens INVALID in the status list).
 */
@FunctionalInterface
public interface ColourChangeListener {

  Future<Void> onColourChanged(SqlConnection tx, ColourChange change);
}
