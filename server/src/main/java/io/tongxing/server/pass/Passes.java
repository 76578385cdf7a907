package io.tongxing.server.pass;

import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.token.PassModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A resident's passes: each with its signed token and QR text, its state, and every transition with
 * its cause (in the resident's language) and the words of whoever caused it. Reviewers revoke here.
 */
public final class Passes {

  private static final String VIEW = "select p.id, p.application_id, p.model, p.vehicle_plate, p.issued_at, p.expires_at, "
    + "p.list_id, p.idx, "
    + "p.corridor_id, c.name_zh, c.name_en, c.regions, en.name as enterprise_name, en.credit_code, t.status, "
    + "t.status_reason, t.token, t.holder_key from passes p "
    + "join issued_tokens t on t.account_id = p.account_id and t.list_id = p.list_id and t.idx = p.idx "
    + "join corridors c on c.id = p.corridor_id "
    + "join enterprises en on en.account_id = p.enterprise_id ";

  private final Pool pool;
  private final PassTransitions transitions;
  private final Clock clock;

  public Passes(Pool pool, PassTransitions transitions, Clock clock) {
    this.pool = pool;
    this.transitions = transitions;
    this.clock = clock;
  }

  /** A pass ready to show: its token, QR text, state and corridor name. */
  public record Shown(String token, String qrText, PassState state, String corridorName) {
  }

  public Future<JsonArray> mine(Principal resident, Locale locale) {
    return pool.preparedQuery(VIEW + "where p.account_id = $1 order by p.issued_at desc, p.id limit 200")
      .execute(Tuple.of(resident.accountId()))
      .compose(rows -> {
        List<Row> found = new ArrayList<>();
        rows.forEach(found::add);
        return events(found, locale).map(events -> {
          JsonArray passes = new JsonArray();
          found.forEach(row -> passes.add(json(row, events.get(row.getUUID("id")))));
          return passes;
        });
      });
  }

  /**
   * A resident's passes as the authority sees them: as {@link #mine} without the tokens and QR texts,
   * which only the holder shows; 404 when there is no such resident.
   */
  public Future<JsonArray> ofPerson(UUID person, Locale locale) {
    return pool.preparedQuery("select 1 from residents where account_id = $1").execute(Tuple.of(person))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("PERSON_NOT_FOUND", "personId"))
        : mine(new Principal(person, io.tongxing.server.http.Role.RESIDENT), locale))
      .map(passes -> {
        passes.forEach(pass -> {
          ((JsonObject) pass).remove("token");
          ((JsonObject) pass).remove("qrText");
        });
        return passes;
      });
  }

  public Future<JsonObject> one(Principal resident, UUID id, Locale locale) {
    return find(resident, id).compose(row -> events(List.of(row), locale).map(events -> json(row, events.get(id))));
  }

  /** The pass to draw as a QR: a revoked or expired one is refused. */
  public Future<Shown> shown(Principal resident, UUID id, Locale locale) {
    return find(resident, id).compose(row -> {
      PassState state = state(row);
      if (state == PassState.REVOKED || state == PassState.EXPIRED) {
        return Future.failedFuture(Refusal.conflict("PASS_NOT_USABLE", "passId", Messages.text(locale, "passState." + state.name())));
      }
      String token = row.getString("token");
      String name = locale == Messages.ENGLISH ? row.getString("name_en") : row.getString("name_zh");
      return Future.succeededFuture(new Shown(token, QrText.encode(Presentation.of(token)), state, name));
    });
  }

  /** The reviewer revokes a pass, saying why: 404 if there is none, 409 if it was revoked (or expired) before. */
  public Future<JsonObject> revoke(Principal reviewer, UUID id, String reason) {
    return pool.withTransaction(tx -> tx.preparedQuery("select account_id from passes where id = $1").execute(Tuple.of(id))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("PASS_NOT_FOUND", "passId"))
        : transitions.revoke(tx, id, PassCause.REVOKED_BY_REVIEWER, reason, PassTransitions.Actor.of(reviewer)))
      .compose(revoked -> revoked ? Future.succeededFuture(new JsonObject().put("id", id.toString())
          .put("state", PassState.REVOKED.name()).put("reason", reason))
        : Future.failedFuture(Refusal.conflict("PASS_ALREADY_REVOKED", "passId"))));
  }

  private Future<Row> find(Principal resident, UUID id) {
    return pool.preparedQuery(VIEW + "where p.id = $1 and p.account_id = $2").execute(Tuple.of(id, resident.accountId()))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(Refusal.notFound("PASS_NOT_FOUND", "passId"))
        : Future.succeededFuture(rows.iterator().next()));
  }

  private Future<Map<UUID, JsonArray>> events(List<Row> passes, Locale locale) {
    UUID[] ids = passes.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
    return pool.preparedQuery("select pass_id, at, event, status, cause, reason, actor_role from pass_events "
        + "where pass_id = any($1) order by id")
      .execute(Tuple.from(new Object[] {ids}))
      .map(rows -> {
        Map<UUID, JsonArray> events = new HashMap<>();
        for (Row row : rows) {
          events.computeIfAbsent(row.getUUID("pass_id"), k -> new JsonArray()).add(new JsonObject()
            .put("at", row.getOffsetDateTime("at").toInstant().toString())
            .put("event", row.getString("event"))
            .put("state", row.getString("status"))
            .put("cause", row.getString("cause"))
            .put("causeText", Messages.text(locale, "passCause." + row.getString("cause")))
            .put("reason", row.getString("reason"))
            .put("by", row.getString("actor_role")));
        }
        return events;
      });
  }

  private PassState state(Row row) {
    return PassState.of(row.getShort("status"), row.getString("status_reason"), row.getOffsetDateTime("expires_at").toInstant(),
      clock.instant());
  }

  private JsonObject json(Row row, JsonArray events) {
    PassModel model = PassModel.valueOf(row.getString("model"));
    String token = row.getString("token");
    Instant expires = row.getOffsetDateTime("expires_at").toInstant();
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("applicationId", row.getUUID("application_id").toString())
      .put("state", state(row).name())
      .put("corridor", new JsonObject().put("id", row.getString("corridor_id")).put("nameZh", row.getString("name_zh"))
        .put("nameEn", row.getString("name_en")))
      .put("model", model.name())
      .put("modelCode", model.code())
      .put("route", new JsonArray(List.of((Object[]) row.getArrayOfStrings("regions"))))
      .put("enterprise", new JsonObject().put("name", row.getString("enterprise_name")).put("creditCode", row.getString("credit_code")))
      .put("vehiclePlate", row.getString("vehicle_plate"))
      .put("issuedAt", row.getOffsetDateTime("issued_at").toInstant().toString())
      .put("expiresAt", expires.toString())
      .put("holderBound", row.getString("holder_key") != null)
      .put("status", new JsonObject().put("list", row.getLong("list_id")).put("index", row.getInteger("idx")))
      .put("token", token)
      .put("qrText", QrText.encode(Presentation.of(token)))
      .put("events", events == null ? new JsonArray() : events);
  }
}
