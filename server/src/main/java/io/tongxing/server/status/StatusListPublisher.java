package io.tongxing.server.status;

import io.tongxing.jose.SigningKey;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.http.ETags;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.status.StatusList;
import io.tongxing.status.StatusListToken;
import io.tongxing.token.RegionCode;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.db.ChangeNotices.Stamp;
import io.tongxing.server.db.ChangeNotices.Topic;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Serves the region's status lists as signed Status List Tokens. A list is rebuilt from the tokens
 * that are not VALID and signed again when one of its statuses changed, or when the copy in hand is
 * older than the re-sign interval: devices judge freshness by the token's {@code iat}, so an
 * unchanged list is still signed anew now and then.
 */
public final class StatusListPublisher {

  private final SigningKeys keys;
  private final ChangeNotices notices;
  private final StatusIndexes indexes;
  private final RegionCode region;
  private final Supplier<String> statusListBase;
  private final Clock clock;
  private final Duration ttl;
  private final Duration resign;
  private final Duration validity;
  private final Map<Long, Published> cache = new ConcurrentHashMap<>();

  public StatusListPublisher(SigningKeys keys, ChangeNotices notices, StatusIndexes indexes, RegionCode region, Supplier<String> statusListBase,
                             Clock clock, Duration ttl, Duration resign, Duration validity) {
    this.keys = keys;
    this.notices = notices;
    this.indexes = indexes;
    this.region = region;
    this.statusListBase = statusListBase;
    this.clock = clock;
    this.ttl = ttl;
    this.resign = resign;
    this.validity = validity;
  }

  /** The signed list {@code list}, or {@code null} if no such list exists yet. */
  public Future<Published> list(SqlClient client, long list) {
    return indexes.lastList(client).compose(last -> {
      if (list < 1 || list > Math.max(1, last)) {
        return Future.succeededFuture(null);
      }
      // The content version: the latest status change, numbered by a sequence (V21), never by a clock.
      return client.preparedQuery("select coalesce(max(status_version), 0) from issued_tokens where list_id = $1")
        .execute(Tuple.of(list))
        .compose(rows -> {
          long version = rows.iterator().next().getLong(0);
          Instant now = clock.instant();
          Published cached = cache.get(list);
          // A rotation on any node re-signs the list with the new key at the next request.
          if (cached != null && cached.version == version && cached.signedAt.plus(resign).isAfter(now)
            && notices.isCurrent(cached.keys)) {
            return Future.succeededFuture(cached);
          }
          return build(client, list, version, now, notices.stamp(Topic.KEYS));
        });
    });
  }

  /** How long a device may keep a copy (the token's {@code ttl}). */
  public Duration ttl() {
    return ttl;
  }

  private Future<Published> build(SqlClient client, long list, long version, Instant now, Stamp keyStamp) {
    return client.preparedQuery("select idx, status from issued_tokens where list_id = $1 and status <> 0")
      .execute(Tuple.of(list))
      .compose(rows -> {
        StatusList.Builder statuses = StatusList.builder(2, indexes.listSize());
        rows.forEach(row -> statuses.set(row.getInteger("idx"), row.getShort("status")));
        return keys.signer(client, KeyPurpose.TOKEN).map(key -> sign(key, list, statuses.build(), version, now, keyStamp));
      });
  }

  private Published sign(SigningKey key, long list, StatusList statuses, long version, Instant now, Stamp keyStamp) {
    String token = StatusListToken.sign(key, region, statusListBase.get() + list, statuses, now, now.plus(validity), ttl);
    Published published = new Published(token, ETags.of(token), version, now, keyStamp);
    cache.put(list, published);
    return published;
  }

  /** A signed list, its ETag, its content version (the number of the latest status change it reflects), and when it was signed. */
  public record Published(String token, String etag, long version, Instant signedAt, Stamp keys) {
  }
}
