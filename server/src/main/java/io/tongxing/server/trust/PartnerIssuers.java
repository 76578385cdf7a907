package io.tongxing.server.trust;

import io.tongxing.trust.Issuer;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.Optional;

/**
 * The partner regions this region recognizes, as issuers for its trust bundle: where federation
 * plugs in. Until partners are introduced there are none.
 */
@FunctionalInterface
public interface PartnerIssuers {

  PartnerIssuers NONE = (client, corridor) -> Future.succeededFuture(List.of());

  /**
   * The partners as a verifier on {@code corridor} (none: a verifier on no corridor, and the public
   * bundle) must see them: an agreement that is not a plain product of kinds and corridors is
   * recognized there for exactly the kinds it names on that corridor.
   */
  Future<List<Issuer>> recognized(SqlClient client, Optional<String> corridor);

  /** The version of what {@link #recognized} returns: a number that grows with every change of it. */
  default Future<Long> version(SqlClient client) {
    return Future.succeededFuture(0L);
  }
}
