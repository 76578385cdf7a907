package io.tongxing.server.checkpoint;

import io.tongxing.server.http.ApiException;
import io.tongxing.verify.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.tongxing.server.db.ConstraintNames;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scan records devices upload. A batch is stored whole or not at all, in one statement with
 * the request's nonce and the device's counters, and acknowledged only once that statement has
 * committed (durably: the database runs with fsync and synchronous commit). Records are keyed by
 * (device, sequence): a batch uploaded again after a lost acknowledgement stores nothing new and is
 * acknowledged again. Missing sequence numbers show up as gaps for admins.
 */
public final class ScanLog {

  /** Reasons a verifier gives only after the token's signature verified: only these may name a holder. */
  static final Set<Reason> VERIFIED_REASONS = verifiedReasons();
  /** Scan times before this are not from a Tongxing device. */
  private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
  /** A device clock may run ahead; a day ahead is no longer a clock, it is an error. */
  private static final Duration LATEST_AHEAD = Duration.ofDays(1);
  // A pseudonym is random base64url; a resident ID number or a mobile number is personal data.
  private static final Pattern ID_NUMBER = Pattern.compile("[0-9]{17}[0-9Xx]");
  private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");

  private static final String INSERT = "with nonce as ("
    + "  insert into device_nonces (device_id, jti, seen_at) values ($1, $2, $3)"
    + "), stored as ("
    + "  insert into scan_records (device_id, sequence, checkpoint_id, scanned_at, outcome, reason, kind, issuer, subject, received_at,"
    + "                            received_minute)"
    + "  select $1, r.sequence, $4, r.scanned_at, r.outcome, r.reason, r.kind, r.issuer, r.subject, $3, $13"
    + "    from unnest($5::bigint[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])"
    + "      as r(sequence, scanned_at, outcome, reason, kind, issuer, subject)"
    + "   where exists (select 1 from devices where id = $1 and disabled_at is null)"
    + "  on conflict (device_id, sequence) do nothing"
    + "  returning sequence"
    + "), counted as ("
    + "  update devices d set max_sequence = greatest(d.max_sequence, $12),"
    + "         records_counted = d.records_counted + (select count(*) from stored s where s.sequence >= d.first_sequence),"
    + "         last_seen_at = $3, last_upload_at = $3"
    + "   where d.id = $1 and d.disabled_at is null"
    + "  returning d.id"
    + ") select (select count(*) from stored) as stored, (select count(*) from counted) as enabled";

  private final Pool pool;
  private final Clock clock;

