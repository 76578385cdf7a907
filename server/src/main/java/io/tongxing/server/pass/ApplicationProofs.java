package io.tongxing.server.pass;

import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.jose.JwsVerifier;
import io.tongxing.server.keys.PublishedKey;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.proof.Proofs;
import io.tongxing.server.proof.TemperatureCards;
import io.tongxing.token.MaskedName;
import io.tongxing.token.PassModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The proofs of an application, for a reviewer to read side by side: once a pass is issued, the
 * proofs it rests on; before, the newest proof of each kind its model asks for (a usable one before
 * a revoked or expired one). Each with its issuer, its subject as the signed document names it
 * (masked), its dates and state, its statement, and whether the document verifies: signed by one of
 * the region's token keys, of type {@value Proofs#TYP}, about this proof, with this statement. The
 * temperature card, derived from check-ins rather than signed, comes with its days.
 */
public final class ApplicationProofs {

  private static final String PROOFS = "select p.id, p.kind, p.resident_id, p.employee_id, p.enterprise_id, p.community_code, "
    + "p.issued_at, p.valid_until, p.statement, p.document, p.revoked_at, p.revoked_reason, "
    + "coalesce(en.name, cm.name, ra.display_name) as issuer_name, coalesce(en.credit_code, p.community_code) as issuer_code "
    + "from pass_proofs p left join enterprises en on en.account_id = p.enterprise_id "
    + "left join communities cm on cm.code = p.community_code left join accounts ra on ra.id = p.resident_id and p.kind = 'PERSONAL_COMMITMENT' ";

  private final Pool pool;
  private final SigningKeys keys;
  private final TemperatureCards cards;
  private final Clock clock;

  public ApplicationProofs(Pool pool, SigningKeys keys, TemperatureCards cards, Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.cards = cards;
    this.clock = clock;
  }

  public Future<JsonObject> of(UUID application) {
    Instant now = clock.instant();
    return pool.preparedQuery("select a.id, a.state, a.employee_id, a.resident_id, c.model, p.id as pass_id, "
        + "ra.display_name as resident_name, e.id_masked from pass_applications a join corridors c on c.id = a.corridor_id "
        + "join employees e on e.id = a.employee_id left join accounts ra on ra.id = a.resident_id "
        // The pass is the resident's: joined on the account too, so that on Citus it is found beside the account.
        + "left join passes p on p.account_id = ra.id and p.application_id = a.id where a.id = $1")
      .execute(Tuple.of(application))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("APPLICATION_NOT_FOUND", "applicationId"));
        }
        Row app = rows.iterator().next();
        List<Requirement> required = Requirement.of(PassModel.valueOf(app.getString("model")));
        List<String> kinds = required.stream().map(Enum::name)
          .filter(k -> List.of("WORK_LETTER", "ENTERPRISE_COMMITMENT", "COMMUNITY_PERMIT", "PERSONAL_COMMITMENT").contains(k))
          .toList();
        UUID pass = app.getUUID("pass_id");
        Future<io.vertx.sqlclient.RowSet<Row>> found = pass != null
          ? pool.preparedQuery(PROOFS + "join pass_proofs_used u on u.proof_id = p.id where u.pass_id = $1 order by p.kind")
            .execute(Tuple.of(pass))
          : pool.preparedQuery(PROOFS + "where p.kind = any($3) and ((p.kind in ('WORK_LETTER', 'ENTERPRISE_COMMITMENT') "
              + "and p.employee_id = $1) or (p.kind in ('COMMUNITY_PERMIT', 'PERSONAL_COMMITMENT') and p.resident_id = $2)) "
              + "order by p.kind, (p.revoked_at is null and p.valid_until > $4) desc, p.valid_until desc")
            .execute(Tuple.of(app.getUUID("employee_id"), app.getUUID("resident_id"), kinds.toArray(new String[0]),
              OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
        return found.compose(proofRows -> keys.all(pool).compose(published -> {
          Map<String, PublishedKey> byKid = new HashMap<>();
          published.forEach(key -> byKid.put(key.kid(), key));
          Map<String, JsonObject> newest = new HashMap<>();
          for (Row row : proofRows) {
            newest.putIfAbsent(row.getString("kind"), proof(row, byKid, now));
          }
          JsonArray proofs = new JsonArray();
          for (String kind : kinds) {
            proofs.add(newest.getOrDefault(kind, new JsonObject().put("requirement", kind).put("kind", kind).put("state", "MISSING")));
          }
          Future<Void> card = required.contains(Requirement.TEMPERATURE_CARD)
            ? cards.card(pool, app.getUUID("resident_id")).map(c -> {
              proofs.add(new JsonObject().put("requirement", "TEMPERATURE_CARD").put("kind", "TEMPERATURE_CARD")
                .put("state", c.complete() ? "COMPLETE" : "INCOMPLETE")
                .put("issuer", new JsonObject().put("kind", "REGION").put("name", "check-ins"))
                .put("subject", new JsonObject().put("maskedName", MaskedName.of(app.getString("resident_name")))
                  .put("maskedIdNumber", app.getString("id_masked")))
                .put("card", c.toJson()));
              return null;
            })
            : Future.succeededFuture();
          return card.map(v -> new JsonObject().put("applicationId", application.toString())
            .put("state", app.getString("state"))
            .put("passId", pass == null ? null : pass.toString())
            .put("proofs", proofs));
        }));
      });
  }

  private static JsonObject proof(Row row, Map<String, PublishedKey> keys, Instant now) {
    JsonObject json = Proofs.json(row, now).put("requirement", row.getString("kind"));
    String issuerKind = row.getUUID("enterprise_id") != null ? "ENTERPRISE"
      : row.getString("community_code") != null ? "COMMUNITY" : "RESIDENT";
    json.put("issuer", new JsonObject().put("kind", issuerKind).put("name", row.getString("issuer_name"))
      .put("code", row.getString("issuer_code")));
    JsonObject verification = new JsonObject();
    try {
      CompactJws jws = CompactJws.parse(row.getString("document"));
      Map<String, Object> claims = jws.unverifiedClaims();
      PublishedKey key = jws.kid() == null ? null : keys.get(jws.kid());
      boolean signed = key != null && jws.isSignedBy(JwsVerifier.of(key.publicKey(), null));
      boolean about = row.getUUID("id").toString().equals(claims.get("jti"));
      boolean statement = sha256(row.getString("statement")).equals(claims.get("sh"));
      verification.put("signature", key == null ? "UNKNOWN_KEY" : signed ? "VALID" : "INVALID")
        .put("kid", jws.kid())
        .put("typeMatches", Proofs.TYP.equals(jws.typ()))
        .put("idMatches", about)
        .put("statementMatches", statement)
        .put("verified", signed && about && statement && Proofs.TYP.equals(jws.typ()));
      json.put("subject", new JsonObject().put("maskedName", claims.get("n")).put("idLastFour", claims.get("d")));
    } catch (JwsRejectedException | RuntimeException e) {
      verification.put("signature", "MALFORMED").put("verified", false);
    }
    return json.put("verification", verification);
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
