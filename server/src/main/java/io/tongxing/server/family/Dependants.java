package io.tongxing.server.family;

import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.account.Accounts;
import io.tongxing.server.account.RegisteredIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.OneTimeCodeSender.Purpose;
import io.tongxing.server.auth.OneTimeCodes;
import io.tongxing.server.auth.Throttle;
import io.tongxing.server.colour.ColourOutcome;
import io.tongxing.server.community.Communities;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.papercard.PaperCards;
import io.tongxing.server.pass.Refusal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Family members (dependants): a guardian looks after a member who consented, in person at the
 * community desk or by a one-time code sent to the member's own phone. Adding someone reveals nothing
 * the guardian did not already know: the request is answered the same way whether or not a resident
 * has that name and number, a code is sent only when both match a resident with a phone, and a wrong
 * code looks exactly like a request no code was sent for. Every step is audited, never with the number.
 */
public final class Dependants {

  private static final Logger LOG = LoggerFactory.getLogger(Dependants.class);
  private static final String COLUMNS = "d.id, d.guardian_id, d.member_id, d.name, d.id_masked, d.relation, d.state, d.consent, "
    + "d.requested_at, d.consented_at, d.ended_at";

  /** How many open requests and links a guardian may have, how many guardians a member, and requests a day. */
  public record Limits(int maxDependants, int maxGuardians, int requestsPerDay) {
  }

  private final Pool pool;
  private final FieldCipher cipher;
  private final Accounts accounts;
  private final OneTimeCodes codes;
  private final Throttle throttle;
  private final PaperCards cards;
  private final AuditLog audit;
  private final Limits limits;
  private final Clock clock;

  public Dependants(Pool pool, FieldCipher cipher, Accounts accounts, OneTimeCodes codes, Throttle throttle, PaperCards cards,
                    AuditLog audit, Limits limits, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.accounts = accounts;
    this.codes = codes;
    this.throttle = throttle;
    this.cards = cards;
    this.audit = audit;
    this.limits = limits;
    this.clock = clock;
  }

  // ---- the guardian ------------------------------------------------------------------------------

  /** A guardian's request: PENDING, answered the same whoever the number belongs to. */
  public Future<JsonObject> request(Principal guardian, JsonObject body) {
    String name = body.getString("name").strip();
    String idNumber = accounts.checkedIdNumber(body.getString("idNumber"));
    String consent = body.getString("consent");
    String limitKey = "dependant-requests:" + guardian.accountId();
    UUID id = UUID.randomUUID();
    return throttle.lockedFor(List.of(limitKey))
      .compose(locked -> locked.isPresent()
        ? Future.failedFuture(ApiException.tooManyRequests("DEPENDANT_REQUESTS_LIMIT", Throttle.retryAfterSeconds(locked.get())))
        : pool.withTransaction(tx -> admit(tx, guardian.accountId(), idNumber)
          .compose(v -> insert(tx, id, guardian.accountId(), name, idNumber, body.getString("relation"), "PENDING", consent,
            guardian.accountId()))
          .compose(v -> audit.append(tx, AuditEntry.by(guardian, "dependant.requested", "person", guardian.accountId().toString(),
            "a guardian asked to look after a family member", new JsonObject().put("dependantId", id.toString())
              .put("relation", body.getString("relation")).put("consent", consent))))
          .compose(v -> "PHONE_CODE".equals(consent) ? matchWithPhone(tx, idNumber, name) : Future.succeededFuture(
            Optional.<Match>empty()))))
      .compose(match -> throttle.hit(limitKey, limits.requestsPerDay(), Duration.ofDays(1), Duration.ofDays(1)).map(match))
      .compose(match -> match.map(m -> sendConsentCode(id, m)).orElse(Future.succeededFuture()))
      .compose(v -> one(pool, id, guardian.accountId()));
  }

