package io.tongxing.server.federation;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * Messages to partners, written in the transaction of the change they announce and delivered
 * afterwards: at once when the sender kicks the outbox, then with exponential back-off while the
 * partner cannot be reached. The receiver keeps message ids, so a message delivered twice (the
 * acknowledgement lost on the way back) takes effect once. A partner's refusal (4xx) is final and
 * recorded; a partner that is down receives everything when it returns.
 */
public final class Outbox {

  /** Kicks the delivering verticle of a region (suffixed with its code): something new is waiting. */
  public static final String KICK = "tongxing.federation.outbox.";
  public static final String PATH = "/federation/v1/messages";
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int BATCH = 20;
  /** A claimed message is not claimed again for this long, whatever happens to its deliverer. */
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final Pool pool;
  private final PartnerClient web;
  private final Partners partners;
  private final RequestSignatures signatures;
  private final EventBus bus;
  private final Clock clock;
  private final Duration retryBase;
  private final Duration retryMax;

  public Outbox(Pool pool, PartnerClient web, Partners partners, RequestSignatures signatures, EventBus bus, Clock clock,
                Duration retryBase, Duration retryMax) {
    this.pool = pool;
    this.web = web;
    this.partners = partners;
    this.signatures = signatures;
    this.bus = bus;
    this.clock = clock;
    this.retryBase = retryBase;
    this.retryMax = retryMax;
  }

