package io.tongxing.server.community;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.HolderIdentity;
import io.tongxing.server.pass.IdNumbers;
import io.tongxing.server.pass.PassCause;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.Refusal;
import io.tongxing.server.proof.ProofKind;
import io.tongxing.server.proof.Proofs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Residential-community permits (一证): community staff issue them to residents of their own
 * community — found by ID number, which arrives in the request body and is looked up by keyed hash —
 * and revoke them, which revokes the passes resting on them.
 */
public final class CommunityPermits {

  private final Pool pool;
  private final Proofs proofs;
  private final FieldCipher cipher;
  private final PassConfig config;
  private final Clock clock;

  public CommunityPermits(Pool pool, Proofs proofs, FieldCipher cipher, PassConfig config, Clock clock) {
    this.pool = pool;
    this.proofs = proofs;
    this.cipher = cipher;
    this.config = config;
    this.clock = clock;
  }

  public Future<JsonObject> issue(Principal staff, JsonObject body) {
    String idNumber = IdNumbers.checked(body.getString("idNumber"), LocalDate.ofInstant(clock.instant(), config.zone()),
      "idNumber");
    Instant until = proofs.validUntil(body);
    return pool.withTransaction(tx -> Communities.ofStaff(tx, staff.accountId()).compose(community -> tx.preparedQuery(
          "select r.account_id, c.community_code from residents r left join resident_communities c on c.account_id = r.account_id "
            + "where r.id_number_hash = $1")
        .execute(Tuple.of(cipher.lookupHash(Accounts.ID_NUMBER, idNumber)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Refusal.notFound("PERSON_NOT_FOUND", "idNumber"));
          }
          UUID resident = rows.iterator().next().getUUID("account_id");
          String code = community.getString("code");
          if (!code.equals(rows.iterator().next().getString("community_code"))) {
            return Future.failedFuture(Refusal.conflict("RESIDENT_NOT_IN_COMMUNITY", "idNumber", community.getString("name")));
          }
          return HolderIdentity.load(tx, cipher, resident).compose(holder -> {
            String statement = Messages.text(Messages.CHINESE, "proof.statement.COMMUNITY_PERMIT", holder.name(),
              holder.idLastFour(), community.getString("name"));
            return proofs.issueIn(tx, staff, new Proofs.Draft(ProofKind.COMMUNITY_PERMIT, resident, null, null, code,
              holder.pseudonym(), holder.maskedName(), holder.idLastFour(), code, statement, until));
          });
        })));
  }

  /** The permits of the caller's community, newest first. */
  public Future<JsonArray> list(Principal staff) {
    Instant now = clock.instant();
    return Communities.ofStaff(pool, staff.accountId()).compose(community -> pool.preparedQuery("select " + Proofs.COLUMNS
          + ", a.display_name from pass_proofs p join accounts a on a.id = p.resident_id where p.kind = 'COMMUNITY_PERMIT' "
          + "and p.community_code = $1 order by p.issued_at desc, p.id limit 1000")
      .execute(Tuple.of(community.getString("code")))
      .map(rows -> {
        JsonArray permits = new JsonArray();
        rows.forEach(row -> permits.add(Proofs.json(row, now).put("residentId", row.getUUID("resident_id").toString())
          .put("residentName", row.getString("display_name"))));
        return permits;
      }));
  }

  public Future<JsonObject> revoke(Principal staff, UUID permit, String reason) {
    return pool.withTransaction(tx -> Communities.ofStaff(tx, staff.accountId()).compose(community -> tx.preparedQuery(
          "select id from pass_proofs where id = $1 and kind = 'COMMUNITY_PERMIT' and community_code = $2")
        .execute(Tuple.of(permit, community.getString("code")))
        .compose(rows -> rows.size() == 0
          ? Future.failedFuture(Refusal.notFound("PERMIT_NOT_FOUND", "permitId"))
          : proofs.revokeIn(tx, staff, permit, reason, PassCause.COMMUNITY_PERMIT_REVOKED))));
  }
}