  public ScanLog(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Stores a batch (whole or not at all) and acknowledges every sequence number in it. */
  public Future<JsonObject> upload(DeviceCaller caller, JsonObject body) {
    JsonArray records = body.getJsonArray("records");
    int n = records.size();
    Long[] sequences = new Long[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    String[] outcomes = new String[n];
    String[] reasons = new String[n];
    String[] kinds = new String[n];
    String[] issuers = new String[n];
    String[] subjects = new String[n];
    Set<Long> seen = new HashSet<>();
    Instant now = clock.instant();
    long highest = 0;
    for (int i = 0; i < n; i++) {
      JsonObject record = records.getJsonObject(i);
      String field = "records[" + i + "]";
      if (!caller.checkpointId().equals(record.getString("checkpoint"))) {
        throw new ApiException(403, "SCAN_CHECKPOINT_MISMATCH", new JsonObject().put("field", field + ".checkpoint"), 0);
      }
      long sequence = record.getLong("sequence");
      if (!seen.add(sequence)) {
        throw ApiException.invalidField("SCAN_SEQUENCE_REPEATED", field + ".sequence");
      }
      Reason reason = reason(record.getString("reason"), field);
      if (!reason.outcome().name().equals(record.getString("outcome"))) {
        throw ApiException.invalidField("SCAN_OUTCOME_MISMATCH", field + ".outcome");
      }
      String subject = record.getString("subject");
      String kind = record.getString("kind");
      String issuer = record.getString("issuer");
      if ((subject == null) != (kind == null) || (subject == null) != (issuer == null)) {
        throw ApiException.invalidField("SCAN_CREDENTIAL_INCOMPLETE", field + (subject == null ? ".subject" : ".kind"));
      }
      if (subject != null && !VERIFIED_REASONS.contains(reason)) {
        // Nothing of a token whose signature did not verify may be recorded: it was never vouched for.
        throw ApiException.invalidField("SCAN_SUBJECT_UNVERIFIED", field + ".subject");
      }
      if (subject != null && (ID_NUMBER.matcher(subject).matches() || PHONE.matcher(subject).matches())) {
        throw ApiException.invalidField("SCAN_SUBJECT_NOT_PSEUDONYM", field + ".subject");
      }
      sequences[i] = sequence;
      times[i] = scannedAt(record.getString("scannedAt"), now, field);
      outcomes[i] = record.getString("outcome");
      reasons[i] = reason.name();
      kinds[i] = kind;
      issuers[i] = issuer;
      subjects[i] = subject;
      highest = Math.max(highest, sequence);
    }
    OffsetDateTime received = Checkpoints.at(now);
    return pool.preparedQuery(INSERT)
      .execute(Tuple.from(new Object[] {caller.deviceId(), caller.proof().jti(), received, caller.checkpointId(),
        sequences, times, outcomes, reasons, kinds, issuers, subjects, highest, Exposures.minute(now)}))
      .recover(ScanLog::replayed)
      .map(rows -> {
        Row row = rows.iterator().next();
        if (row.getLong("enabled") == 0) {
          throw ApiException.forbidden("DEVICE_DISABLED");
        }
        long stored = row.getLong("stored");
        JsonArray acknowledged = new JsonArray();
        for (Long sequence : sequences) {
          acknowledged.add(sequence);
        }
        return new JsonObject().put("acknowledged", acknowledged).put("stored", stored).put("alreadyHeld", n - stored);
      });
  }

  /** Every run of missing sequence numbers of every device (optionally of one checkpoint). */
  public Future<JsonArray> gaps(String checkpointId) {
    return pool.preparedQuery("select d.id, d.checkpoint_id, d.label, d.max_sequence, g.gap_from, g.gap_to, g.open_since "
        + "from devices d cross join lateral ("
        + "  select s.prev + 1 as gap_from, s.sequence - 1 as gap_to, s.received_at as open_since from ("
        + "    select r.sequence, r.received_at, lag(r.sequence, 1, d.first_sequence - 1) over (order by r.sequence) as prev "
        + "      from scan_records r where r.device_id = d.id and r.sequence >= d.first_sequence) s "
        + "  where s.sequence > s.prev + 1 order by s.sequence limit 100) g "
        + "where d.max_sequence - d.first_sequence + 1 > d.records_counted and ($1::text is null or d.checkpoint_id = $1) "
        + "order by d.checkpoint_id, d.id, g.gap_from")
      .execute(Tuple.of(checkpointId))
      .map(rows -> {
        JsonArray gaps = new JsonArray();
        for (Row row : rows) {
          long from = row.getLong("gap_from");
          long to = row.getLong("gap_to");
          gaps.add(new JsonObject()
            .put("deviceId", row.getUUID("id").toString())
            .put("checkpointId", row.getString("checkpoint_id"))
            .put("label", row.getString("label"))
            .put("from", from)
            .put("to", to)
            .put("missing", to - from + 1)
            .put("openSince", row.getOffsetDateTime("open_since").toInstant().toString())
            .put("deviceMaxSequence", row.getLong("max_sequence")));
        }
        return gaps;
      });
  }

  /** Spends a device request's nonce on its own (for requests that store nothing else). */
  static Future<Void> spendNonce(SqlClient client, DeviceCaller caller, Instant now) {
    return client.preparedQuery("with nonce as (insert into device_nonces (device_id, jti, seen_at) values ($1, $2, $3)) "
        + "update devices set last_seen_at = $3 where id = $1")
      .execute(Tuple.of(caller.deviceId(), caller.proof().jti(), Checkpoints.at(now)))
      .recover(ScanLog::replayed)
      .mapEmpty();
  }

  private static <T> Future<T> replayed(Throwable failure) {
    if (ConstraintNames.violated(failure, "device_nonces_pkey")) {
      return Future.failedFuture(ApiException.unauthorized("DEVICE_REQUEST_REPLAYED"));
    }
    return Future.failedFuture(failure);
  }

  private static Reason reason(String code, String field) {
    try {
      return Reason.valueOf(code);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("SCAN_REASON_UNKNOWN", field + ".reason");
    }
  }

  private static OffsetDateTime scannedAt(String text, Instant now, String field) {
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.invalidField("SCAN_TIME_INVALID", field + ".scannedAt");
    }
    if (at.isBefore(EARLIEST) || at.isAfter(now.plus(LATEST_AHEAD))) {
      throw ApiException.invalidField("SCAN_TIME_INVALID", field + ".scannedAt");
    }
    return Checkpoints.at(at);
  }

  private static Set<Reason> verifiedReasons() {
    Set<Reason> reasons = EnumSet.range(Reason.CLOCK_BEHIND, Reason.ROUTE_MISMATCH);
    reasons.add(Reason.ACCEPTED);
    return reasons;
  }
}
