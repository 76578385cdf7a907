package io.tongxing.server.checkpoint;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.account.RegisteredIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.Throttle;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.healthcode.HealthCodes;
import io.tongxing.server.healthcode.IssuedCode;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.sync.IdCheckAnswer;
import io.tongxing.sync.IdCheckReason;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An officer's ID-number check for a person with no code: the device signs the request (number and
 * reason), the server finds the resident by keyed hash and answers with their current health code in a
 * {@link IdCheckAnswer} signed by the trust key for this device and request, which the device verifies
 * as it verifies a scan. A number no resident here has is answered {@code not_registered} (REVIEW on
 * the device): partner regions are not asked yet. Limited per device; every check is audited with its
 * reason and answer, never the number.
 */
public final class IdChecks {

  private final Pool pool;
  private final Accounts accounts;
  private final FieldCipher cipher;
  private final HealthCodes codes;
  private final SigningKeys keys;
  private final Throttle throttle;
  private final AuditLog audit;
  private final RegionCode home;
  private final int perDevicePerHour;
  private final Clock clock;

  public IdChecks(Pool pool, Accounts accounts, FieldCipher cipher, HealthCodes codes, SigningKeys keys, Throttle throttle,
                  AuditLog audit, RegionCode home, int perDevicePerHour, Clock clock) {
    this.pool = pool;
    this.accounts = accounts;
    this.cipher = cipher;
    this.codes = codes;
    this.keys = keys;
    this.throttle = throttle;
    this.audit = audit;
    this.home = home;
    this.perDevicePerHour = perDevicePerHour;
    this.clock = clock;
  }

  public Future<JsonObject> check(DeviceCaller caller, JsonObject body) {
    String idNumber = accounts.checkedIdNumber(body.getString("idNumber"));
    IdCheckReason reason = IdCheckReason.ofCode(body.getString("reason"))
      .orElseThrow(() -> ApiException.invalidField("INVALID_ID_CHECK_REASON", "reason"));
    String limitKey = "id-checks:" + caller.deviceId();
    return throttle.lockedFor(List.of(limitKey))
      .compose(locked -> locked.isPresent()
        ? Future.failedFuture(ApiException.tooManyRequests("ID_CHECKS_LIMIT", Throttle.retryAfterSeconds(locked.get())))
        : RegisteredIdNumbers.holder(pool, cipher.lookupHash(Accounts.ID_NUMBER, idNumber)))
      .compose(person -> person.isPresent()
        ? codes.current(person.get()).map(code -> new Found(person, Optional.of(code)))
        : Future.succeededFuture(new Found(person, Optional.<IssuedCode>empty())))
      .compose(found -> record(caller, reason, found)
        .compose(v -> throttle.hit(limitKey, perDevicePerHour, Duration.ofHours(1), Duration.ofHours(1)))
        .compose(v -> keys.signer(pool, KeyPurpose.TRUST))
        .map(trustKey -> new JsonObject().put("answer", IdCheckAnswer.sign(trustKey, answer(caller, found)))));
  }

  /** The resident found by the number, and their current code. */
  private record Found(Optional<UUID> person, Optional<IssuedCode> code) {
    IdCheckAnswer.Result result() {
      return code.isPresent() ? IdCheckAnswer.Result.FOUND : IdCheckAnswer.Result.NOT_REGISTERED;
    }
  }

  /** The request's nonce spent, the check counted and audited, in one transaction. */
  private Future<Void> record(DeviceCaller caller, IdCheckReason reason, Found found) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> ScanLog.spendNonce(tx, caller, now)
      .compose(v -> tx.preparedQuery("insert into id_checks (at, device_id, checkpoint_id, reason, result, person_id) "
          + "values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(Checkpoints.at(now), caller.deviceId(), caller.checkpointId(), reason.name(), found.result().name(),
          found.person().orElse(null))))
      .compose(v -> audit.append(tx, new AuditEntry(caller.deviceId(), Role.DEVICE.name(), "id-check.answered",
        found.person().isPresent() ? "person" : "device",
        found.person().map(UUID::toString).orElse(caller.deviceId().toString()), reason.name(),
        new JsonObject().put("checkpointId", caller.checkpointId()).put("result", found.result().name())))));
  }

  private IdCheckAnswer answer(DeviceCaller caller, Found found) {
    return new IdCheckAnswer(home, caller.deviceId().toString(), caller.proof().jti(), clock.instant(), found.result(),
      found.code().map(IssuedCode::token));
  }
}
