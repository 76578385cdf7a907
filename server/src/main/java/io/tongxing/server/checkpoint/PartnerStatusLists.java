package io.tongxing.server.checkpoint;

import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;

/**
 * The recognized partners' status lists a checkpoint device must hold: the last good copy this
 * region keeps of each, signed by the partner. Federation provides them; a region without partners
 * has none.
 */
public interface PartnerStatusLists {

  PartnerStatusLists NONE = client -> Future.succeededFuture(List.of());

  /**
   * One partner list.
   *
   * @param version changes only when a status in the list changes, not when the partner signs it anew
   * @param token the partner's signed list, as fetched
   */
  record PartnerList(RegionCode issuer, long list, long version, String token) {
  }

  /** Every list of every partner the trust bundle recognizes, by region and list number. */
  Future<List<PartnerList>> lists(SqlClient client);
}
