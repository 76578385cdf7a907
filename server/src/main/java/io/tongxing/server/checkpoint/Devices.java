package io.tongxing.server.checkpoint;

import io.tongxing.jose.SignedDataException;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.Throttle;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.DeviceAuthenticator;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.PublishedKey;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.trust.TrustApi;
import io.tongxing.sync.DeviceRequestProof;
import io.tongxing.token.HolderKey;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoint devices: one-time enrollment codes, enrollment (the device registers its own P-256 key
 * and pins the region's trust keys), disabling, and the check of the signature every device request
 * carries.
 *
 * <p>Enrollment codes are 12 characters from a 32-letter alphabet without look-alikes (60 bits),
 * valid for minutes, used once, and stored only as an HMAC under a key derived from the lookup key.
 * Enrolling needs an officer bound to the code's checkpoint and a proof that the device holds the
 * private key it registers.
 */
public final class Devices implements DeviceAuthenticator {

  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int CODE_LENGTH = 12;
  private static final int MAX_FAILED_ENROLLMENTS = 5;
  private static final Duration ENROLLMENT_WINDOW = Duration.ofMinutes(15);

  private final Pool pool;
  private final Checkpoints checkpoints;
  private final SigningKeys keys;
  private final Throttle throttle;
  private final AuditLog audit;
  private final byte[] codeKey;
  private final Provider provider;
  private final SecureRandom random;
  private final Clock clock;
  private final Duration codeTtl;
  private final Duration skew;
  /** Device keys never change (a new key is a new enrollment), so decoded keys are kept. */
  private final Map<UUID, ECPublicKey> deviceKeys = new ConcurrentHashMap<>();

  public Devices(Pool pool, Checkpoints checkpoints, SigningKeys keys, Throttle throttle, AuditLog audit, byte[] codeKey,
                 Provider provider, SecureRandom random, Clock clock, Duration codeTtl, Duration skew) {
    this.pool = pool;
    this.checkpoints = checkpoints;
    this.keys = keys;
    this.throttle = throttle;
    this.audit = audit;
    this.codeKey = codeKey.clone();
    this.provider = provider;
    this.random = random;
    this.clock = clock;
    this.codeTtl = codeTtl;
    this.skew = skew;
  }

  /** A new one-time enrollment code for a checkpoint; shown once, stored only as its keyed hash. */
  public Future<JsonObject> issueCode(Principal admin, String checkpointId, String reason) {
    String code = newCode();
    Instant now = clock.instant();
    Instant expires = now.plus(codeTtl);
    return pool.withTransaction(tx -> checkpoints.requireCheckpoint(tx, checkpointId)
        .compose(v -> tx.preparedQuery("insert into enrollment_codes (code_hash, checkpoint_id, created_at, created_by, expires_at) "
            + "values ($1, $2, $3, $4, $5)")
          .execute(Tuple.of(Buffer.buffer(hash(code)), checkpointId, Checkpoints.at(now), admin.accountId(), Checkpoints.at(expires))))
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "checkpoint.enrollment_code_issued", "checkpoint", checkpointId,
          reason, new JsonObject().put("expiresAt", expires.toString())))))
      .map(v -> new JsonObject().put("code", code).put("checkpointId", checkpointId).put("expiresAt", expires.toString()));
  }

  /**
   * Enrolls a device: the officer, bound to the code's checkpoint, hands over the code and the
   * device's public key with the device's proof over this very request. Answers the device id, the
   * checkpoint and the trust keys to pin.
   */
  public Future<JsonObject> enroll(Principal officer, RoutingContext ctx, JsonObject body, String proofHeader) {
    HolderKey deviceKey;
    try {
      deviceKey = HolderKey.decode(body.getString("publicKey"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("INVALID_DEVICE_KEY", "publicKey");
    }
    DeviceRequestProof proof;
    try {
      proof = DeviceRequestProof.verify(proofHeader, deviceKey.publicKey(), provider);
    } catch (SignedDataException e) {
      throw ApiException.invalidField("DEVICE_PROOF_INVALID", "Tx-Device-Proof");
    }
    if (!proof.kid().equals(deviceKey.encoded()) || !proof.covers(ctx.request().method().name(), ctx.request().path(), bodyBytes(ctx))) {
      throw ApiException.invalidField("DEVICE_PROOF_INVALID", "Tx-Device-Proof");
    }
    requireFresh(proof);
    String throttleKey = "enrollment:" + officer.accountId();
    UUID deviceId = UUID.randomUUID();
    Instant now = clock.instant();
    long firstSequence = body.getLong("firstSequence", 1L);
    return throttle.lockedFor(List.of(throttleKey))
      .compose(locked -> {
        if (locked.isPresent()) {
          return Future.failedFuture(ApiException.tooManyRequests("TOO_MANY_ENROLLMENT_ATTEMPTS", Throttle.retryAfterSeconds(locked.get())));
        }
        return pool.withTransaction(tx -> tx.preparedQuery("update enrollment_codes set used_at = $2, device_id = $3 "
              + "where code_hash = $1 and used_at is null and expires_at > $2 returning checkpoint_id")
            .execute(Tuple.of(Buffer.buffer(hash(normalized(body.getString("code")))), Checkpoints.at(now), deviceId))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(ApiException.invalidField("ENROLLMENT_CODE_INVALID", "code"));
              }
              String checkpointId = rows.iterator().next().getString("checkpoint_id");
              return checkpoints.isOfficerAt(tx, officer.accountId(), checkpointId).compose(bound -> bound
                ? Future.succeededFuture(checkpointId)
                : Future.failedFuture(ApiException.forbidden("OFFICER_NOT_AT_CHECKPOINT")));
            })
            // The key is claimed in its own table first (V80): unique across the region on Citus too.
            .compose(checkpointId -> tx.preparedQuery("insert into device_public_keys (public_key, device_id) values ($1, $2)")
              .execute(Tuple.of(deviceKey.encoded(), deviceId))
              .compose(v -> tx.preparedQuery("insert into devices (id, checkpoint_id, public_key, label, enrolled_at, "
                + "enrolled_by, first_sequence, max_sequence) values ($1, $2, $3, $4, $5, $6, $7, $8)")
              .execute(Tuple.from(new Object[] {deviceId, checkpointId, deviceKey.encoded(), body.getString("label"),
                Checkpoints.at(now), officer.accountId(), firstSequence, firstSequence - 1})))
              .compose(v -> audit.append(tx, AuditEntry.by(officer, "device.enrolled", "device", deviceId.toString(),
                "enrolled with a one-time code", new JsonObject().put("checkpointId", checkpointId)
                  .put("label", body.getString("label")).put("firstSequence", firstSequence))))
              .compose(v -> checkpoints.describe(tx, checkpointId))))
          .recover(failure -> failure instanceof ApiException && "ENROLLMENT_CODE_INVALID".equals(((ApiException) failure).code())
            ? throttle.hit(throttleKey, MAX_FAILED_ENROLLMENTS, ENROLLMENT_WINDOW, ENROLLMENT_WINDOW)
              .compose(v -> Future.failedFuture(failure))
            : Future.failedFuture(failure));
      })
      .compose(checkpoint -> trustKeysToPin().map(trustKeys -> {
        JsonArray jwks = new JsonArray();
        JsonArray thumbprints = new JsonArray();
        trustKeys.forEach(key -> {
          jwks.add(TrustApi.jwk(key.publicKey(), key.kid()));
          thumbprints.add(TrustApi.thumbprint(key.publicKey()));
        });
        deviceKeys.put(deviceId, deviceKey.publicKey());
        return new JsonObject()
          .put("deviceId", deviceId.toString())
          .put("checkpoint", checkpoint)
          .put("trustKeys", jwks)
          .put("trustKeyThumbprints", thumbprints)
          .put("firstSequence", firstSequence)
          .put("serverTime", now.toString());
      }));
  }

  /** Disables a device: from now on every request it signs is refused. */
  public Future<JsonObject> disable(Principal admin, UUID deviceId, String reason) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> tx.preparedQuery("update devices set disabled_at = coalesce(disabled_at, $2), "
          + "disabled_by = coalesce(disabled_by, $3), disabled_reason = coalesce(disabled_reason, $4) where id = $1 "
          + "returning id, label, enrolled_at, enrolled_by, first_sequence, max_sequence, records_counted, last_seen_at, "
          + "last_upload_at, disabled_at, disabled_reason, checkpoint_id")
        .execute(Tuple.of(deviceId, Checkpoints.at(now), admin.accountId(), reason))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiException.notFound("DEVICE_NOT_FOUND"));
          }
          Row row = rows.iterator().next();
          return audit.append(tx, AuditEntry.by(admin, "device.disabled", "device", deviceId.toString(), reason,
              new JsonObject().put("checkpointId", row.getString("checkpoint_id"))))
            .map(v -> describe(row).put("checkpointId", row.getString("checkpoint_id")));
        }));
  }

  @Override
  public Future<Principal> authenticate(RoutingContext ctx, String proofText) {
    UUID deviceId;
    try {
      deviceId = UUID.fromString(DeviceRequestProof.unverifiedKid(proofText));
    } catch (SignedDataException | IllegalArgumentException e) {
      return Future.failedFuture(ApiException.unauthorized("DEVICE_SIGNATURE_INVALID"));
    }
    return pool.preparedQuery("select checkpoint_id, public_key, disabled_at from devices where id = $1")
      .execute(Tuple.of(deviceId))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ApiException.unauthorized("DEVICE_UNKNOWN");
        }
        Row row = rows.iterator().next();
        ECPublicKey key = deviceKeys.computeIfAbsent(deviceId, id -> HolderKey.decode(row.getString("public_key")).publicKey());
        DeviceRequestProof proof;
        try {
          proof = DeviceRequestProof.verify(proofText, key, provider);
        } catch (SignedDataException e) {
          throw ApiException.unauthorized("DEVICE_SIGNATURE_INVALID");
        }
        if (!proof.covers(ctx.request().method().name(), ctx.request().path(), bodyBytes(ctx))) {
          throw ApiException.unauthorized("DEVICE_SIGNATURE_MISMATCH");
        }
        if (row.getOffsetDateTime("disabled_at") != null) {
          throw ApiException.forbidden("DEVICE_DISABLED");
        }
        requireFresh(proof);
        ctx.put(DeviceCaller.KEY, new DeviceCaller(deviceId, row.getString("checkpoint_id"), proof));
        return new Principal(deviceId, Role.DEVICE);
      });
  }

  /** Deletes spent nonces older than the replay window (a request that old is refused for its time anyway). */
  public Future<Integer> sweepNonces() {
    return pool.preparedQuery("delete from device_nonces where seen_at < $1")
      .execute(Tuple.of(Checkpoints.at(clock.instant().minus(skew.multipliedBy(2)))))
      .map(rows -> rows.rowCount());
  }

  /** The region's trust key signing now and any announced successor: what a device pins. */
  private Future<List<PublishedKey>> trustKeysToPin() {
    Instant now = clock.instant();
    return keys.published(pool, KeyPurpose.TRUST).map(published -> published.stream()
      .filter(key -> key.validUntil().map(until -> until.isAfter(now)).orElse(true))
      .toList());
  }

  private void requireFresh(DeviceRequestProof proof) {
    Instant now = clock.instant();
    if (proof.issuedAt().isBefore(now.minus(skew)) || proof.issuedAt().isAfter(now.plus(skew))) {
      throw new ApiException(401, "DEVICE_CLOCK_SKEW", new JsonObject().put("serverTime", now.toString())
        .put("field", "iat"), 0);
    }
  }

  static byte[] bodyBytes(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    return body == null ? new byte[0] : body.getBytes();
  }

  /** {@code XXXX-XXXX-XXXX}: easy to read out and type. */
  private String newCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < CODE_LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** Upper case, without the dashes and spaces people type. */
  static String normalized(String code) {
    return code.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
  }

  private byte[] hash(String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(codeKey, "HmacSHA256"));
      return mac.doFinal(normalized(code).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** An admin's view of a device: enrollment, activity, and how many of its records have not arrived. */
  static JsonObject describe(Row row) {
    long first = row.getLong("first_sequence");
    long max = row.getLong("max_sequence");
    long counted = row.getLong("records_counted");
    return new JsonObject()
      .put("deviceId", row.getUUID("id").toString())
      .put("label", row.getString("label"))
      .put("enrolledAt", row.getOffsetDateTime("enrolled_at").toInstant().toString())
      .put("enrolledBy", row.getUUID("enrolled_by").toString())
      .put("firstSequence", first)
      .put("maxSequence", max)
      .put("missingRecords", Math.max(0, max - first + 1 - counted))
      .put("lastSeenAt", instant(row, "last_seen_at"))
      .put("lastUploadAt", instant(row, "last_upload_at"))
      .put("disabledAt", instant(row, "disabled_at"))
      .put("disabledReason", row.getString("disabled_reason"));
  }

  private static String instant(Row row, String column) {
    return Optional.ofNullable(row.getOffsetDateTime(column)).map(t -> t.toInstant().toString()).orElse(null);
  }
}
