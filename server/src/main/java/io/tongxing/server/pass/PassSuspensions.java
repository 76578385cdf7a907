package io.tongxing.server.pass;

import io.tongxing.server.colour.ColourChange;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.rules.Colour;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * A pass needs a green code: inside the transaction of every colour change, the holder's passes are
 * suspended when the code leaves green and restored when it is green again. Checkpoints see it at
 * their next status-list sync.
 */
public final class PassSuspensions implements ColourChangeListener {

  private final PassTransitions transitions;

  public PassSuspensions(PassTransitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public Future<Void> onColourChanged(SqlConnection tx, ColourChange change) {
    if (change.from() == null) {
      return Future.succeededFuture();
    }
    return (change.to() == Colour.GREEN
      ? transitions.restoreAll(tx, change.accountId())
      : transitions.suspendAll(tx, change.accountId(), change.to().name())).mapEmpty();
  }
}
