package io.tongxing.server.checkpoint;

import io.tongxing.server.status.StatusIndexes;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The region's status lists a checkpoint needs: those that may still describe an unexpired token.
 * Health codes live a day, so a region that reissues every code daily fills a new list or more
 * every day; a device needs only the last few.
 *
 * <p>A list before the last one is almost sealed: the sequence has moved on, only a node's reserved
 * block of 32 indices may still add tokens to it. So each such list's latest expiry is read once
 * and kept; once that has passed, it is read again at most hourly for {@link #RECHECK_FOR}, in case
 * a late token from a reserved block arrived. Missing a list costs a REVIEW at the checkpoint
 * (status unavailable), never a wrong PASS.
 */
final class LiveStatusLists {

  static final Duration RECHECK_FOR = Duration.ofDays(2);
  private static final Duration RECHECK_EVERY = Duration.ofHours(1);

  private final StatusIndexes indexes;
  private final Clock clock;
  private final Map<Long, Expiry> sealed = new ConcurrentHashMap<>();

  LiveStatusLists(StatusIndexes indexes, Clock clock) {
    this.indexes = indexes;
    this.clock = clock;
  }

  /** The latest expiry of a list's tokens (empty: it holds none), and when that was read. */
  private record Expiry(Optional<Instant> latest, Instant readAt) {
  }

  /** The numbers of the lists to hold now, in order. */
  Future<List<Long>> live(SqlClient client) {
    Instant now = clock.instant();
    return indexes.lastList(client).compose(last -> {
      Future<List<Long>> chain = Future.succeededFuture(new ArrayList<>());
      for (long n = 1; n <= last; n++) {
        long list = n;
        chain = chain.compose(live -> {
          if (list == last) {
            live.add(list);
            return Future.succeededFuture(live);
          }
          return expiry(client, list, now).map(expiry -> {
            if (expiry.isPresent() && expiry.get().isAfter(now)) {
              live.add(list);
            }
            return live;
          });
        });
      }
      return chain;
    });
  }

  private Future<Optional<Instant>> expiry(SqlClient client, long list, Instant now) {
    Expiry known = sealed.get(list);
    if (known != null && !needsRecheck(known, now)) {
      return Future.succeededFuture(known.latest());
    }
    return client.preparedQuery("select max(expires_at) from issued_tokens where list_id = $1").execute(Tuple.of(list))
      .map(rows -> {
        OffsetDateTime latest = rows.iterator().next().getOffsetDateTime(0);
        Optional<Instant> expiry = Optional.ofNullable(latest).map(OffsetDateTime::toInstant);
        sealed.put(list, new Expiry(expiry, now));
        return expiry;
      });
  }

  private static boolean needsRecheck(Expiry known, Instant now) {
    Instant latest = known.latest().orElse(known.readAt());
    return !latest.isAfter(now) && latest.plus(RECHECK_FOR).isAfter(now) && !known.readAt().plus(RECHECK_EVERY).isAfter(now);
  }
}