  /** The code the member read out: consent recorded, the member linked. */
  public Future<JsonObject> consent(Principal guardian, UUID id, String code) {
    return pending(guardian.accountId(), id)
      .compose(row -> codes.check(target(id), Purpose.DEPENDANT_CONSENT, code)
        .recover(e -> Future.failedFuture(ApiException.invalidField("CONSENT_CODE_INVALID", "code")))
        .compose(codeId -> pool.withTransaction(tx -> lockedPending(tx, guardian.accountId(), id)
          .compose(locked -> member(tx, locked.getBuffer("id_number_hash"), locked.getString("name")))
          .compose(member -> member.isEmpty()
            // The registration changed since the code was sent: as if the code were wrong.
            ? Future.failedFuture(ApiException.invalidField("CONSENT_CODE_INVALID", "code"))
            : guardiansBelowLimit(tx, member.get().account())
              .compose(v -> codes.consume(tx, codeId))
              .compose(v -> activate(tx, id, guardian.accountId(), member.get().account(), "PHONE_CODE", member.get().account()))
              .compose(v -> audit.append(tx, new AuditEntry(member.get().account(), "RESIDENT", "dependant.consented", "person",
                member.get().account().toString(), "consent by the code sent to the member's phone",
                new JsonObject().put("dependantId", id.toString()).put("guardianId", guardian.accountId().toString())))))
          .compose(v -> one(tx, id, guardian.accountId())))));
  }

  public Future<JsonArray> mine(Principal guardian) {
    return pool.preparedQuery("select " + COLUMNS + " from dependants d where d.guardian_id = $1 "
        + "order by d.requested_at desc, d.id")
      .execute(Tuple.of(guardian.accountId()))
      .compose(rows -> withMembers(pool, rows));
  }

  /** The guardian ends the link (or withdraws a request). */
  public Future<JsonObject> endAsGuardian(Principal guardian, UUID id, String reason) {
    return end(guardian, id, guardian.accountId(), reason);
  }

