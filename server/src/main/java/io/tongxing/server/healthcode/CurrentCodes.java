package io.tongxing.server.healthcode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.db.ChangeNotices.Stamp;
import io.tongxing.server.db.ChangeNotices.Topic;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Each resident's current health code as this node last read it from the database, so that showing
 * a code — most of a region's requests on a morning peak, with the app asking again every 30 s while
 * the code is on screen — needs no database read.
 *
 * <p>What makes a code current changes only where {@link HealthCodes} issues a code (a check-in, a
 * colour change, a first fetch) or registers a phone key, and each of those commits with a notice
 * naming the residents ({@link ChangeNotices}, topic {@link Topic#CODES}): every node forgets them
 * when the notice arrives, within milliseconds; the node that made the change forgets them as it makes
 * it and again the moment it commits, before it answers. Until another node hears the notice it may
 * show the resident's previous code: after a check-in still valid; after a colour change revoked in
 * the same transaction, which a checkpoint learns from its next status list, minutes apart, never
 * from this cache.
 *
 * <p>A read that raced a change is not kept: each fill remembers the generation of its resident's
 * stripe, which every change bumps, and is kept only if it has not moved. While the node cannot hear
 * notices nothing is kept, and when it hears them again everything kept before is dropped (notices
 * may have been lost meanwhile). Expiry is the caller's to check: an entry is the code as read, with
 * its expiry.
 */
public final class CurrentCodes implements MeterBinder {

  /** Residents named in one notice: 100 UUIDs and their commas fit PostgreSQL's 8,000-byte payload. */
  static final int ACCOUNTS_PER_NOTICE = 100;
  /** Generations of this many stripes of residents: a fill is dropped only if its stripe changed while it read. */
  private static final int STRIPES = 1 << 16;
  /** Residents not shown in this long are dropped: their screens are off. */
  private static final Duration IDLE = Duration.ofMinutes(30);

  /** Where a read of the database began: what it finds is kept only if nothing of its resident changed meanwhile. */
  public record Fill(UUID account, long generation, Stamp stamp) {
  }

  private record Entry(IssuedCode code, Stamp stamp) {
  }

  private final ChangeNotices notices;
  private final Cache<UUID, Entry> codes;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

  /** Keeps at most {@code maxEntries} residents' codes; 0 keeps none (every display reads the database). */
  public CurrentCodes(ChangeNotices notices, int maxEntries) {
    this.notices = notices;
    this.codes = maxEntries == 0 ? null
      : Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(IDLE).recordStats().build();
    notices.onDetail(Topic.CODES, this::noticed);
  }

  /**
   * Publishes how often a display found its code in memory: {@code cache_gets_total{cache="current_codes",
   * result="hit"|"miss"}}, {@code cache_size}, {@code cache_evictions_total} (a hit on a copy kept
   * before the node last stopped listening is counted as a hit, then read from the database).
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    if (codes != null) {
      CaffeineCacheMetrics.monitor(registry, codes, "current_codes");
    }
  }

  /** The resident's current code as last read, or {@code null} if this node must ask the database. */
  public IssuedCode get(UUID account) {
    Entry entry = codes == null ? null : codes.getIfPresent(account);
    return entry != null && notices.isCurrent(entry.stamp()) ? entry.code() : null;
  }

  /** Call before reading the resident's current code from the database; give the result to {@link #keep}. */
  public Fill begin(UUID account) {
    return new Fill(account, generations.get(stripe(account)), notices.stamp(Topic.CODES));
  }

  /** Keeps what a read found, unless the resident's codes changed since it began, or notices could have been missed. */
  public void keep(Fill fill, IssuedCode code) {
    if (codes == null || fill.stamp() == null) {
      return;
    }
    int stripe = stripe(fill.account());
    // Atomic with forget's removal of the same resident: a change either came first (the generation
    // moved, nothing is kept) or removes what is kept here.
    codes.asMap().compute(fill.account(),
      (account, kept) -> generations.get(stripe) == fill.generation() ? new Entry(code, fill.stamp()) : kept);
  }

  /**
   * The current codes of {@code accounts} change with {@code tx}: tells every node when it commits,
   * and forgets them on this node at that moment.
   */
  public Future<Void> changed(SqlClient tx, Collection<UUID> accounts) {
    if (accounts.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> copy = List.copyOf(accounts);
    List<String> details = new ArrayList<>();
    for (int from = 0; from < copy.size(); from += ACCOUNTS_PER_NOTICE) {
      StringBuilder detail = new StringBuilder();
      for (UUID account : copy.subList(from, Math.min(copy.size(), from + ACCOUNTS_PER_NOTICE))) {
        detail.append(detail.isEmpty() ? "" : ",").append(account);
      }
      details.add(detail.toString());
    }
    // Forgotten now as well as at the commit: whatever runs first after the commit, the transaction's
    // own continuation or its completion handlers, finds nothing of them kept from before.
    copy.forEach(this::forget);
    return ChangeNotices.announce(tx, Topic.CODES, details)
      .onSuccess(v -> ChangeNotices.afterCommit(tx, () -> copy.forEach(this::forget)));
  }

  private void forget(UUID account) {
    generations.incrementAndGet(stripe(account));
    if (codes != null) {
      codes.asMap().remove(account);
    }
  }

  private void noticed(String detail) {
    for (String account : detail.split(",")) {
      try {
        forget(UUID.fromString(account));
      } catch (IllegalArgumentException garbled) {
        // Not a resident this node can name: drop every code kept so far rather than keep a stale one.
        notices.changedHere(Topic.CODES);
        return;
      }
    }
  }

  private static int stripe(UUID account) {
    long bits = account.getLeastSignificantBits() ^ account.getMostSignificantBits();
    return (int) (bits ^ (bits >>> 32)) & (STRIPES - 1);
  }
}