  /** Queues a message to {@code partner} on the caller's transaction; its id is the message id. */
  public Future<UUID> enqueue(SqlClient tx, Partner partner, MessageType type, JsonObject payload) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    JsonObject envelope = new JsonObject()
      .put("id", id.toString())
      .put("type", type.name())
      .put("from", partners.home().value())
      .put("to", partner.region().value())
      .put("createdAt", now.toString())
      .put("payload", payload);
    return tx.preparedQuery("insert into federation_outbox (message_id, partner_id, type, body, created_at, next_attempt_at) "
        + "values ($1, $2, $3, $4, $5, $5)")
      .execute(Tuple.of(id, partner.id(), type.name(), envelope, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
      .map(id);
  }

  /** Asks the delivering verticle to run now (after the enqueuing transaction committed). */
  public void kick() {
    bus.publish(KICK + partners.home().value(), null);
  }

  /**
   * Delivers what is due, batch after batch. Passes may overlap (a kick while a slow partner is being
   * waited for starts another): each claims only rows no pass holds, so nothing is sent twice and a
   * slow partner holds up no other.
   */
  public Future<Integer> deliverDue() {
    return deliverBatches(0);
  }

  private Future<Integer> deliverBatches(int sofar) {
    return claim().compose(rows -> {
      // One chain per partner, in the order queued; the partners' chains run side by side.
      Map<UUID, List<Row>> byPartner = new LinkedHashMap<>();
      rows.forEach(row -> byPartner.computeIfAbsent(row.getUUID("partner_id"), id -> new ArrayList<>()).add(row));
      List<Future<Integer>> chains = new ArrayList<>();
      byPartner.values().forEach(messages -> chains.add(deliverInOrder(messages, 0, 0)));
      Future<Integer> batch = Future.join(chains).transform(done -> Future.succeededFuture(
        sofar + chains.stream().filter(Future::succeeded).mapToInt(Future::result).sum()));
      return rows.size() < BATCH ? batch : batch.compose(this::deliverBatches);
    });
  }

  /**
   * Delivers one partner's messages one after the other. After a partner fails to answer, its other
   * messages are not tried in this pass: they keep their lease and are tried when it runs out, so a
   * partner that is slow costs one timeout per pass, not one per message.
   */
  private Future<Integer> deliverInOrder(List<Row> messages, int next, int delivered) {
    if (next == messages.size()) {
      return Future.succeededFuture(delivered);
    }
    return deliver(messages.get(next)).compose(outcome -> outcome == Attempt.UNANSWERED
      ? Future.succeededFuture(delivered)
      : deliverInOrder(messages, next + 1, outcome == Attempt.DELIVERED ? delivered + 1 : delivered));
  }

  private enum Attempt { DELIVERED, NOT_DELIVERED, UNANSWERED }

  private Future<List<Row>> claim() {
    Instant now = clock.instant();
    return pool.preparedQuery("update federation_outbox set next_attempt_at = $2 where message_id in ("
        + "select message_id from federation_outbox where delivered_at is null and refused_at is null and next_attempt_at <= $1 "
        + "order by created_at limit " + BATCH + " for update skip locked) returning message_id, partner_id, type, body, attempts")
      .execute(Tuple.of(at(now), at(now.plus(LEASE))))
      .map(rows -> {
        List<Row> claimed = new ArrayList<>();
        rows.forEach(claimed::add);
        return claimed;
      });
  }

  /** One attempt. Failures are recorded, not thrown. */
  private Future<Attempt> deliver(Row row) {
    UUID id = row.getUUID("message_id");
    int attempts = row.getInteger("attempts") + 1;
    Buffer body = Buffer.buffer(row.getJsonObject("body").encode());
    return partners.byId(pool, row.getUUID("partner_id")).compose(partner -> {
      if (partner.state() == Partner.State.ENDED) {
        return refused(id, attempts, "PARTNER_ENDED").map(Attempt.NOT_DELIVERED);
      }
      if (partner.state() == Partner.State.SUSPENDED) {
        return retry(id, attempts, "partner suspended here").map(Attempt.NOT_DELIVERED);
      }
      return signatures.sign(pool, partner.region(), "POST", PATH, body)
        .compose(signature -> web.post(partner.url(PATH), MultiMap.caseInsensitiveMultiMap()
          .add("Content-Type", "application/json")
          .add(io.tongxing.server.http.PartnerAuthenticator.HEADER, signature), body))
        .compose(response -> {
          int status = response.status();
          if (status == 200) {
            return acknowledgement(response)
              .map(ack -> delivered(id, attempts, ack).map(Attempt.DELIVERED))
              .orElseGet(() -> retry(id, attempts, "malformed acknowledgement").map(Attempt.NOT_DELIVERED));
          }
          String code = errorCode(response.body().toString(), status);
          if (status >= 400 && status < 500 && status != 408 && status != 429) {
            LOG.warn("message {} to {} refused: {}", id, partner.region(), code);
            return refused(id, attempts, code).map(Attempt.NOT_DELIVERED);
          }
          return retry(id, attempts, code).map(Attempt.NOT_DELIVERED);
        }, e -> retry(id, attempts, e.getMessage()).map(Attempt.UNANSWERED));
    });
  }

  private static java.util.Optional<JsonObject> acknowledgement(PartnerClient.Answer response) {
    try {
      return java.util.Optional.of(response.body().toJsonObject());
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** The delay before attempt {@code attempts + 1}: base, 2 × base, 4 × base, … at most the maximum. */
  Duration backoff(int attempts) {
    Duration delay = retryBase.multipliedBy(1L << Math.min(attempts - 1, 30));
    return delay.compareTo(retryMax) > 0 || delay.isNegative() ? retryMax : delay;
  }

  private Future<Void> delivered(UUID id, int attempts, JsonObject ack) {
    return pool.preparedQuery("update federation_outbox set delivered_at = $2, attempts = $3, ack = $4, last_error = null "
        + "where message_id = $1")
      .execute(Tuple.of(id, at(clock.instant()), attempts, ack))
      .mapEmpty();
  }

  private Future<Void> refused(UUID id, int attempts, String error) {
    return pool.preparedQuery("update federation_outbox set refused_at = $2, attempts = $3, last_error = $4 where message_id = $1")
      .execute(Tuple.of(id, at(clock.instant()), attempts, error))
      .mapEmpty();
  }

  private Future<Void> retry(UUID id, int attempts, String error) {
    Instant next = clock.instant().plus(backoff(attempts));
    LOG.info("message {} not delivered (attempt {}): {}; next attempt at {}", id, attempts, error, next);
    return pool.preparedQuery("update federation_outbox set attempts = $2, next_attempt_at = $3, last_error = $4 where message_id = $1")
      .execute(Tuple.of(id, attempts, at(next), error))
      .mapEmpty();
  }

  /** The newest messages sent and received, for the console. */
  public Future<JsonObject> list(SqlClient client) {
    return client.query("select o.message_id, p.region_code, o.type, o.created_at, o.attempts, o.next_attempt_at, o.delivered_at, "
        + "o.refused_at, o.ack, o.last_error from federation_outbox o join partners p on p.id = o.partner_id "
        + "order by o.created_at desc limit 200").execute()
      .compose(out -> client.query("select i.message_id, p.region_code, i.type, i.received_at, i.ack from federation_inbox i "
          + "join partners p on p.id = i.partner_id order by i.received_at desc limit 200").execute()
        .map(in -> {
          JsonArray sent = new JsonArray();
          for (Row row : out) {
            String state = row.getValue("delivered_at") != null ? "DELIVERED" : row.getValue("refused_at") != null ? "REFUSED" : "PENDING";
            sent.add(new JsonObject()
              .put("id", row.getUUID("message_id").toString())
              .put("to", row.getString("region_code"))
              .put("type", row.getString("type"))
              .put("state", state)
              .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
              .put("attempts", row.getInteger("attempts"))
              .put("nextAttemptAt", "PENDING".equals(state) ? row.getOffsetDateTime("next_attempt_at").toInstant().toString() : null)
              .put("ack", row.getJsonObject("ack"))
              .put("lastError", row.getString("last_error")));
          }
          JsonArray received = new JsonArray();
          for (Row row : in) {
            received.add(new JsonObject()
              .put("id", row.getUUID("message_id").toString())
              .put("from", row.getString("region_code"))
              .put("type", row.getString("type"))
              .put("receivedAt", row.getOffsetDateTime("received_at").toInstant().toString())
              .put("ack", row.getJsonObject("ack")));
          }
          return new JsonObject().put("sent", sent).put("received", received);
        }));
  }

  private static String errorCode(String body, int status) {
    try {
      return new JsonObject(body).getString("code", "HTTP " + status);
    } catch (RuntimeException e) {
      return "HTTP " + status;
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