  /** The member an ACTIVE link of this guardian's names, or a 404. */
  public Future<UUID> activeMember(Principal guardian, UUID id) {
    return pool.preparedQuery("select member_id from dependants where id = $1 and guardian_id = $2 and state = 'ACTIVE'")
      .execute(Tuple.of(id, guardian.accountId()))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("DEPENDANT_NOT_FOUND", "dependantId"))
        : Future.succeededFuture(rows.iterator().next().getUUID("member_id")));
  }

  /** Checks, on a print's own transaction, that the guardian's link to the member is still ACTIVE (and locks it). */
  public Future<Void> stillActive(SqlConnection tx, UUID id, UUID guardian, UUID member) {
    return tx.preparedQuery("select 1 from dependants where id = $1 and guardian_id = $2 and member_id = $3 and state = 'ACTIVE' "
        + "for share")
      .execute(Tuple.of(id, guardian, member))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("DEPENDANT_NOT_FOUND", "dependantId"))
        : Future.<Void>succeededFuture());
  }

  // ---- the member ----------------------------------------------------------------------------------

  /** Who looks after the caller: every link the caller consented to, with the guardian's name masked. */
  public Future<JsonArray> guardians(Principal member) {
    return pool.preparedQuery("select d.id, d.relation, d.state, d.consent, d.consented_at, a.display_name from dependants d "
        + "join accounts a on a.id = d.guardian_id where d.member_id = $1 order by d.consented_at desc, d.id")
      .execute(Tuple.of(member.accountId()))
      .map(rows -> {
        JsonArray guardians = new JsonArray();
        rows.forEach(row -> guardians.add(guardian(row)));
        return guardians;
      });
  }

  /** The member ends a link they consented to; the link is found across guardians, then ended on the guardian's rows. */
  public Future<JsonObject> endAsMember(Principal member, UUID id, String reason) {
    return pool.preparedQuery("select guardian_id from dependants where id = $1 and member_id = $2").execute(Tuple.of(id, member.accountId()))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("DEPENDANT_NOT_FOUND", "dependantId"))
        : Future.succeededFuture(rows.iterator().next().getUUID("guardian_id")))
      .compose(guardian -> end(member, id, guardian, reason)
        .compose(ended -> pool.preparedQuery("select d.id, d.relation, d.state, d.consent, d.consented_at, a.display_name "
            + "from dependants d join accounts a on a.id = d.guardian_id where d.id = $1 and d.guardian_id = $2")
          .execute(Tuple.of(id, guardian)))
        .map(rows -> guardian(rows.iterator().next())));
  }

  // ---- the community desk ----------------------------------------------------------------------------

  /**
   * Guardian and member at the desk with their ID cards: the member is linked to their registration
   * (the name must be the registered one) or, never registered and without a phone, recorded as a
   * resident of the staff's community. Both consent in person; a PENDING request is completed.
   */
  public Future<JsonObject> addAtDesk(Principal staff, JsonObject body) {
    DeskRequest request = new DeskRequest(checkedGuardianId(body.getString("guardianIdNumber")),
      body.getString("name").strip(), accounts.checkedIdNumber(body.getString("idNumber")), body.getString("relation"));
    if (request.guardianIdNumber().equals(request.idNumber())) {
      throw Refusal.invalid("DEPENDANT_IS_SELF", "idNumber");
    }
    ColourOutcome[] created = new ColourOutcome[1];
    return pool.withTransaction(tx -> Communities.ofStaff(tx, staff.accountId())
        .compose(community -> guardianAtDesk(tx, request)
          .compose(guardian -> memberAtDesk(tx, staff, request, community.getString("code"), created)
            .compose(member -> linkAtDesk(tx, staff, request, guardian, member)
              .compose(id -> audit.append(tx, AuditEntry.by(staff, "dependant.consented", "person", member.toString(),
                  "guardian and member consented in person at the community desk", new JsonObject()
                    .put("dependantId", id.toString()).put("guardianId", guardian.toString())
                    .put("relation", request.relation()).put("community", community.getString("code"))))
                .compose(v -> one(tx, id, guardian)))))))
      .onSuccess(link -> {
        if (created[0] != null) {
          accounts.published(created[0]);
        }
      });
  }

  /** What the desk typed from the two ID cards. */
  private record DeskRequest(String guardianIdNumber, String name, String idNumber, String relation) {
  }

  /** The guardian's registration, locked (as a guardian's own request locks it) while the link is made. */
  private Future<UUID> guardianAtDesk(SqlConnection tx, DeskRequest request) {
    return RegisteredIdNumbers.holder(tx, hash(request.guardianIdNumber()))
      .compose(holder -> holder.isEmpty()
        ? Future.failedFuture(Refusal.notFound("GUARDIAN_NOT_FOUND", "guardianIdNumber"))
        : tx.preparedQuery("select account_id from residents where account_id = $1 for no key update").execute(Tuple.of(holder.get()))
          .map(holder.get()));
  }

  /**
   * The member's registration — the staff compare the ID card, so the registered name must be the one
   * typed — or, for a person never registered, a resident without a phone in the staff's community.
   */
  private Future<UUID> memberAtDesk(SqlConnection tx, Principal staff, DeskRequest request, String community,
                                    ColourOutcome[] created) {
    return registered(tx, hash(request.idNumber()))
      .compose(registration -> {
        if (registration.isPresent()) {
          return registration.get().named(request.name())
            ? Future.succeededFuture(registration.get().account())
            : Future.failedFuture(Refusal.conflict("DEPENDANT_NAME_MISMATCH", "name"));
        }
        UUID member = UUID.randomUUID();
        return accounts.createWithoutPhone(tx, staff, member, request.name(), request.idNumber())
          .compose(outcome -> {
            created[0] = outcome;
            return tx.preparedQuery("insert into resident_communities (account_id, community_code, declared_at) "
              + "values ($1, $2, $3)").execute(Tuple.of(member, community, now()));
          })
          .map(member);
      });
  }

  /** Completes the guardian's PENDING request for this person, or records a new link; ACTIVE either way. */
  private Future<UUID> linkAtDesk(SqlConnection tx, Principal staff, DeskRequest request, UUID guardian, UUID member) {
    return guardiansBelowLimit(tx, member)
      .compose(v -> tx.preparedQuery("select id, state from dependants where guardian_id = $1 and id_number_hash = $2 "
        + "and state <> 'ENDED' for update").execute(Tuple.of(guardian, hash(request.idNumber()))))
      .compose(open -> {
        if (open.size() > 0 && "ACTIVE".equals(open.iterator().next().getString("state"))) {
          return Future.failedFuture(Refusal.conflict("DEPENDANT_EXISTS", "idNumber"));
        }
        if (open.size() > 0) {
          UUID pending = open.iterator().next().getUUID("id");
          return activate(tx, pending, guardian, member, "DESK", staff.accountId()).map(pending);
        }
        UUID id = UUID.randomUUID();
        return dependantsBelowLimit(tx, guardian)
          .compose(v -> insert(tx, id, guardian, request.name(), request.idNumber(), request.relation(), "PENDING", "DESK",
            staff.accountId()))
          .compose(v -> activate(tx, id, guardian, member, "DESK", staff.accountId()))
          .map(id);
      });
  }

  /** A resident's links, as guardian and as member, for staff of the resident's community. */
  public Future<JsonArray> familyAtDesk(Principal staff, UUID resident) {
    return pool.withTransaction(tx -> inCommunity(tx, staff, resident, "residentId")
      .compose(v -> tx.preparedQuery("select " + COLUMNS + " from dependants d where d.guardian_id = $1 or d.member_id = $1 "
          + "order by d.requested_at desc, d.id").execute(Tuple.of(resident)))
      .compose(rows -> withMembers(tx, rows)));
  }

  public Future<JsonObject> endAtDesk(Principal staff, UUID id, String reason) {
    return pool.preparedQuery("select guardian_id, member_id from dependants where id = $1").execute(Tuple.of(id))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("DEPENDANT_NOT_FOUND", "dependantId"));
        }
        Row row = rows.iterator().next();
        UUID member = row.getUUID("member_id");
        return Communities.ofStaff(pool, staff.accountId()).compose(community -> pool.preparedQuery(
            "select 1 from resident_communities where community_code = $1 and account_id = any($2)")
          .execute(Tuple.of(community.getString("code"), member == null
            ? new UUID[] {row.getUUID("guardian_id")} : new UUID[] {row.getUUID("guardian_id"), member})))
          .compose(found -> found.size() == 0
            ? Future.failedFuture(Refusal.conflict("DEPENDANT_NOT_IN_COMMUNITY", "dependantId"))
            : end(staff, id, row.getUUID("guardian_id"), reason));
      });
  }

  /** Checks that {@code resident} declared the staff's community. */
  public static Future<Void> inCommunity(SqlClient tx, Principal staff, UUID resident, String field) {
    return Communities.ofStaff(tx, staff.accountId()).compose(community -> tx.preparedQuery(
        "select r.account_id, c.community_code from residents r left join resident_communities c on c.account_id = r.account_id "
          + "where r.account_id = $1").execute(Tuple.of(resident))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("PERSON_NOT_FOUND", field));
        }
        return community.getString("code").equals(rows.iterator().next().getString("community_code"))
          ? Future.<Void>succeededFuture()
          : Future.failedFuture(Refusal.conflict("RESIDENT_NOT_IN_COMMUNITY", field, community.getString("name")));
      }));
  }

  // ---- steps -------------------------------------------------------------------------------------------

  /** A registered resident with this number, this exact name and a phone, if there is one. */
  private record Match(UUID account, String phone) {
  }

  private Future<Void> admit(SqlConnection tx, UUID guardian, String idNumber) {
    return tx.preparedQuery("select id_number_hash from residents where account_id = $1 for no key update")
      .execute(Tuple.of(guardian))
      .compose(rows -> {
        if (java.util.Arrays.equals(rows.iterator().next().getBuffer("id_number_hash").getBytes(), hash(idNumber))) {
          return Future.failedFuture(Refusal.invalid("DEPENDANT_IS_SELF", "idNumber"));
        }
        return dependantsBelowLimit(tx, guardian);
      })
      .compose(v -> tx.preparedQuery("select 1 from dependants where guardian_id = $1 and id_number_hash = $2 and state <> 'ENDED'")
        .execute(Tuple.of(guardian, hash(idNumber))))
      .compose(rows -> rows.size() > 0
        ? Future.failedFuture(Refusal.conflict("DEPENDANT_EXISTS", "idNumber"))
        : Future.<Void>succeededFuture());
  }

  private Future<Void> dependantsBelowLimit(SqlConnection tx, UUID guardian) {
    return tx.preparedQuery("select count(*) as n from dependants where guardian_id = $1 and state <> 'ENDED'")
      .execute(Tuple.of(guardian))
      .compose(rows -> rows.iterator().next().getLong("n") >= limits.maxDependants()
        ? Future.failedFuture(Refusal.conflict("TOO_MANY_DEPENDANTS", "idNumber", limits.maxDependants()))
        : Future.<Void>succeededFuture());
  }

  private Future<Void> guardiansBelowLimit(SqlConnection tx, UUID member) {
    return tx.preparedQuery("select count(*) as n from dependants where member_id = $1 and state = 'ACTIVE'")
      .execute(Tuple.of(member))
      .compose(rows -> rows.iterator().next().getLong("n") >= limits.maxGuardians()
        ? Future.failedFuture(Refusal.conflict("TOO_MANY_GUARDIANS", "idNumber", limits.maxGuardians()))
        : Future.<Void>succeededFuture());
  }

  private Future<Optional<Match>> matchWithPhone(SqlClient tx, String idNumber, String name) {
    return registered(tx, hash(idNumber)).map(registration -> registration
      .filter(r -> r.phoneEnc() != null && r.named(name))
      .map(r -> new Match(r.account(), cipher.decrypt(r.phoneEnc().getBytes(), Accounts.PHONE, r.account().toString()))));
  }

  private Future<Optional<Match>> member(SqlClient tx, Buffer idHash, String name) {
    return registered(tx, idHash.getBytes()).map(registration -> registration.filter(r -> r.named(name))
      .map(r -> new Match(r.account(), null)));
  }

  /** A registered resident as a guardian's request is matched against: the name and the phone (sealed), if any. */
  private record Registration(UUID account, String displayName, Buffer phoneEnc) {
    boolean named(String name) {
      return displayName.strip().equals(name);
    }
  }

  /** The registration of the resident with this ID number: found by the number, then read beside the resident. */
  private static Future<Optional<Registration>> registered(SqlClient client, byte[] idHash) {
    return RegisteredIdNumbers.holder(client, idHash).compose(holder -> holder.isEmpty()
      ? Future.succeededFuture(Optional.<Registration>empty())
      : client.preparedQuery("select a.display_name, r.phone_enc from residents r join accounts a on a.id = r.account_id "
          + "where r.account_id = $1").execute(Tuple.of(holder.get()))
        .map(rows -> Optional.of(new Registration(holder.get(), rows.iterator().next().getString("display_name"),
          rows.iterator().next().getBuffer("phone_enc")))));
  }

  /** Sending is best effort and never visible to the guardian: a failure must not tell a match from none. */
  private Future<Void> sendConsentCode(UUID id, Match match) {
    return codes.sendFor(target(id), match.phone(), Purpose.DEPENDANT_CONSENT)
      .recover(e -> {
        LOG.warn("consent code for dependant request {} not sent: {}", id, e.getMessage());
        return Future.succeededFuture();
      });
  }

  private Future<Row> pending(UUID guardian, UUID id) {
    return lockedPending(pool, guardian, id);
  }

  private Future<Row> lockedPending(SqlClient client, UUID guardian, UUID id) {
    String lock = client instanceof SqlConnection ? " for update" : "";
    return client.preparedQuery("select id, name, id_number_hash, state, consent from dependants where id = $1 and guardian_id = $2"
        + lock).execute(Tuple.of(id, guardian))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("DEPENDANT_NOT_FOUND", "dependantId"));
        }
        Row row = rows.iterator().next();
        if (!"PENDING".equals(row.getString("state")) || !"PHONE_CODE".equals(row.getString("consent"))) {
          return Future.failedFuture(Refusal.conflict("DEPENDANT_NOT_AWAITING_CODE", "dependantId"));
        }
        return Future.succeededFuture(row);
      });
  }

  private Future<Void> insert(SqlConnection tx, UUID id, UUID guardian, String name, String idNumber, String relation,
                              String state, String consent, UUID requestedBy) {
    return tx.preparedQuery("insert into dependants (id, guardian_id, name, id_number_enc, id_number_hash, id_masked, relation, "
        + "state, consent, requested_at, requested_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
      .execute(Tuple.from(new Object[] {id, guardian, name, cipher.encrypt(idNumber, Accounts.ID_NUMBER, id.toString()),
        hash(idNumber), ResidentIdNumbers.mask(idNumber), relation, state, consent, now(), requestedBy}))
      .mapEmpty();
  }

  private Future<Void> activate(SqlConnection tx, UUID id, UUID guardian, UUID member, String consent, UUID consentedBy) {
    return tx.preparedQuery("update dependants set state = 'ACTIVE', member_id = $3, consent = $4, consented_at = $5, "
        + "consented_by = $6 where id = $1 and guardian_id = $2 and state = 'PENDING'")
      .execute(Tuple.of(id, guardian, member, consent, now(), consentedBy))
      .mapEmpty();
  }

  /** Ends the guardian's link {@code id}; a link ended already is a conflict, another guardian's a 404. */
  private Future<JsonObject> end(Principal by, UUID id, UUID guardian, String reason) {
    return pool.withTransaction(tx -> tx.preparedQuery("update dependants set state = 'ENDED', ended_at = $3, ended_by = $4, "
          + "ended_reason = $5 where id = $1 and guardian_id = $2 and state <> 'ENDED' returning member_id")
        .execute(Tuple.of(id, guardian, now(), by.accountId(), reason))
        .compose(rows -> {
          if (rows.size() == 0) {
            return tx.preparedQuery("select 1 from dependants where id = $1 and guardian_id = $2").execute(Tuple.of(id, guardian))
              .compose(found -> Future.failedFuture(found.size() == 0
                ? Refusal.notFound("DEPENDANT_NOT_FOUND", "dependantId")
                : Refusal.conflict("DEPENDANT_ENDED", "dependantId")));
          }
          UUID member = rows.iterator().next().getUUID("member_id");
          return audit.append(tx, AuditEntry.by(by, "dependant.ended", "person", guardian.toString(), reason,
            new JsonObject().put("dependantId", id.toString()).put("memberId", member == null ? null : member.toString())));
        })
        .compose(v -> one(tx, id, guardian)));
  }

  /** One of the guardian's links (their rows live beside the guardian). */
  private Future<JsonObject> one(SqlClient client, UUID id, UUID guardian) {
    return client.preparedQuery("select " + COLUMNS + " from dependants d where d.id = $1 and d.guardian_id = $2")
      .execute(Tuple.of(id, guardian))
      .compose(rows -> withMembers(client, rows).map(list -> list.getJsonObject(0)));
  }

  /**
   * The links, each ACTIVE one with its member's colour and current paper card, read beside the member
   * (on Citus the member's rows may live on another worker than the guardian's).
   */
  private Future<JsonArray> withMembers(SqlClient client, Iterable<Row> rows) {
    List<Future<JsonObject>> all = new ArrayList<>();
    for (Row row : rows) {
      JsonObject json = dependant(row);
      UUID member = row.getUUID("member_id");
      all.add(member == null || !"ACTIVE".equals(row.getString("state"))
        ? Future.succeededFuture(json)
        : client.preparedQuery("select colour from colour_states where account_id = $1").execute(Tuple.of(member))
          .compose(colour -> cards.current(client, member).map(card -> json
            .put("colour", colour.size() == 0 ? null : colour.iterator().next().getString("colour"))
            .put("paperCard", card))));
    }
    return Future.all(all).map(done -> {
      JsonArray list = new JsonArray();
      all.forEach(f -> list.add(f.result()));
      return list;
    });
  }

  private static JsonObject dependant(Row row) {
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("name", row.getString("name"))
      .put("maskedIdNumber", row.getString("id_masked"))
      .put("relation", row.getString("relation"))
      .put("state", row.getString("state"))
      .put("consent", row.getString("consent"))
      .put("requestedAt", instant(row, "requested_at"))
      .put("consentedAt", instant(row, "consented_at"))
      .put("endedAt", instant(row, "ended_at"))
      .put("colour", null)
      .put("paperCard", null);
  }

  private static JsonObject guardian(Row row) {
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("guardianName", io.tongxing.token.MaskedName.of(row.getString("display_name")))
      .put("relation", row.getString("relation"))
      .put("state", row.getString("state"))
      .put("consent", row.getString("consent"))
      .put("since", instant(row, "consented_at"));
  }

  /** As {@link Accounts#checkedIdNumber}, naming the guardian's field. */
  private String checkedGuardianId(String raw) {
    try {
      return accounts.checkedIdNumber(raw);
    } catch (ApiException e) {
      throw new ApiException(e.status(), e.code(), new JsonObject().put("field", "guardianIdNumber"), 0);
    }
  }

  private byte[] hash(String idNumber) {
    return cipher.lookupHash(Accounts.ID_NUMBER, idNumber);
  }

  private static String target(UUID id) {
    return "dependant:" + id;
  }

  private static String instant(Row row, String column) {
    OffsetDateTime at = row.getOffsetDateTime(column);
    return at == null ? null : at.toInstant().toString();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
