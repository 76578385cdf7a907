package io.tongxing.server.trust;

import io.tongxing.trust.Issuer;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;

/**
 * The partner regions this region recognizes, as issuers for its trust bundle: where federation
 * plugs in. Until partners are introduced there are none.
 */
@FunctionalInterface
public interface PartnerIssuers {

  PartnerIssuers NONE = client -> Future.succeededFuture(List.of());

  Future<List<Issuer>> recognized(SqlClient client);

  /** The version of what {@link #recognized} returns: the epoch second of its latest change. */
  default Future<Long> version(SqlClient client) {
    return Future.succeededFuture(0L);
  }
}
