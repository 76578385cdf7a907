package io.tongxing.server.account;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an ID number, by its keyed hash: asked of {@code resident_id_numbers} (V80), the table that
 * keeps the numbers unique, claimed in the transaction that registers the resident. On Citus it is
 * spread by the hash, so the question goes to one shard instead of every worker's residents; the
 * resident's own rows are then read (and locked) by account, on the resident's worker.
 */
public final class RegisteredIdNumbers {

  private RegisteredIdNumbers() {
  }

  /** The account of the resident with this ID number, if one registered it. */
  public static Future<Optional<UUID>> holder(SqlClient client, byte[] idNumberHash) {
    return client.preparedQuery("select account_id from resident_id_numbers where id_number_hash = $1")
      .execute(Tuple.of(Buffer.buffer(idNumberHash)))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("account_id")));
  }

  /** The accounts holding any of these ID numbers, by hash; numbers nobody registered are absent. */
  public static Future<Map<ByteBuffer, UUID>> holders(SqlClient client, Buffer[] idNumberHashes) {
    return client.preparedQuery("select id_number_hash, account_id from resident_id_numbers where id_number_hash = any($1)")
      .execute(Tuple.of((Object) idNumberHashes))
      .map(rows -> {
        Map<ByteBuffer, UUID> holders = new HashMap<>();
        rows.forEach(row -> holders.put(ByteBuffer.wrap(row.getBuffer("id_number_hash").getBytes()), row.getUUID("account_id")));
        return holders;
      });
  }
}
