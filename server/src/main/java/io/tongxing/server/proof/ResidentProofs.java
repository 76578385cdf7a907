package io.tongxing.server.proof;

import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.HolderIdentity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;

/**
 * A resident's side of the proofs: signing a personal commitment (the region signs it on their
 * behalf), seeing every proof that concerns them, and their temperature card.
 */
public final class ResidentProofs {

  private final Pool pool;
  private final Proofs proofs;
  private final TemperatureCards cards;
  private final FieldCipher cipher;
  private final Clock clock;

  public ResidentProofs(Pool pool, Proofs proofs, TemperatureCards cards, FieldCipher cipher, Clock clock) {
    this.pool = pool;
    this.proofs = proofs;
    this.cards = cards;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** The resident accepts the standard personal commitment (个人承诺书). */
  public Future<JsonObject> signCommitment(Principal resident, JsonObject body) {
    Instant until = proofs.validUntil(body);
    return pool.withTransaction(tx -> HolderIdentity.load(tx, cipher, resident.accountId()).compose(holder -> {
      String statement = Messages.text(Messages.CHINESE, "proof.statement.PERSONAL_COMMITMENT", holder.name(),
        holder.idLastFour());
      return proofs.issueIn(tx, resident, new Proofs.Draft(ProofKind.PERSONAL_COMMITMENT, resident.accountId(), null, null,
        null, holder.pseudonym(), holder.maskedName(), holder.idLastFour(), null, statement, until));
    }));
  }

  /** Every proof about the resident: their commitments, their employers' letters and commitments, their permits. */
  public Future<JsonArray> mine(Principal resident) {
    Instant now = clock.instant();
    // An employer's documents concern its listing of the resident, as long as that listing links to them.
    return pool.preparedQuery("select " + Proofs.COLUMNS + " from pass_proofs p where p.resident_id = $1 "
        + "or p.employee_id in (select id from employees where resident_id = $1) order by p.issued_at desc, p.id limit 1000")
      .execute(Tuple.of(resident.accountId()))
      .map(rows -> {
        JsonArray mine = new JsonArray();
        rows.forEach(row -> mine.add(Proofs.json(row, now)));
        return mine;
      });
  }

  public Future<JsonObject> temperatureCard(Principal resident) {
    return cards.card(pool, resident.accountId()).map(TemperatureCards.Card::toJson);
  }
}
