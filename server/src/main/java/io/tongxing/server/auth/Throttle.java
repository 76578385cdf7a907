package io.tongxing.server.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Counts events per key in a fixed window and locks the key for a while once a limit is reached.
 * The counters live in PostgreSQL, so every node of a region sees the same ones.
 */
public final class Throttle {

  private final Pool pool;
  private final Clock clock;

  public Throttle(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** How much longer the most-locked of these keys stays locked, if any is locked now. */
  public Future<Optional<Duration>> lockedFor(List<String> keys) {
    OffsetDateTime now = now();
    return pool.preparedQuery("select max(locked_until) as until from throttle where key = any($1) and locked_until > $2")
      .execute(Tuple.of(keys.toArray(new String[0]), now))
      .map(rows -> {
        Row row = rows.iterator().next();
        OffsetDateTime until = row.getOffsetDateTime("until");
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
      });
  }

  /** Counts one event; the key is locked for {@code lockout} once {@code limit} events fall in one window. */
  public Future<Void> hit(String key, int limit, Duration window, Duration lockout) {
    OffsetDateTime now = now();
    return pool.preparedQuery(
        "insert into throttle as t (key, hits, window_start, locked_until) "
          + "values ($1, 1, $2, case when 1 >= $3 then $2 + make_interval(secs => $5) end) "
          + "on conflict (key) do update set "
          + "  hits = case when t.window_start <= $2 - make_interval(secs => $4) then 1 else t.hits + 1 end, "
          + "  window_start = case when t.window_start <= $2 - make_interval(secs => $4) then $2 else t.window_start end, "
          + "  locked_until = case when (case when t.window_start <= $2 - make_interval(secs => $4) then 1 else t.hits + 1 end) >= $3 "
          + "                      then $2 + make_interval(secs => $5) else t.locked_until end")
      .execute(Tuple.of(key, now, limit, (double) window.toSeconds(), (double) lockout.toSeconds()))
      .mapEmpty();
  }

  /**
   * Spends {@code count} of a budget of {@code limit} a window, if that much is left: empty when
   * spent, else how long until the window ends (nothing is spent then).
   */
  public Future<Optional<Duration>> spend(String key, int count, int limit, Duration window) {
    OffsetDateTime now = now();
    if (count > limit) {
      return Future.succeededFuture(Optional.of(window));
    }
    String fresh = "t.window_start <= $3 - make_interval(secs => $4)";
    return pool.preparedQuery("insert into throttle as t (key, hits, window_start) values ($1, $2, $3) "
        + "on conflict (key) do update set hits = case when " + fresh + " then $2 else t.hits + $2 end, "
        + "window_start = case when " + fresh + " then $3 else t.window_start end "
        + "where (case when " + fresh + " then $2 else t.hits + $2 end) <= $5 returning window_start")
      .execute(Tuple.of(key, count, now, (double) window.toSeconds(), limit))
      .compose(spent -> spent.size() == 1 ? Future.succeededFuture(Optional.<Duration>empty())
        : pool.preparedQuery("select window_start from throttle where key = $1").execute(Tuple.of(key))
          .map(rows -> Optional.of(Duration.between(now, rows.iterator().next().getOffsetDateTime("window_start").plus(window)))));
  }

  public Future<Void> reset(String key) {
    return pool.preparedQuery("delete from throttle where key = $1").execute(Tuple.of(key)).mapEmpty();
  }

  /** Whole seconds for a Retry-After header, never zero. */
  public static long retryAfterSeconds(Duration remaining) {
    return Math.max(1, (remaining.toMillis() + 999) / 1000);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
