package io.tongxing.server.auth;

import io.tongxing.server.auth.OneTimeCodeSender.Purpose;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Six-digit one-time codes for phone verification. Codes are stored as keyed hashes, expire, allow
 * a few attempts, and are sent at most once a minute per phone and a bounded number of times per
 * source address.
 */
public final class OneTimeCodes {

  private final Pool pool;
  private final FieldCipher cipher;
  private final OneTimeCodeSender sender;
  private final Throttle throttle;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration ttl;
  private final int maxAttempts;
  private final Duration minInterval;
  private final int maxPerSourcePerHour;

  public OneTimeCodes(Pool pool, FieldCipher cipher, OneTimeCodeSender sender, Throttle throttle, Clock clock,
                      SecureRandom random, JsonObject limits) {
    this.pool = pool;
    this.cipher = cipher;
    this.sender = sender;
    this.throttle = throttle;
    this.clock = clock;
    this.random = random;
    this.ttl = Duration.ofSeconds(limits.getLong("ttlSeconds"));
    this.maxAttempts = limits.getInteger("maxAttempts");
    this.minInterval = Duration.ofSeconds(limits.getLong("minIntervalSeconds"));
    this.maxPerSourcePerHour = limits.getInteger("maxPerSourcePerHour");
  }

  public Future<Void> send(String phone, Purpose purpose, String source) {
    byte[] target = cipher.lookupHash("otp-target", phone);
    OffsetDateTime now = now();
    String sourceKey = "otp-source:" + source;
    return throttle.lockedFor(List.of(sourceKey))
      .compose(locked -> locked.isPresent()
        ? Future.failedFuture(ApiException.tooManyRequests("TOO_MANY_CODES", Throttle.retryAfterSeconds(locked.get())))
        : pool.preparedQuery("select max(created_at) as last from one_time_codes where target_hash = $1 and purpose = $2")
          .execute(Tuple.of(target, purpose.name())))
      .compose(rows -> {
        OffsetDateTime last = rows.iterator().next().getOffsetDateTime("last");
        if (last != null && last.plus(minInterval).isAfter(now)) {
          return Future.failedFuture(ApiException.tooManyRequests("TOO_MANY_CODES",
            Throttle.retryAfterSeconds(Duration.between(now, last.plus(minInterval)))));
        }
        return throttle.hit(sourceKey, maxPerSourcePerHour, Duration.ofHours(1), Duration.ofHours(1));
      })
      .compose(v -> issue(target, phone, purpose, now));
  }

  /**
   * A code for {@code target} — something other than the phone, such as one family-member request —
   * sent to {@code phone}. The caller applies its own limits; codes are checked with {@link #check}
   * naming the same target.
   */
  public Future<Void> sendFor(String target, String phone, Purpose purpose) {
    return issue(cipher.lookupHash("otp-target", target), phone, purpose, now());
  }

  private Future<Void> issue(byte[] target, String phone, Purpose purpose, OffsetDateTime now) {
    UUID id = UUID.randomUUID();
    String code = String.format("%06d", random.nextInt(1_000_000));
    return pool.preparedQuery("insert into one_time_codes (id, purpose, target_hash, code_hash, created_at, expires_at) "
        + "values ($1, $2, $3, $4, $5, $6)")
      .execute(Tuple.of(id, purpose.name(), target, codeHash(id, code), now, now.plus(ttl)))
      .compose(inserted -> sender.send(phone, code, purpose));
  }

  /**
   * Checks the latest unexpired code for this phone (or other target of {@link #sendFor}) and purpose. A wrong guess is counted at once
   * (its own statement), a right one returns the code's id for {@link #consume} inside the caller's
   * transaction.
   */
  public Future<UUID> check(String phone, Purpose purpose, String code) {
    byte[] target = cipher.lookupHash("otp-target", phone);
    OffsetDateTime now = now();
    return pool.preparedQuery("select id, code_hash, attempts from one_time_codes where target_hash = $1 and purpose = $2 "
        + "and consumed_at is null and expires_at > $3 order by created_at desc limit 1")
      .execute(Tuple.of(target, purpose.name(), now))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(ApiException.invalidField("CODE_INVALID", "code"));
        }
        Row row = rows.iterator().next();
        UUID id = row.getUUID("id");
        if (row.getInteger("attempts") >= maxAttempts) {
          return Future.failedFuture(ApiException.invalidField("CODE_INVALID", "code"));
        }
        if (MessageDigest.isEqual(row.getBuffer("code_hash").getBytes(), codeHash(id, code))) {
          return Future.succeededFuture(id);
        }
        return pool.preparedQuery("update one_time_codes set attempts = attempts + 1 where id = $1")
          .execute(Tuple.of(id))
          .compose(v -> Future.failedFuture(ApiException.invalidField("CODE_INVALID", "code")));
      });
  }

  /** Spends a checked code; fails if it was spent concurrently. */
  public Future<Void> consume(SqlClient tx, UUID codeId) {
    return tx.preparedQuery("update one_time_codes set consumed_at = $2 where id = $1 and consumed_at is null")
      .execute(Tuple.of(codeId, now()))
      .compose(rows -> rows.rowCount() == 1
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(ApiException.invalidField("CODE_INVALID", "code")));
  }

  private byte[] codeHash(UUID id, String code) {
    return cipher.lookupHash("otp-code", id + ":" + code);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
