package io.tongxing.server.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.tongxing.jose.KeyIds;
import io.tongxing.jose.SigningKey;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.db.ChangeNotices.Stamp;
import io.tongxing.server.db.ChangeNotices.Topic;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The region's ES256 keys, kept in PostgreSQL with the private half sealed by the data key (AES-GCM,
 * bound to purpose and kid). Private keys never leave the server. A rotation publishes the new key
 * {@code lead} before it signs, so checkpoints learn it at their next sync; the retired key stays
 * published until the last token it signed has expired.
 */
public final class SigningKeys {

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  /** One region, one key ceremony at a time, whatever the number of nodes. */
  private static final long ADVISORY_LOCK = 0x7458_6b65_7973L;
  private static final String FIELD = "signing-key";

  private final FieldCipher cipher;
  private final Provider provider;
  private final SecureRandom random;
  private final ChangeNotices notices;
  private final Clock clock;
  private final Map<KeyPurpose, Loaded> signers = new ConcurrentHashMap<>();

  public SigningKeys(FieldCipher cipher, Provider provider, SecureRandom random, ChangeNotices notices, Clock clock) {
    this.cipher = cipher;
    this.provider = provider;
    this.random = random;
    this.notices = notices;
    this.clock = clock;
  }

  /** Generates the region's first token and trust keys if it has none; idempotent across nodes. */
  public Future<Void> ensure(Pool pool) {
    return pool.withTransaction(tx -> lock(tx)
      .compose(v -> ensure(tx, KeyPurpose.TOKEN))
      .compose(v -> ensure(tx, KeyPurpose.TRUST)));
  }

  /**
   * The key that signs {@code purpose} now, kept until its signing window ends or a rotation on any
   * node announces itself ({@link ChangeNotices}).
   */
  public Future<SigningKey> signer(SqlClient client, KeyPurpose purpose) {
    Instant now = clock.instant();
    Loaded loaded = signers.get(purpose);
    if (loaded != null && notices.isCurrent(loaded.stamp) && loaded.signsAt(now)) {
      return Future.succeededFuture(loaded.key);
    }
    Stamp stamp = notices.stamp(Topic.KEYS);
    return client.preparedQuery("select kid, private_enc, valid_from, valid_until from signing_keys "
        + "where purpose = $1 and valid_from <= $2 and (valid_until is null or valid_until > $2) "
        + "order by valid_from desc limit 1")
      .execute(Tuple.of(purpose.name(), at(now)))
      .map(rows -> {
        if (rows.size() == 0) {
          throw new IllegalStateException("no " + purpose + " key signs now: run SigningKeys.ensure at start-up");
        }
        Row row = rows.iterator().next();
        String kid = row.getString("kid");
        ECKey jwk = privateJwk(purpose, kid, row.getBuffer("private_enc").getBytes());
        SigningKey key = SigningKey.of(jwk, provider);
        Instant until = row.getOffsetDateTime("valid_until") == null ? null : row.getOffsetDateTime("valid_until").toInstant();
        signers.put(purpose, new Loaded(key, stamp, until));
        return key;
      });
  }

