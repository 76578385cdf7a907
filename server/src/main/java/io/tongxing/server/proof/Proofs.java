package io.tongxing.server.proof;

import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SigningKey;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.http.Principal;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.pass.PassCause;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.PassTransitions;
import io.tongxing.server.pass.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Stores proofs and signs them on their issuer's behalf: a compact ES256 JWS of type
 * {@value #TYP} by the region's current token key (published in its JWKS), naming the holder only by
 * pseudonym, masked name and the last four ID characters, and the statement by its SHA-256. Revoking
 * a proof revokes every pass that rests on it, in the same transaction.
 */
public final class Proofs {

  public static final String TYP = "tx-proof+jwt";

  /** The columns {@link #json} reads. */
  public static final String COLUMNS = "p.id, p.kind, p.resident_id, p.employee_id, p.enterprise_id, p.community_code, "
    + "p.issued_at, p.valid_until, p.statement, p.document, p.revoked_at, p.revoked_reason";

  private final SigningKeys keys;
  private final AuditLog audit;
  private final PassTransitions transitions;
  private final PassConfig config;
  private final Clock clock;

  public Proofs(SigningKeys keys, AuditLog audit, PassTransitions transitions, PassConfig config, Clock clock) {
    this.keys = keys;
    this.audit = audit;
    this.transitions = transitions;
    this.config = config;
    this.clock = clock;
  }

  /**
   * What a new proof says and about whom.
   *
   * @param subject the holder's pseudonym (the {@code sub} of their tokens), or null for a partner-region worker
   * @param issuerCode the enterprise's credit code or the community's code
   */
  public record Draft(ProofKind kind, UUID residentId, UUID employeeId, UUID enterpriseId, String communityCode,
                      String subject, String maskedName, String idLastFour, String issuerCode, String statement,
                      Instant validUntil) {
  }

  /** Signs and stores a proof with its audit row, in the caller's transaction. */
  public Future<JsonObject> issueIn(SqlClient tx, Principal issuer, Draft draft) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    return keys.signer(tx, KeyPurpose.TOKEN).compose(key -> {
      String document = sign(key, id, draft, now);
      return tx.preparedQuery("insert into pass_proofs (id, kind, resident_id, employee_id, enterprise_id, community_code, "
          + "issued_by, issued_at, valid_until, statement, kid, document) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .execute(Tuple.from(new Object[] {id, draft.kind().name(), draft.residentId(), draft.employeeId(),
          draft.enterpriseId(), draft.communityCode(), issuer.accountId(), at(now), at(draft.validUntil()),
          draft.statement(), key.kid(), document}))
        .compose(v -> audit.append(tx, AuditEntry.by(issuer, "proof.issued", "proof", id.toString(),
          draft.kind().name() + " issued", details(draft))))
        .compose(v -> find(tx, id));
    });
  }

  /**
   * Revokes a proof and every pass resting on it; 409 if it was revoked before. {@code actor} null
   * means the system.
   */
  public Future<JsonObject> revokeIn(SqlClient tx, Principal actor, UUID id, String reason, PassCause cause) {
    return tx.preparedQuery("update pass_proofs set revoked_at = $2, revoked_by = $3, revoked_reason = $4 "
        + "where id = $1 and revoked_at is null returning kind")
      .execute(Tuple.of(id, at(clock.instant()), actor == null ? null : actor.accountId(), reason))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.conflict("PROOF_ALREADY_REVOKED", "proofId"));
        }
        String kind = rows.iterator().next().getString("kind");
        AuditEntry entry = actor == null
          ? AuditEntry.bySystem("proof.revoked", "proof", id.toString(), reason, new JsonObject().put("kind", kind))
          : AuditEntry.by(actor, "proof.revoked", "proof", id.toString(), reason, new JsonObject().put("kind", kind));
        return audit.append(tx, entry)
          .compose(v -> transitions.revokeResting(tx, id, cause, reason, PassTransitions.Actor.of(actor)))
          .compose(passes -> find(tx, id).map(json -> json.put("passesRevoked", passes)));
      });
  }

  /** The end of validity a request asks for ({@code validUntil}), or the default; never past the longest allowed. */
  public Instant validUntil(JsonObject body) {
    Instant now = clock.instant();
    String raw = body.getString("validUntil");
    if (raw == null) {
      return now.plus(config.proofValidity());
    }
    Instant until = InputBounds.instant(raw, "validUntil");
    if (!until.isAfter(now) || until.isAfter(now.plus(config.maxProofValidity()))) {
      throw Refusal.invalid("INVALID_VALID_UNTIL", "validUntil", config.maxProofValidity().toDays());
    }
    return until;
  }

  public Future<JsonObject> find(SqlClient client, UUID id) {
    return client.preparedQuery("select " + COLUMNS + " from pass_proofs p where p.id = $1").execute(Tuple.of(id))
      .map(rows -> json(rows.iterator().next(), clock.instant()));
  }

  /** A proof as its issuer and its holder see it; the state is judged at {@code now}. */
  public static JsonObject json(Row row, Instant now) {
    Instant validUntil = row.getOffsetDateTime("valid_until").toInstant();
    OffsetDateTime revokedAt = row.getOffsetDateTime("revoked_at");
    String state = revokedAt != null ? "REVOKED" : validUntil.isAfter(now) ? "ACTIVE" : "EXPIRED";
    JsonObject json = new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("kind", row.getString("kind"))
      .put("state", state)
      .put("issuedAt", row.getOffsetDateTime("issued_at").toInstant().toString())
      .put("validUntil", validUntil.toString())
      .put("statement", row.getString("statement"))
      .put("document", row.getString("document"));
    if (row.getUUID("employee_id") != null) {
      json.put("employeeId", row.getUUID("employee_id").toString());
    }
    if (row.getString("community_code") != null) {
      json.put("communityCode", row.getString("community_code"));
    }
    if (revokedAt != null) {
      json.put("revokedAt", revokedAt.toInstant().toString()).put("revokedReason", row.getString("revoked_reason"));
    }
    return json;
  }

  private String sign(SigningKey key, UUID id, Draft draft, Instant now) {
    JsonObject claims = new JsonObject()
      .put("iss", config.region().value())
      .put("jti", id.toString())
      .put("k", draft.kind().code());
    if (draft.subject() != null) {
      claims.put("sub", draft.subject());
    }
    claims.put("n", draft.maskedName()).put("d", draft.idLastFour());
    if (draft.issuerCode() != null) {
      claims.put(draft.kind() == ProofKind.COMMUNITY_PERMIT ? "c" : "e", draft.issuerCode());
    }
    claims.put("iat", now.getEpochSecond())
      .put("exp", draft.validUntil().getEpochSecond())
      .put("sh", sha256(draft.statement()));
    return JwsWriter.sign(key, TYP, claims.encode());
  }

  private static JsonObject details(Draft draft) {
    JsonObject details = new JsonObject().put("kind", draft.kind().name()).put("validUntil", draft.validUntil().toString());
    if (draft.residentId() != null) {
      details.put("residentId", draft.residentId().toString());
    }
    if (draft.employeeId() != null) {
      details.put("employeeId", draft.employeeId().toString());
    }
    if (draft.communityCode() != null) {
      details.put("communityCode", draft.communityCode());
    }
    return details;
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
