package io.tongxing.server.pass;

import io.tongxing.server.proof.TemperatureCards;
import io.tongxing.token.PassModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Judges an application against its model's {@link Requirement}s, now: which proofs are there (the
 * one valid longest of each kind, not revoked, not expired), and which are missing.
 */
public final class Requirements {

  private final TemperatureCards cards;
  private final Clock clock;

  public Requirements(TemperatureCards cards, Clock clock) {
    this.cards = cards;
    this.clock = clock;
  }

  /** The facts of an application that the requirements look at. */
  public record Subject(UUID employeeId, UUID residentId, PassModel model, String vehiclePlate) {
  }

  /** One requirement, met or not; a met proof names itself and its end of validity. */
  public record Check(Requirement requirement, boolean met, UUID proofId, Instant validUntil, JsonObject detail) {

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("requirement", requirement.name()).put("met", met);
      if (proofId != null) {
        json.put("proofId", proofId.toString());
      }
      if (validUntil != null) {
        json.put("validUntil", validUntil.toString());
      }
      return json.mergeIn(detail);
    }
  }

  public Future<List<Check>> evaluate(SqlClient client, Subject subject) {
    Instant now = clock.instant();
    List<Requirement> required = Requirement.of(subject.model());
    return client.preparedQuery("select e.ended_at, (select colour from colour_states where account_id = $2) as colour "
        + "from employees e where e.id = $1")
      .execute(Tuple.of(subject.employeeId(), subject.residentId()))
      .compose(people -> client.preparedQuery("select distinct on (kind) id, kind, valid_until from pass_proofs "
          + "where revoked_at is null and valid_until > $3 and ((kind in ('WORK_LETTER', 'ENTERPRISE_COMMITMENT') "
          + "and employee_id = $1) or (kind in ('COMMUNITY_PERMIT', 'PERSONAL_COMMITMENT') and resident_id = $2)) "
          + "order by kind, valid_until desc")
        .execute(Tuple.of(subject.employeeId(), subject.residentId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
        .compose(proofs -> (required.contains(Requirement.TEMPERATURE_CARD)
            ? cards.card(client, subject.residentId())
            : Future.<TemperatureCards.Card>succeededFuture(null))
          .map(card -> checks(required, people.iterator().next(), proofs, card, subject))));
  }

  private static List<Check> checks(List<Requirement> required, Row person, Iterable<Row> proofRows, TemperatureCards.Card card,
                                    Subject subject) {
    Map<String, Row> proofs = new HashMap<>();
    proofRows.forEach(row -> proofs.put(row.getString("kind"), row));
    List<Check> checks = new ArrayList<>();
    for (Requirement requirement : required) {
      switch (requirement) {
        case EMPLOYMENT:
          checks.add(new Check(requirement, person.getOffsetDateTime("ended_at") == null, null, null, new JsonObject()));
          break;
        case TEMPERATURE_CARD:
          checks.add(new Check(requirement, card.complete(), null, null, new JsonObject()
            .put("consecutiveNormalDays", card.consecutiveNormalDays()).put("requiredDays", card.requiredDays())));
          break;
        case GREEN_CODE:
          String colour = person.getString("colour");
          checks.add(new Check(requirement, "GREEN".equals(colour), null, null, new JsonObject().put("colour", colour)));
          break;
        case VEHICLE_PLATE:
          checks.add(new Check(requirement, subject.vehiclePlate() != null
            && VehiclePlates.parse(subject.vehiclePlate()).isPresent(), null, null, new JsonObject()));
          break;
        default:
          Row proof = proofs.get(requirement.name());
          checks.add(proof == null
            ? new Check(requirement, false, null, null, new JsonObject())
            : new Check(requirement, true, proof.getUUID("id"), proof.getOffsetDateTime("valid_until").toInstant(),
              new JsonObject()));
      }
    }
    return checks;
  }
}
