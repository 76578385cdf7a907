package io.tongxing.server.federation;

import io.tongxing.server.account.Accounts;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.colour.ColourOutcome;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.person.Persons;
import io.tongxing.server.rules.Flag;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Close-contact and release notices, both ways. Sending: an admin names the partner and the
 * person's ID number; the notice carries only the keyed hash under the agreed key. Receiving: the
 * hash is matched against this region's residents, and a match becomes a person flag set by the
 * partner's account, so this region's own rules decide the colour (a close contact turns red, the
 * earlier codes become invalid; a release counts as a RELEASED flag and ends the quarantine here too).
 */
public final class Notices {

  /** What a close-contact notice may say about a person. */
  static final java.util.List<Flag> CATEGORIES = java.util.List.of(Flag.CLOSE_CONTACT, Flag.CONFIRMED, Flag.SECONDARY_CONTACT);

  private final Pool pool;
  private final Partners partners;
  private final Outbox outbox;
  private final ResidentMatcher matcher;
  private final Persons persons;
  private final Accounts accounts;
  private final AuditLog audit;
  private final Clock clock;
  private final ZoneId zone;

  public Notices(Pool pool, Partners partners, Outbox outbox, ResidentMatcher matcher, Persons persons, Accounts accounts,
                 AuditLog audit, Clock clock, ZoneId zone) {
    this.pool = pool;
    this.partners = partners;
    this.outbox = outbox;
    this.matcher = matcher;
    this.persons = persons;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
    this.zone = zone;
  }

  /** Queues a close-contact notice (or confirmed, or secondary contact). */
  public Future<JsonObject> sendCloseContact(Principal admin, JsonObject body) {
    LocalDate date = pastDate(body.getString("date"), "date");
    return send(admin, body, MessageType.CLOSE_CONTACT_NOTICE, new JsonObject()
      .put("category", body.getString("category")).put("date", date.toString()).put("reason", body.getString("reason").trim()));
  }

  /** Queues a quarantine-release notice. */
  public Future<JsonObject> sendRelease(Principal admin, JsonObject body) {
    LocalDate date = pastDate(body.getString("releasedOn"), "releasedOn");
    return send(admin, body, MessageType.RELEASE_NOTICE, new JsonObject()
      .put("releasedOn", date.toString()).put("reason", body.getString("reason").trim()));
  }

  private Future<JsonObject> send(Principal admin, JsonObject body, MessageType type, JsonObject payload) {
    String idNumber = accounts.checkedIdNumber(body.getString("idNumber"));
    RegionCode region = RegionCode.parse(body.getString("partnerRegion"))
      .orElseThrow(() -> ApiException.invalidField("INVALID_REGION_CODE", "partnerRegion"));
    return pool.withTransaction(tx -> partners.byRegion(tx, region).compose(found -> {
        Partner partner = found.orElseThrow(() -> ApiException.notFound("PARTNER_NOT_FOUND"));
        if (partner.state() != Partner.State.ACTIVE) {
          throw ApiException.conflict("PARTNER_NOT_ACTIVE", "partnerRegion");
        }
        if (!partner.scope().outbound().messages().contains(type)) {
          throw ApiException.conflict("MESSAGE_OUTSIDE_SCOPE", "partnerRegion");
        }
        return partners.contactKey(tx, partner.id()).compose(key -> {
          payload.put("subject", ResidentMatcher.hash(key, idNumber));
          return outbox.enqueue(tx, partner, type, payload);
        }).compose(id -> audit.append(tx, AuditEntry.by(admin, "federation.notice_sent", "message", id.toString(),
            payload.getString("reason"), new JsonObject().put("type", type.name()).put("to", region.value())
              .put("maskedIdNumber", ResidentIdNumbers.mask(idNumber))))
          .map(new JsonObject().put("messageId", id.toString()).put("type", type.name()).put("to", region.value())));
      }))
      .onSuccess(v -> outbox.kick());
  }

  /** What receiving a notice did: the acknowledgement, and the colour outcome to publish after commit. */
  record Received(JsonObject ack, Optional<ColourOutcome> outcome) {
  }

  Future<Received> receive(SqlConnection tx, Partner partner, MessageType type, String messageId, JsonObject payload) {
    Flag flag;
    LocalDate date;
    if (!(payload.getValue("subject") instanceof String subject) || !subject.matches("[A-Za-z0-9_-]{43}")) {
      throw ApiException.invalidField("INVALID_NOTICE_SUBJECT", "payload.subject");
    }
    if (!(payload.getValue("reason") instanceof String text) || !InputBounds.isLine(text, 500)) {
      throw ApiException.invalidField("INVALID_NOTICE_REASON", "payload.reason");
    }
    if (type == MessageType.CLOSE_CONTACT_NOTICE) {
      flag = CATEGORIES.stream().filter(f -> f.name().equals(payload.getValue("category"))).findFirst()
        .orElseThrow(() -> ApiException.invalidField("INVALID_NOTICE_CATEGORY", "payload.category"));
      date = pastDate(payload.getString("date"), "payload.date");
    } else {
      flag = Flag.RELEASED;
      date = pastDate(payload.getString("releasedOn"), "payload.releasedOn");
    }
    Instant effectiveAt = date.atStartOfDay(zone).toInstant();
    Principal actor = new Principal(partner.id(), Role.PARTNER);
    String reason = partner.name() + " (" + partner.region().value() + ") " + type.name() + " " + messageId + ": "
      + payload.getString("reason");
    return partners.contactKey(tx, partner.id())
      .compose(key -> matcher.find(tx, partner.id(), key, payload.getString("subject")))
      .compose(person -> {
        // The same acknowledgement whether or not the person lives here, and never their colour: a
        // partner knows the ID numbers it hashes, and must not learn from us who is registered here.
        JsonObject received = new JsonObject().put("result", "RECEIVED");
        if (person.isEmpty()) {
          return audit.append(tx, AuditEntry.by(actor, "federation.notice_unmatched", "message", messageId,
              "no resident of this region has the notice's ID number", new JsonObject().put("type", type.name())))
            .map(new Received(received, Optional.empty()));
        }
        return persons.flagIn(tx, actor, person.get(), flag, reason, effectiveAt,
            new JsonObject().put("messageId", messageId).put("from", partner.region().value()))
          .map(outcome -> new Received(received, Optional.of(outcome)));
      });
  }

  /** A date from 2000 to today (in this region's zone), else a 400 naming {@code field}. */
  private LocalDate pastDate(String text, String field) {
    LocalDate date = InputBounds.date(text, field);
    if (date.isAfter(LocalDate.ofInstant(clock.instant(), zone))) {
      throw InputBounds.inFuture(field);
    }
    return date;
  }

  void published(Received received) {
    received.outcome().ifPresent(persons::published);
  }
}
