package io.tongxing.server.pass;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.Principal;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.status.StatusIndexes;
import io.tongxing.status.TokenStatus;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Approval: the reviewer's decision and the pass it issues, in one transaction. Every requirement of
 * the corridor's model is judged again at this moment; one missing and nothing happens (the answer
 * names it). Otherwise a signed {@link CommuterPass} — route = the corridor's regions, the employer's
 * credit code, the plate of a freight pass, bound to the holder's phone key if one is registered —
 * is issued with its own status index, and stored with the proofs it rests on, its first event and
 * its audit row. A holder whose code is not green gets the pass suspended from the start.
 */
public final class PassIssuance {

  /** Token row, pass row, proofs used, first event and audit row: one statement, all or nothing. */
  private static final String ISSUE = "with token as (insert into issued_tokens (list_id, idx, kind, account_id, kid, issued_at, "
    + "expires_at, colour, holder_key, token) values ($1, $2, 'COMMUTER_PASS', $3, $4, $5, $6, null, $7, $8)), "
    + "pass as (insert into passes (id, application_id, account_id, corridor_id, enterprise_id, employee_id, model, "
    + "vehicle_plate, list_id, idx, issued_at, expires_at) values ($9, $10, $3, $11, $12, $13, $14, $15, $1, $2, $5, $6)), "
    + "used as (insert into pass_proofs_used (pass_id, proof_id) select $9, unnest($16::uuid[])), "
    + "event as (insert into pass_events (pass_id, account_id, at, event, status, cause, reason, actor_id, actor_role) "
    + "values ($9, $3, $5, 'ISSUED', 'VALID', 'ISSUED_ON_APPROVAL', $17, $18, $19)) " + AuditLog.insertSql(20);

  private final Pool pool;
  private final SigningKeys keys;
  private final StatusIndexes indexes;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final Requirements requirements;
  private final Applications applications;
  private final PassTransitions transitions;
  private final PassConfig config;
  private final Clock clock;

  public PassIssuance(Pool pool, SigningKeys keys, StatusIndexes indexes, FieldCipher cipher, AuditLog audit,
                      Requirements requirements, Applications applications, PassTransitions transitions, PassConfig config,
                      Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.indexes = indexes;
    this.cipher = cipher;
    this.audit = audit;
    this.requirements = requirements;
    this.applications = applications;
    this.transitions = transitions;
    this.config = config;
    this.clock = clock;
  }

  /** Approves a waiting application and issues its pass; a {@link MissingProofs} failure changes nothing. */
  public Future<JsonObject> approve(Principal reviewer, UUID applicationId, String reason) {
    return pool.withTransaction(tx -> Applications.pending(tx, applicationId)
      .compose(application -> requirements.evaluate(tx, Applications.subject(application)).compose(checks -> {
        List<Requirement> missing = new ArrayList<>();
        List<UUID> proofs = new ArrayList<>();
        Instant until = clock.instant().plus(Duration.ofDays(application.getInteger("validity_days")));
        Instant longest = clock.instant().plus(config.maxPassValidity());
        until = until.isAfter(longest) ? longest : until;
        for (Requirements.Check check : checks) {
          if (!check.met()) {
            missing.add(check.requirement());
          }
          if (check.proofId() != null) {
            proofs.add(check.proofId());
          }
          // A pass never outlives a proof it rests on.
          if (check.validUntil() != null && check.validUntil().isBefore(until)) {
            until = check.validUntil();
          }
        }
        if (!missing.isEmpty()) {
          return Future.failedFuture(new MissingProofs(missing));
        }
        return issue(tx, reviewer, application, proofs, until, reason);
      }))
      .compose(passId -> tx.preparedQuery("update pass_applications set state = 'APPROVED', decided_at = $2, decided_by = $3, "
          + "decision_reason = $4 where id = $1")
        .execute(Tuple.of(applicationId, at(clock.instant()), reviewer.accountId(), reason))
        .compose(v -> audit.append(tx, AuditEntry.by(reviewer, "application.approved", "application", applicationId.toString(),
          reason, new JsonObject().put("passId", passId.toString())))))
      .compose(v -> applications.view(tx, applicationId, false)));
  }

  private Future<UUID> issue(SqlClient tx, Principal reviewer, Row application, List<UUID> proofs, Instant until,
                             String reason) {
    UUID resident = application.getUUID("resident_id");
    UUID passId = UUID.randomUUID();
    Instant now = clock.instant();
    PassModel model = PassModel.valueOf(application.getString("model"));
    List<RegionCode> route = new ArrayList<>();
    for (String region : application.getArrayOfStrings("regions")) {
      route.add(RegionCode.of(region));
    }
    return HolderIdentity.load(tx, cipher, resident)
      .compose(holder -> tx.preparedQuery("select e.credit_code, (select colour from colour_states where account_id = $2) "
          + "as colour from enterprises e where e.account_id = $1")
        .execute(Tuple.of(application.getUUID("enterprise_id"), resident))
        .compose(rows -> indexes.allocate(tx).compose(status -> keys.signer(tx, KeyPurpose.TOKEN).compose(key -> {
          Row row = rows.iterator().next();
          String plate = application.getString("vehicle_plate");
          CommuterPass pass = new CommuterPass(config.region(), holder.pseudonym(), holder.maskedName(), holder.idLastFour(),
            model, route, row.getString("credit_code"), Optional.ofNullable(plate), now, Optional.empty(), until, status,
            holder.holderKey());
          String token = TokenSigner.create(key).sign(pass);
          AuditEntry entry = AuditEntry.by(reviewer, "pass.issued", "pass", passId.toString(), PassCause.ISSUED_ON_APPROVAL.name(),
            new JsonObject().put("applicationId", application.getUUID("id").toString()).put("model", model.name())
              .put("list", status.list()).put("index", status.index()).put("kid", key.kid()).put("expiresAt", until.toString()));
          Tuple values = Tuple.from(new Object[] {status.list(), (int) status.index(), resident, key.kid(), at(now), at(until),
            holder.holderKey().map(HolderKey::encoded).orElse(null), token, passId, application.getUUID("id"),
            application.getString("corridor_id"), application.getUUID("enterprise_id"), application.getUUID("employee_id"),
            model.name(), plate, proofs.toArray(new UUID[0]), reason, reviewer.accountId(), reviewer.role().name()});
          for (Object value : audit.values(entry)) {
            values.addValue(value);
          }
          String colour = row.getString("colour");
          return tx.preparedQuery(ISSUE).execute(values)
            .compose(v -> "GREEN".equals(colour) ? Future.<Void>succeededFuture()
              : transitions.suspendAtIssue(tx, passId, resident, status, colour))
            .map(passId);
        }))));
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
