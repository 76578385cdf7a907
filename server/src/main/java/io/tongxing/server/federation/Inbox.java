package io.tongxing.server.federation;

import io.tongxing.server.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Messages from partners, after their request signature verified. Each message id takes effect once:
 * the message, its effect and its acknowledgement commit together, and a message delivered again
 * (its acknowledgement lost on the way back) is answered with the first acknowledgement.
 */
public final class Inbox {

  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private final Pool pool;
  private final Partners partners;
  private final Notices notices;
  private final Bulletins bulletins;
  private final Clock clock;

  public Inbox(Pool pool, Partners partners, Notices notices, Bulletins bulletins, Clock clock) {
    this.pool = pool;
    this.partners = partners;
    this.notices = notices;
    this.bulletins = bulletins;
    this.clock = clock;
  }

  public Future<JsonObject> receive(Partner partner, JsonObject envelope, String signature) {
    UUID id = UUID.fromString(envelope.getString("id"));
    MessageType type = MessageType.valueOf(envelope.getString("type"));
    if (!partner.region().value().equals(envelope.getString("from"))) {
      throw refused(ApiException.invalidField("MESSAGE_SENDER_MISMATCH", "from"), partner, id);
    }
    if (!partners.home().value().equals(envelope.getString("to"))) {
      throw refused(ApiException.invalidField("MESSAGE_NOT_FOR_THIS_REGION", "to"), partner, id);
    }
    if (partner.state() == Partner.State.SUSPENDED) {
      throw refused(ApiException.forbidden("PARTNER_SUSPENDED"), partner, id);
    }
    if (!partner.scope().inbound().messages().contains(type)) {
      throw refused(ApiException.forbidden("MESSAGE_OUTSIDE_SCOPE"), partner, id);
    }
    JsonObject payload = envelope.getJsonObject("payload");
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Notices.Received[] effect = new Notices.Received[1];
    return pool.withTransaction(tx -> tx.preparedQuery("insert into federation_inbox (message_id, partner_id, type, body, received_at, "
          + "signature, ack) values ($1, $2, $3, $4, $5, $6, '{}') on conflict (message_id) do nothing")
        .execute(Tuple.of(id, partner.id(), type.name(), envelope, now, signature))
        .compose(inserted -> {
          if (inserted.rowCount() == 0) {
            return earlier(tx, partner, id);
          }
          Future<JsonObject> ack;
          try {
            ack = switch (type) {
              case CLOSE_CONTACT_NOTICE, RELEASE_NOTICE -> notices.receive(tx, partner, type, id.toString(), payload)
                .map(received -> {
                  effect[0] = received;
                  return received.ack();
                });
              case BULLETIN -> bulletins.receive(tx, partner, payload);
            };
          } catch (ApiException shape) {
            // A payload of the wrong shape or size: the partner's to fix, and the operator's to see.
            throw refused(shape, partner, id);
          }
          return ack.map(result -> result.put("id", id.toString()).put("duplicate", false)
              .put("receivedAt", now.toInstant().toString()).put("by", partners.home().value()))
            .compose(result -> tx.preparedQuery("update federation_inbox set ack = $2 where message_id = $1")
              .execute(Tuple.of(id, result)).map(result));
        }))
      .onSuccess(ack -> {
        if (effect[0] != null) {
          notices.published(effect[0]);
        }
        LOG.info("message {} {} from {}: {}", id, type, partner.region(), ack.getString("result"));
      });
  }

  private Future<JsonObject> earlier(io.vertx.sqlclient.SqlConnection tx, Partner partner, UUID id) {
    return tx.preparedQuery("select partner_id, ack from federation_inbox where message_id = $1").execute(Tuple.of(id))
      .map(rows -> {
        var row = rows.iterator().next();
        if (!row.getUUID("partner_id").equals(partner.id())) {
          throw refused(ApiException.conflict("MESSAGE_ID_TAKEN", "id"), partner, id);
        }
        return row.getJsonObject("ack").copy().put("duplicate", true);
      });
  }

  private static ApiException refused(ApiException e, Partner partner, UUID id) {
    LOG.warn("message {} from {} refused: {} {}", id, partner.region(), e.code(), e.details().getString("field", ""));
    return e;
  }

}