  /** Every key of {@code purpose} still published at {@code now}: pending, active and retired. */
  public Future<List<PublishedKey>> published(SqlClient client, KeyPurpose purpose) {
    return client.preparedQuery("select kid, public_jwk, created_at, valid_from, valid_until, publish_until from signing_keys "
        + "where purpose = $1 and (publish_until is null or publish_until > $2) order by valid_from")
      .execute(Tuple.of(purpose.name(), at(clock.instant())))
      .map(rows -> {
        List<PublishedKey> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(published(purpose, row)));
        return keys;
      });
  }

  /** Every key ever made, newest first, for the admin console. */
  public Future<List<PublishedKey>> all(SqlClient client) {
    return client.query("select purpose, kid, public_jwk, created_at, valid_from, valid_until, publish_until "
        + "from signing_keys order by created_at desc").execute()
      .map(rows -> {
        List<PublishedKey> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(published(KeyPurpose.valueOf(row.getString("purpose")), row)));
        return keys;
      });
  }

  /**
   * The version of what the keys publish: the epoch second of the latest change (a key made,
   * retired, or dropped from publication). Trust bundles carry it; it only grows.
   */
  public Future<Long> version(SqlClient client) {
    return client.preparedQuery("select coalesce(max(greatest(extract(epoch from created_at), "
        + "coalesce(extract(epoch from valid_until), 0), "
        + "case when publish_until <= $1 then extract(epoch from publish_until) else 0 end)), 0)::bigint from signing_keys")
      .execute(Tuple.of(at(clock.instant())))
      .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Makes a new key of {@code purpose}: it is published at once and signs from {@code now + lead}
   * (at once when {@code lead} is zero, as after a compromise); the keys signing until then stop
   * at that instant and stay published for {@code retention} more.
   */
  public Future<PublishedKey> rotate(SqlConnection tx, KeyPurpose purpose, Duration lead, Duration retention) {
    Instant now = clock.instant();
    Instant switchAt = now.plus(lead);
    return lock(tx)
      .compose(v -> tx.preparedQuery("update signing_keys set valid_until = $2, publish_until = $3 "
          + "where purpose = $1 and (valid_until is null or valid_until > $2)")
        .execute(Tuple.of(purpose.name(), at(switchAt), at(switchAt.plus(retention)))))
      .compose(v -> insert(tx, purpose, now, switchAt))
      .compose(key -> ChangeNotices.announce(tx, Topic.KEYS).map(key))
      .onSuccess(key -> {
        notices.changedHere(Topic.KEYS);
        LOG.info("key rotation: new {} key {} signs from {}", purpose, key.kid(), switchAt);
      });
  }

  /**
   * Rotates the token key when the one signing now is older than {@code every} and no successor
   * is pending; a no-op otherwise. Run periodically; the advisory lock makes it once per region.
   */
  public Future<Boolean> rotateIfDue(Pool pool, Duration every, Duration lead, Duration retention) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> lock(tx)
      .compose(v -> tx.preparedQuery("select "
          + "(select max(valid_from) from signing_keys where purpose = 'TOKEN' and valid_from <= $1) as current_from, "
          + "(select count(*) from signing_keys where purpose = 'TOKEN' and valid_from > $1) as pending")
        .execute(Tuple.of(at(now))))
      .compose(rows -> {
        Row row = rows.iterator().next();
        OffsetDateTime currentFrom = row.getOffsetDateTime("current_from");
        boolean due = currentFrom != null && row.getLong("pending") == 0
          && !currentFrom.toInstant().plus(every).minus(lead).isAfter(now);
        return due
          ? rotate(tx, KeyPurpose.TOKEN, lead, retention).map(true)
          : Future.succeededFuture(false);
      }))
      .andThen(rotated -> forgetCached());
  }

  /** After a rotation committed on this node: its own caches need not wait for the notice. */
  public void forgetCached() {
    notices.changedHere(Topic.KEYS);
  }

  private Future<Void> ensure(SqlConnection tx, KeyPurpose purpose) {
    return tx.preparedQuery("select count(*) from signing_keys where purpose = $1").execute(Tuple.of(purpose.name()))
      .compose(rows -> rows.iterator().next().getLong(0) > 0
        ? Future.<Void>succeededFuture()
        : insert(tx, purpose, clock.instant(), clock.instant()).onSuccess(key ->
            LOG.info("generated the region's first {} key {}", purpose, key.kid())).mapEmpty());
  }

  private Future<PublishedKey> insert(SqlConnection tx, KeyPurpose purpose, Instant now, Instant validFrom) {
    ECKey jwk;
    try {
      jwk = new ECKeyGenerator(Curve.P_256).secureRandom(random).generate();
    } catch (JOSEException e) {
      return Future.failedFuture(new IllegalStateException("cannot generate a P-256 key", e));
    }
    ECPublicKey publicKey;
    try {
      publicKey = jwk.toECPublicKey();
    } catch (JOSEException e) {
      return Future.failedFuture(e);
    }
    String kid = KeyIds.of(publicKey);
    ECKey stored = new ECKey.Builder(jwk).keyID(kid).build();
    // A kid already in use (one chance in 2^36 per key) is simply drawn again.
    return tx.preparedQuery("insert into signing_keys (purpose, kid, public_jwk, private_enc, created_at, valid_from) "
        + "values ($1, $2, $3, $4, $5, $6) on conflict (purpose, kid) do nothing")
      .execute(Tuple.of(purpose.name(), kid, new JsonObject(stored.toPublicJWK().toJSONObject()),
        cipher.encrypt(stored.toJSONString(), FIELD, purpose + ":" + kid), at(now), at(validFrom)))
      .compose(result -> result.rowCount() == 1
        ? Future.succeededFuture(new PublishedKey(purpose, kid, publicKey, now, validFrom, Optional.empty(), Optional.empty()))
        : insert(tx, purpose, now, validFrom));
  }

  private ECKey privateJwk(KeyPurpose purpose, String kid, byte[] sealed) {
    try {
      return ECKey.parse(cipher.decrypt(sealed, FIELD, purpose + ":" + kid));
    } catch (ParseException e) {
      throw new IllegalStateException("signing key " + kid + " is not a JWK", e);
    }
  }

  private static PublishedKey published(KeyPurpose purpose, Row row) {
    try {
      ECPublicKey key = ECKey.parse(row.getJsonObject("public_jwk").getMap()).toECPublicKey();
      return new PublishedKey(purpose, row.getString("kid"), key, row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("valid_from").toInstant(), instant(row, "valid_until"), instant(row, "publish_until"));
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("stored public key " + row.getString("kid") + " is not a P-256 JWK", e);
    }
  }

  private static Optional<Instant> instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }

  private static Future<Void> lock(SqlConnection tx) {
    return tx.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(ADVISORY_LOCK)).mapEmpty();
  }

  static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private record Loaded(SigningKey key, Stamp stamp, Instant validUntil) {
    boolean signsAt(Instant now) {
      return validUntil == null || validUntil.isAfter(now);
    }
  }
}
