package io.tongxing.server.employee;

import io.tongxing.server.account.RegisteredIdNumbers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What decides whether an enterprise's listing links to a resident ({@link ResidentLinks}): the
 * resident who registered the listed ID number, their registered name, and whether they refused the
 * enterprise. Read in two steps, each beside its rows on Citus: the holders of the numbers
 * ({@link RegisteredIdNumbers}), then each holder's name and refusal, which live beside the resident
 * (accounts and employer_refusals are both spread by account), never joined with the enterprise's
 * listings on the coordinator.
 */
final class ListingMatches {

  /** The resident holding a listed ID number. */
  record Holder(UUID account, String registeredName, boolean refused) {
  }

  private ListingMatches() {
  }

  /** The holders of the ID numbers (by keyed hash) as {@code enterprise} may be linked to them; numbers nobody registered are absent. */
  static Future<Map<ByteBuffer, Holder>> of(SqlClient client, UUID enterprise, Buffer[] idNumberHashes) {
    return RegisteredIdNumbers.holders(client, idNumberHashes).compose(holders -> holders.isEmpty()
      ? Future.succeededFuture(Map.<ByteBuffer, Holder>of())
      : client.preparedQuery("select a.id, a.display_name, x.refused_at from accounts a left join employer_refusals x "
          + "on x.resident_id = a.id and x.enterprise_id = $2 where a.id = any($1)")
        .execute(Tuple.of(holders.values().toArray(new UUID[0]), enterprise))
        .map(rows -> {
          Map<UUID, Holder> byAccount = new HashMap<>();
          rows.forEach(row -> byAccount.put(row.getUUID("id"), new Holder(row.getUUID("id"), row.getString("display_name"),
            row.getValue("refused_at") != null)));
          Map<ByteBuffer, Holder> byHash = new HashMap<>();
          holders.forEach((hash, account) -> byHash.put(hash, byAccount.get(account)));
          return byHash;
        }));
  }

  /** The holder of one ID number, or null. */
  static Future<Holder> of(SqlClient client, UUID enterprise, byte[] idNumberHash) {
    return of(client, enterprise, new Buffer[] {Buffer.buffer(idNumberHash)})
      .map(holders -> holders.get(ByteBuffer.wrap(idNumberHash)));
  }

  /** The resident a listing under {@code listedName} links to: the holder, if they registered that name and refused nothing; else null. */
  static UUID linkable(Holder holder, String listedName) {
    return holder != null && !holder.refused() && ResidentLinks.sameName(holder.registeredName(), listedName)
      ? holder.account() : null;
  }
}
