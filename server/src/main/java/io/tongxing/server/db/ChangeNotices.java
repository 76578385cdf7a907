package io.tongxing.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How a change made on one node reaches the caches of every node of the region: the transaction
 * that changes cached state sends {@code NOTIFY} (delivered only if it commits), and each node
 * LISTENs on one connection of its own. A cache remembers the {@link Stamp} it was filled under and
 * is trusted only while nothing of its topic changed since and the node is listening; while the
 * listening connection is down (a notice may be lost) every cache reads through to the database,
 * and when it is back every topic counts as changed.
 */
public final class ChangeNotices {

  /** What changed; each cache names the topics it depends on. */
  public enum Topic {
    /** A rule set was published. */
    RULES,
    /** A signing key was made or retired. */
    KEYS,
    /** A login was revoked (logout, a reused refresh token, a password reset); each notice names one. */
    LOGINS,
    /** Residents' current health codes changed (a code issued, a phone key registered); each notice names some. */
    CODES
  }

  static final String CHANNEL = "tongxing_changes";
  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotices.class);
  private static final long RECONNECT_MILLIS = 1_000;

  private final PgSubscriber subscriber;
  private final Map<Topic, AtomicLong> generations = new EnumMap<>(Topic.class);
  private final Map<Topic, Consumer<String>> detailHandlers = new ConcurrentHashMap<>();
  private volatile boolean listening;
  /** The connection whose LISTEN is in place. */
  private volatile PgConnection listeningOn;

  private ChangeNotices(PgSubscriber subscriber) {
    this.subscriber = subscriber;
    for (Topic topic : Topic.values()) {
      generations.put(topic, new AtomicLong());
    }
  }

  /** Listens on a connection of its own; the future completes once the first LISTEN is in place. */
  public static Future<ChangeNotices> listen(Vertx vertx, PgConnectOptions database) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(database))
      // Forever, once a second: a database that was away for a minute must not leave caches off for good.
      .reconnectPolicy(attempts -> RECONNECT_MILLIS);
    ChangeNotices notices = new ChangeNotices(subscriber);
    subscriber.channel(CHANNEL)
      .subscribeHandler(v -> notices.subscribed())
      .handler(notices::received);
    return subscriber.connect().map(notices);
  }

  /** Tells every node (this one included) that {@code topic} changed, when {@code tx} commits. */
  public static Future<Void> announce(SqlClient tx, Topic topic) {
    return tx.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, topic.name())).mapEmpty();
  }

  /**
   * Tells every node (this one included) that some things of {@code topic} changed, when {@code tx}
   * commits: one notice for each of {@code details} (each no longer than a few thousand bytes), all in
   * one statement, carried to the handler of {@link #onDetail}; they do not make the topic's caches
   * stale.
   */
  public static Future<Void> announce(SqlClient tx, Topic topic, List<String> details) {
    String[] payloads = details.stream().map(detail -> topic.name() + ":" + detail).toArray(String[]::new);
    return tx.preparedQuery("select pg_notify($1, payload) from unnest($2::text[]) as payload")
      .execute(Tuple.tuple().addString(CHANNEL).addArrayOfString(payloads)).mapEmpty();
  }

  /**
   * Runs {@code action} once what {@code tx} did is durable: when its transaction commits (not if it
   * rolls back), or now if it runs outside one. For a node to act on its own change before it
   * answers, rather than when its own notice comes back.
   */
  public static void afterCommit(SqlClient tx, Runnable action) {
    if (tx instanceof SqlConnection connection && connection.transaction() != null) {
      connection.transaction().completion().onSuccess(done -> action.run());
    } else {
      action.run();
    }
  }

  /** Where the notices of {@link #announce(SqlClient, Topic, List)} go on this node: one handler a topic. */
  public void onDetail(Topic topic, Consumer<String> handler) {
    detailHandlers.put(topic, handler);
  }

  /** Where a cache stands now; {@code null} while this node cannot hear notices (do not cache then). */
  public Stamp stamp(Topic topic) {
    return isListening() ? new Stamp(topic, generations.get(topic).get()) : null;
  }

  /** Whether what was cached under {@code stamp} may still be served. */
  public boolean isCurrent(Stamp stamp) {
    return stamp != null && isListening() && generations.get(stamp.topic()).get() == stamp.generation();
  }

  /** Forgets this node's caches of {@code topic} now, ahead of the notice (the change committed here). */
  public void changedHere(Topic topic) {
    generations.get(topic).incrementAndGet();
  }

  public boolean isListening() {
    // A connection made again is not listening until its LISTEN is in place (subscribed() names it).
    PgConnection connection = subscriber.actualConnection();
    return listening && connection != null && connection == listeningOn;
  }

  public Future<Void> close() {
    listening = false;
    return subscriber.close();
  }

  private void subscribed() {
    // Notices sent while the connection was down are lost: count everything as changed.
    generations.values().forEach(AtomicLong::incrementAndGet);
    if (listening) {
      LOG.info("listening for changes again: caches refilled from the database");
    }
    listeningOn = subscriber.actualConnection();
    listening = true;
  }

  private void received(String payload) {
    int colon = payload.indexOf(':');
    try {
      if (colon < 0) {
        changedHere(Topic.valueOf(payload));
        return;
      }
      Consumer<String> handler = detailHandlers.get(Topic.valueOf(payload.substring(0, colon)));
      if (handler != null) {
        handler.accept(payload.substring(colon + 1));
      }
    } catch (IllegalArgumentException unknown) {
      // A newer node's topic: forget everything rather than keep something stale.
      generations.values().forEach(AtomicLong::incrementAndGet);
    }
  }

  /** The generation of one topic when a cache was filled. */
  public record Stamp(Topic topic, long generation) {
  }
}
