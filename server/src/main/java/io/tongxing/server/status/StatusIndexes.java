package io.tongxing.server.status;

import io.tongxing.token.StatusReference;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Allocates each token its place in a status list: {@code n} from a PostgreSQL sequence (unique
 * across every node, never reused, even after a rollback), list {@code n / size + 1}, and within the
 * list a keyed permutation of {@code n mod size}, so that indices look random.
 *
 * <p>Values are taken from the sequence {@value #BLOCK} at a time and handed out from memory, which
 * saves a round trip per token; values of a block unused when the node stops are simply skipped.
 */
public final class StatusIndexes {

  static final int BLOCK = 32;

  private final IndexPermutation permutation;
  private final int bits;
  private final Queue<Long> reserved = new ConcurrentLinkedQueue<>();

  /**
   * @param key the permutation key, the same on every node of the region (derived from the lookup key)
   * @param bits each list holds {@code 2^bits} tokens
   */
  public StatusIndexes(byte[] key, int bits) {
    this.permutation = new IndexPermutation(key, bits);
    this.bits = bits;
  }

  public int listSize() {
    return 1 << bits;
  }

  /** The next free place (the caller's transaction may fetch a new block from the sequence). */
  public Future<StatusReference> allocate(SqlClient tx) {
    return allocate(tx, 1).map(places -> places.get(0));
  }

  /** {@code count} free places, fetching from the sequence only what the reserve lacks. */
  public Future<List<StatusReference>> allocate(SqlClient tx, int count) {
    List<StatusReference> places = new ArrayList<>(count);
    Long next;
    while (places.size() < count && (next = reserved.poll()) != null) {
      places.add(place(next));
    }
    if (places.size() == count) {
      return Future.succeededFuture(places);
    }
    int fetch = Math.max(BLOCK, count - places.size());
    return tx.preparedQuery("select nextval('status_index_seq') from generate_series(1, $1)").execute(Tuple.of(fetch))
      .map(rows -> {
        rows.forEach(row -> reserved.add(row.getLong(0)));
        Long value;
        while (places.size() < count && (value = reserved.poll()) != null) {
          places.add(place(value));
        }
        return places;
      });
  }

  /** The highest list number in use (0 before the first token). */
  public Future<Long> lastList(SqlClient client) {
    return client.query("select case when is_called then last_value / " + listSize() + " + 1 else 0 end from status_index_seq")
      .execute().map(rows -> rows.iterator().next().getLong(0));
  }

  StatusReference place(long n) {
    long list = n / listSize() + 1;
    int position = (int) (n % listSize());
    return new StatusReference(list, permutation.apply(list, position));
  }
}
