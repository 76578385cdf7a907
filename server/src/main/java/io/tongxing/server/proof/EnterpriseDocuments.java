package io.tongxing.server.proof;

import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.IdNumbers;
import io.tongxing.server.pass.PassCause;
import io.tongxing.server.pass.Refusal;
import io.tongxing.token.MaskedName;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Work letters and enterprise commitments: an enterprise issues them for one of its current
 * employees (never for anyone else), the region signs them on its behalf, and the enterprise may
 * end them — which revokes the passes resting on them. They carry only what the enterprise gave.
 */
public final class EnterpriseDocuments {

  private final Pool pool;
  private final Proofs proofs;
  private final Clock clock;

  public EnterpriseDocuments(Pool pool, Proofs proofs, Clock clock) {
    this.pool = pool;
    this.proofs = proofs;
    this.clock = clock;
  }

  public Future<JsonObject> issue(Principal enterprise, JsonObject body) {
    ProofKind kind = ProofKind.valueOf(body.getString("kind"));
    UUID employee = UUID.fromString(body.getString("employeeId"));
    Instant until = proofs.validUntil(body);
    return pool.withTransaction(tx -> tx.preparedQuery("select e.name, e.id_masked, ent.credit_code, "
          + "ent.name as enterprise_name from employees e join enterprises ent on ent.account_id = e.enterprise_id "
          + "where e.id = $1 and e.enterprise_id = $2 and e.ended_at is null")
      .execute(Tuple.of(employee, enterprise.accountId()))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.conflict("NOT_AN_EMPLOYEE", "employeeId"));
        }
        // Only what the enterprise itself gave: the name it listed, the last four of the number it
        // listed. Never the registered name, never the resident's pseudonym: the document must not
        // tell the enterprise whether, or as whom, the person is registered.
        Row row = rows.iterator().next();
        String name = row.getString("name");
        String lastFour = IdNumbers.lastFour(row.getString("id_masked"));
        String statement = body.getString("statement");
        if (statement == null) {
          statement = Messages.text(Messages.CHINESE, "proof.statement." + kind.name(), name, lastFour,
            row.getString("enterprise_name"), row.getString("credit_code"));
        }
        return proofs.issueIn(tx, enterprise, new Proofs.Draft(kind, null, employee, enterprise.accountId(), null,
          null, MaskedName.of(name), lastFour, row.getString("credit_code"), statement.trim(), until));
      }));
  }

  /** The enterprise's letters and commitments, newest first; of one employee if {@code employee} is given. */
  public Future<JsonArray> list(Principal enterprise, UUID employee) {
    Instant now = clock.instant();
    return pool.preparedQuery("select " + Proofs.COLUMNS + " from pass_proofs p where p.enterprise_id = $1 "
        + "and ($2::uuid is null or p.employee_id = $2) order by p.issued_at desc, p.id limit 1000")
      .execute(Tuple.of(enterprise.accountId(), employee))
      .map(rows -> {
        JsonArray documents = new JsonArray();
        rows.forEach(row -> documents.add(Proofs.json(row, now)));
        return documents;
      });
  }

  /** The employer ends a letter or withdraws a commitment: every pass resting on it is revoked. */
  public Future<JsonObject> revoke(Principal enterprise, UUID document, String reason) {
    return pool.withTransaction(tx -> tx.preparedQuery("select kind from pass_proofs where id = $1 and enterprise_id = $2")
      .execute(Tuple.of(document, enterprise.accountId()))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("DOCUMENT_NOT_FOUND", "documentId"));
        }
        ProofKind kind = ProofKind.valueOf(rows.iterator().next().getString("kind"));
        return proofs.revokeIn(tx, enterprise, document, reason,
          kind == ProofKind.WORK_LETTER ? PassCause.WORK_LETTER_ENDED : PassCause.ENTERPRISE_COMMITMENT_REVOKED);
      }));
  }
}
