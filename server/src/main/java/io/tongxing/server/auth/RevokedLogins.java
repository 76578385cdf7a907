package io.tongxing.server.auth;

import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.db.ChangeNotices.Stamp;
import io.tongxing.server.db.ChangeNotices.Topic;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The logins (refresh-token families) revoked within an access token's lifetime, held in memory by
 * every node, so that an access token of a revoked login is refused on its next request everywhere,
 * without a database round trip per request. A revocation commits with a notice
 * ({@link ChangeNotices}, LISTEN/NOTIFY) that reaches every node within milliseconds; a node that
 * starts, or whose listening connection came back (notices may have been lost meanwhile), reads the
 * recent revocations from the database once; while it cannot listen it asks the database about each
 * login it sees.
 */
public final class RevokedLogins {

  /** Old revocations are swept out after this many new ones (a sweep walks the whole map). */
  private static final int FORGET_EVERY = 1024;

  private final Pool pool;
  private final ChangeNotices notices;
  private final Duration remembered;
  private final Clock clock;
  private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();
  private volatile Stamp loadedAt;
  private final AtomicInteger remembers = new AtomicInteger();
  private Future<Void> loading;

  /** {@code accessTokenTtl}: how long a revocation must be remembered (its tokens are dead after that). */
  public RevokedLogins(Pool pool, ChangeNotices notices, Duration accessTokenTtl, Clock clock) {
    this.pool = pool;
    this.notices = notices;
    this.remembered = accessTokenTtl.plus(AccessTokens.ALLOWED_SKEW).plusMinutes(1);
    this.clock = clock;
    notices.onDetail(Topic.LOGINS, this::noticed);
  }

  /** Whether the login has been revoked; answered from memory unless this node may have missed a notice. */
  public Future<Boolean> isRevoked(UUID login) {
    Stamp loaded = loadedAt;
    if (notices.isCurrent(loaded)) {
      return Future.succeededFuture(revoked.containsKey(login));
    }
    Stamp now = notices.stamp(Topic.LOGINS);
    if (now == null) {
      return pool.preparedQuery("select exists (select 1 from refresh_tokens where family_id = $1 and revoked_at is not null)")
        .execute(Tuple.of(login))
        .map(rows -> rows.iterator().next().getBoolean(0));
    }
    return reload(now).map(v -> revoked.containsKey(login));
  }

  /**
   * Announces the revocation of {@code logins} to every node when {@code tx} commits, and remembers
   * it on this node at that moment, ahead of its own notice.
   */
  public Future<Void> announce(SqlConnection tx, Collection<UUID> logins) {
    if (logins.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> copy = List.copyOf(logins);
    return ChangeNotices.announce(tx, Topic.LOGINS, copy.stream().map(UUID::toString).toList())
      .onSuccess(v -> ChangeNotices.afterCommit(tx, () -> remember(copy)));
  }

  private void remember(Collection<UUID> logins) {
    Instant now = clock.instant();
    logins.forEach(login -> revoked.put(login, now));
    if (remembers.addAndGet(logins.size()) >= FORGET_EVERY) {
      remembers.set(0);
      forgetOld(now);
    }
  }

  private void noticed(String detail) {
    try {
      remember(List.of(UUID.fromString(detail)));
    } catch (IllegalArgumentException garbled) {
      // Not ours to read: make the next request reload rather than trust memory.
      loadedAt = null;
    }
  }

  /** One reload at a time: requests arriving meanwhile wait for the same one. */
  private synchronized Future<Void> reload(Stamp stamp) {
    if (loading != null) {
      return loading;
    }
    Instant now = clock.instant();
    Future<Void> load = pool.preparedQuery("select family_id, max(revoked_at) as at from refresh_tokens "
        + "where revoked_at > $1 group by family_id")
      .execute(Tuple.of(OffsetDateTime.ofInstant(now.minus(remembered), ZoneOffset.UTC)))
      .map(rows -> {
        for (Row row : rows) {
          revoked.putIfAbsent(row.getUUID("family_id"), row.getOffsetDateTime("at").toInstant());
        }
        forgetOld(now);
        loadedAt = stamp;
        return null;
      });
    loading = load;
    load.onComplete(done -> {
      synchronized (this) {
        if (loading == load) {
          loading = null;
        }
      }
    });
    return load;
  }

  /** Revocations older than any access token they could concern are forgotten. */
  private void forgetOld(Instant now) {
    Instant horizon = now.minus(remembered);
    revoked.values().removeIf(at -> at.isBefore(horizon));
  }
}
