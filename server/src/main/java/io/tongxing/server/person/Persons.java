package io.tongxing.server.person;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.account.PhoneNumbers;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.LookupBudget;
import io.tongxing.server.colour.ColourOutcome;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.colour.Colours;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.rules.Flag;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * What admins and community staff see of a resident, and the flags admins set. Looking someone up is
 * audited and rate-limited; community staff see their own community's residents only, unless they
 * say why they need another.
 */
public final class Persons {

  private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

  private final Pool pool;
  private final Accounts accounts;
  private final FieldCipher cipher;
  private final ColourService colours;
  private final Colours colourViews;
  private final AuditLog audit;
  private final LookupBudget lookups;
  private final Clock clock;

  public Persons(Pool pool, Accounts accounts, FieldCipher cipher, ColourService colours, Colours colourViews,
                 AuditLog audit, LookupBudget lookups, Clock clock) {
    this.lookups = lookups;
    this.pool = pool;
    this.accounts = accounts;
    this.cipher = cipher;
    this.colours = colours;
    this.colourViews = colourViews;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A resident by ID number or phone. Community staff find only their own community's residents
   * unless they give a reason; whoever is outside what the caller may see is the same 404 as nobody.
   * Every lookup is audited and spends one of the caller's lookups.
   */
  public Future<JsonObject> search(Principal caller, JsonObject body, Locale locale) {
    String idNumber = body.getString("idNumber");
    String phone = body.getString("phone");
    if ((idNumber == null) == (phone == null)) {
      throw ApiException.invalidField("INVALID_QUERY", idNumber == null ? "idNumber" : "phone");
    }
    String reason = body.getString("reason");
    String by = idNumber == null ? "phone" : "idNumber";
    String checkedId = idNumber == null ? null : accounts.checkedIdNumber(idNumber);
    return lookups.spend(caller.accountId(), 1)
      .compose(v -> accounts.findResident(checkedId, phone))
      .recover(failure -> failure instanceof ApiException api && "PERSON_NOT_FOUND".equals(api.code())
        ? Future.succeededFuture(null) : Future.failedFuture(failure))
      .compose(found -> visible(caller, found, reason, by))
      .compose(person -> view(person, locale));
  }

  /** A resident by account, as {@link #search} allows. */
  public Future<JsonObject> view(Principal caller, UUID personId, String reason, Locale locale) {
    return lookups.spend(caller.accountId(), 1)
      .compose(v -> pool.preparedQuery("select account_id from residents where account_id = $1").execute(Tuple.of(personId)))
      .compose(rows -> visible(caller, rows.size() == 0 ? null : personId, reason, "account"))
      .compose(person -> view(person, locale));
  }

  /** The person, if the caller may see them (audited either way); else 404 PERSON_NOT_FOUND. */
  private Future<UUID> visible(Principal caller, UUID person, String reason, String by) {
    Future<Boolean> allowed = person == null ? Future.succeededFuture(false)
      : caller.role() != Role.COMMUNITY_STAFF || reason != null ? Future.succeededFuture(true)
      : pool.preparedQuery("select exists (select 1 from staff_communities s join resident_communities r "
          + "on r.community_code = s.community_code where s.account_id = $1 and r.account_id = $2)")
        .execute(Tuple.of(caller.accountId(), person)).map(rows -> rows.iterator().next().getBoolean(0));
    String why = reason != null ? reason : caller.role() == Role.COMMUNITY_STAFF ? "own community" : "lookup";
    return allowed.compose(shown -> audit.append(pool, AuditEntry.by(caller, "person.looked_up", "person",
          shown ? person.toString() : null, why, new JsonObject().put("by", by).put("found", shown)))
        .compose(v -> shown ? Future.succeededFuture(person) : Future.failedFuture(ApiException.notFound("PERSON_NOT_FOUND"))));
  }

  private Future<JsonObject> view(UUID personId, Locale locale) {
    return colours.refresh(personId, "viewed by staff")
      .compose(decision -> pool.preparedQuery("select a.display_name, r.id_number_enc, r.phone_enc from residents r "
          + "join accounts a on a.id = r.account_id where r.account_id = $1").execute(Tuple.of(personId))
        .compose(rows -> {
          Row row = rows.iterator().next();
          String id = personId.toString();
          JsonObject person = new JsonObject()
            .put("personId", id)
            .put("name", row.getString("display_name"))
            .put("maskedIdNumber", ResidentIdNumbers.mask(cipher.decrypt(row.getBuffer("id_number_enc").getBytes(), Accounts.ID_NUMBER, id)))
            // A resident recorded at the community desk without a smartphone has no phone: null.
            .put("maskedPhone", row.getBuffer("phone_enc") == null ? null
              : PhoneNumbers.mask(cipher.decrypt(row.getBuffer("phone_enc").getBytes(), Accounts.PHONE, id)));
          return flags(personId).compose(flags -> colourViews.explainToStaff(decision, locale)
            .map(explanation -> person.put("flags", flags).put("colour", explanation)));
        }));
  }

  public Future<JsonObject> setFlag(Principal admin, UUID personId, JsonObject body) {
    Flag flag = Flag.valueOf(body.getString("flag"));
    String reason = body.getString("reason").trim();
    Instant now = clock.instant();
    Instant effectiveAt = body.getString("effectiveAt") == null ? now : InputBounds.instant(body.getString("effectiveAt"),
      "effectiveAt");
    if (effectiveAt.isAfter(now.plus(CLOCK_TOLERANCE))) {
      throw InputBounds.inFuture("effectiveAt");
    }
    return pool.withTransaction(tx -> flagIn(tx, admin, personId, flag, reason, effectiveAt, new JsonObject()))
      .map(outcome -> {
        colours.published(outcome);
        return describe(personId, flag, effectiveAt, outcome);
      });
  }

  /**
   * Sets a flag inside the caller's transaction — an admin's, an exposure query's one-step flagging
   * of close contacts, or a partner's notice: the flag row, its audit row ({@code person.flag_set},
   * with {@code details} added) and the recomputed colour (which revokes earlier codes when it
   * changes). Publish the outcome with {@link #published} after commit.
   */
  public Future<ColourOutcome> flagIn(SqlConnection tx, Principal actor, UUID personId, Flag flag, String reason,
                                      Instant effectiveAt, JsonObject details) {
    Instant now = clock.instant();
    return colours.lockPerson(tx, personId)
      .compose(v -> tx.preparedQuery("insert into person_flags (account_id, flag, effective_at, reason, set_by, set_at) "
          + "values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(personId, flag.name(), OffsetDateTime.ofInstant(effectiveAt, ZoneOffset.UTC), reason,
          actor.accountId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))))
      .compose(v -> audit.append(tx, AuditEntry.by(actor, "person.flag_set", "person", personId.toString(), reason,
        details.copy().put("flag", flag.name()).put("effectiveAt", effectiveAt.toString()))))
      .compose(v -> colours.refreshLockedIn(tx, personId, "flag " + flag + " set"));
  }

  /** After commit: tells listeners of the colour change. */
  public void published(ColourOutcome outcome) {
    colours.published(outcome);
  }

  private static JsonObject describe(UUID personId, Flag flag, Instant effectiveAt, ColourOutcome outcome) {
    return new JsonObject()
      .put("personId", personId.toString())
      .put("flag", flag.name())
      .put("effectiveAt", effectiveAt.toString())
      .put("colour", outcome.decision().colour().name())
      .put("ruleId", outcome.decision().ruleId())
      .put("ruleVersion", outcome.decision().ruleVersion());
  }

  private Future<JsonArray> flags(UUID personId) {
    return pool.preparedQuery("select flag, effective_at, reason, set_at from person_flags where account_id = $1 "
        + "order by effective_at desc, id desc")
      .execute(Tuple.of(personId))
      .map(rows -> {
        JsonArray flags = new JsonArray();
        for (Row row : rows) {
          flags.add(new JsonObject()
            .put("flag", row.getString("flag"))
            .put("effectiveAt", row.getOffsetDateTime("effective_at").toInstant().toString())
            .put("reason", row.getString("reason"))
            .put("setAt", row.getOffsetDateTime("set_at").toInstant().toString()));
        }
        return flags;
      });
  }
}
