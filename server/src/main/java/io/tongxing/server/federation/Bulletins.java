package io.tongxing.server.federation;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.http.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Control-measure bulletins (重大防疫管控举措相互通报): published here to every active partner
 * whose agreement covers them, and received from partners; both appear in the console list.
 */
public final class Bulletins {

  /** A measure takes effect within a year of its bulletin, before or after. */
  private static final Duration EFFECTIVE_REACH = Duration.ofDays(366);

  private final Pool pool;
  private final Partners partners;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Clock clock;

  public Bulletins(Pool pool, Partners partners, Outbox outbox, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.partners = partners;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<JsonObject> publish(Principal admin, JsonObject body) {
    Instant effectiveAt = InputBounds.near(InputBounds.instant(body.getString("effectiveAt"), "effectiveAt"), clock.instant(),
      EFFECTIVE_REACH, "effectiveAt");
    UUID id = UUID.randomUUID();
    JsonObject bulletin = new JsonObject().put("bulletinId", id.toString()).put("title", body.getString("title").trim())
      .put("text", body.getString("text").trim()).put("counties", body.getJsonArray("counties"))
      .put("effectiveAt", effectiveAt.toString());
    JsonArray sentTo = new JsonArray();
    return pool.withTransaction(tx -> store(tx, id, partners.home().value(), bulletin, false)
        .compose(v -> partners.all(tx))
        .compose(all -> {
          Future<Void> chain = Future.succeededFuture();
          for (Partner partner : all) {
            if (partner.state() == Partner.State.ACTIVE && partner.scope().outbound().messages().contains(MessageType.BULLETIN)) {
              sentTo.add(partner.region().value());
              chain = chain.compose(v -> outbox.enqueue(tx, partner, MessageType.BULLETIN, bulletin).mapEmpty());
            }
          }
          return chain;
        })
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "bulletin.published", "bulletin", id.toString(),
          bulletin.getString("title"), new JsonObject().put("sentTo", sentTo))))
        .map(v -> new JsonObject().put("id", id.toString()).put("sentTo", sentTo)))
      .onSuccess(v -> outbox.kick());
  }

  Future<JsonObject> receive(SqlConnection tx, Partner partner, JsonObject payload) {
    UUID id;
    try {
      id = UUID.fromString(payload.getString("bulletinId"));
      InputBounds.instant(payload.getString("effectiveAt"), "payload.effectiveAt");
      // A partner's words reach this region's officers as they are: held to the contract's rules for text.
      if (!InputBounds.isLine(payload.getString("title"), 200) || !InputBounds.isText(payload.getString("text"), 4000)
        || payload.getJsonArray("counties").size() > 200
        || !payload.getJsonArray("counties").stream().allMatch(c -> String.valueOf(c).matches("[0-9]{6}"))) {
        throw new IllegalArgumentException("bulletin fields");
      }
    } catch (ClassCastException e) {
      throw ApiException.invalidField("INVALID_BULLETIN", "payload");
    } catch (IllegalArgumentException | NullPointerException | ApiException e) {
      throw ApiException.invalidField("INVALID_BULLETIN", "payload");
    }
    return store(tx, id, partner.region().value(), payload, true).map(new JsonObject().put("result", "STORED"));
  }

  private Future<Void> store(SqlClient tx, UUID id, String origin, JsonObject bulletin, boolean received) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return tx.preparedQuery("insert into bulletins (id, origin, title, text, counties, effective_at, published_at, received_at) "
        + "values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id) do nothing")
      .execute(Tuple.from(new Object[] {id, origin, bulletin.getString("title"), bulletin.getString("text"),
        bulletin.getJsonArray("counties").stream().map(String::valueOf).toArray(String[]::new),
        OffsetDateTime.parse(bulletin.getString("effectiveAt")), now, received ? now : null}))
      .mapEmpty();
  }

  public Future<JsonArray> list(SqlClient client) {
    return client.query("select id, origin, title, text, counties, effective_at, published_at, received_at from bulletins "
        + "order by published_at desc, id limit 200").execute()
      .map(rows -> {
        JsonArray list = new JsonArray();
        for (Row row : rows) {
          list.add(new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put("origin", row.getString("origin"))
            .put("received", row.getValue("received_at") != null)
            .put("title", row.getString("title"))
            .put("text", row.getString("text"))
            .put("counties", new JsonArray(java.util.List.of(row.getArrayOfStrings("counties"))))
            .put("effectiveAt", row.getOffsetDateTime("effective_at").toInstant().toString())
            .put("publishedAt", row.getOffsetDateTime("published_at").toInstant().toString()));
        }
        return list;
      });
  }
}
