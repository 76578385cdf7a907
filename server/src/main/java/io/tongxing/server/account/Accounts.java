package io.tongxing.server.account;

import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.OneTimeCodeSender.Purpose;
import io.tongxing.server.auth.OneTimeCodes;
import io.tongxing.server.auth.Passwords;
import io.tongxing.server.auth.RefreshTokens;
import io.tongxing.server.colour.ColourOutcome;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.db.ConstraintNames;
import io.tongxing.server.employee.ResidentLinks;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Creating accounts (residents, enterprises, staff), resetting passwords and describing the caller.
 * Identity and phone numbers are checked, then stored only encrypted and as keyed hashes.
 */
public final class Accounts {

  /** Field names for encryption context and keyed hashes. */
  public static final String ID_NUMBER = "resident.id_number";
  public static final String PHONE = "resident.phone";
  /** The password hash of an account nobody logs in to: no hash the hasher makes has this form. */
  static final String NO_LOGIN = "!no-login";

  private final Pool pool;
  private final FieldCipher cipher;
  private final Passwords passwords;
  private final OneTimeCodes codes;
  private final RefreshTokens refreshTokens;
  private final ColourService colours;
  private final AuditLog audit;
  private final Clock clock;
  private final ZoneId zone;
  private final SecureRandom random;

  public Accounts(Pool pool, FieldCipher cipher, Passwords passwords, OneTimeCodes codes, RefreshTokens refreshTokens,
                  ColourService colours, AuditLog audit, Clock clock, ZoneId zone, SecureRandom random) {
    this.pool = pool;
    this.cipher = cipher;
    this.passwords = passwords;
    this.codes = codes;
    this.refreshTokens = refreshTokens;
    this.colours = colours;
    this.audit = audit;
    this.clock = clock;
    this.zone = zone;
    this.random = random;
  }

  /** Registration after phone verification with a REGISTER one-time code. */
  public Future<JsonObject> registerResident(JsonObject body) {
    String name = body.getString("name").trim();
    String idNumber = checkedIdNumber(body.getString("idNumber"));
    String phone = checkedPhone(body.getString("phone"));
    return codes.check(phone, Purpose.REGISTER, body.getString("code"))
      .compose(codeId -> passwords.hash(body.getString("password"))
        .compose(hash -> createResident(name, idNumber, phone, hash, codeId))
        .recover(failure -> isIdNumberTaken(failure)
          ? spentOnTakenNumber(codeId, idNumber).compose(v -> Future.failedFuture(failure))
          : Future.failedFuture(failure)));
  }

  /**
   * "This ID number is registered already" is an answer about someone: the person whose number it is
   * must get it, but nobody may ask it in a loop. So it spends the one-time code — one such answer per
   * code, and codes come once a minute per phone and 20 an hour per source — and is audited against
   * the account that holds the number.
   */
  private Future<Void> spentOnTakenNumber(UUID codeId, String idNumber) {
    return pool.withTransaction(tx -> codes.consume(tx, codeId)
      .compose(v -> RegisteredIdNumbers.holder(tx, cipher.lookupHash(ID_NUMBER, idNumber)))
      .compose(holder -> audit.append(tx, AuditEntry.bySystem("account.registration_refused", "account",
        holder.map(UUID::toString).orElse(null),
        "the ID number is registered already; the one-time code was spent",
        new JsonObject().put("maskedIdNumber", ResidentIdNumbers.mask(idNumber))))))
      .recover(e -> Future.succeededFuture());
  }

  /** The ID number is claimed first in resident_id_numbers (V80), whose key refuses a second claim. */
  private static boolean isIdNumberTaken(Throwable failure) {
    return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
      && ConstraintNames.violated(failure, "resident_id_numbers_pkey");
  }

  /** For demo data: the phone counts as verified. */
  public Future<UUID> createVerifiedResident(String name, String idNumber, String phone, String password) {
    return passwords.hash(password)
      .compose(hash -> createResident(name, checkedIdNumber(idNumber), checkedPhone(phone), hash, null))
      .map(json -> UUID.fromString(json.getString("accountId")));
  }

  private Future<JsonObject> createResident(String name, String idNumber, String phone, String passwordHash, UUID codeId) {
    UUID id = UUID.randomUUID();
    String row = id.toString();
    return pool.withTransaction(tx -> insertAccount(tx, id, Role.RESIDENT, null, name, passwordHash)
        .compose(v -> insertResident(tx, id, idNumber, phone))
        .compose(v -> ResidentLinks.linkNewResident(tx, id, cipher.lookupHash(ID_NUMBER, idNumber), name))
        .compose(v -> codeId == null ? Future.<Void>succeededFuture() : codes.consume(tx, codeId))
        .compose(v -> audit.append(tx, new AuditEntry(id, Role.RESIDENT.name(), "account.registered", "account", row,
          "self-registration", new JsonObject().put("role", Role.RESIDENT.name()))))
        .compose(v -> colours.refreshIn(tx, id, "registration")))
      .onSuccess(colours::published)
      .map(outcome -> new JsonObject()
        .put("accountId", row)
        .put("role", Role.RESIDENT.name())
        .put("colour", outcome.decision().colour().name()));
  }

  /**
   * A resident without a smartphone, recorded in person at the community desk inside the caller's
   * transaction: no phone and no password anyone could log in with, a colour of their own, and a
   * guardian to look after them. The colour outcome is for the caller to publish after commit.
   */
  public Future<ColourOutcome> createWithoutPhone(SqlConnection tx, Principal staff, UUID id, String name, String idNumber) {
    return insertAccount(tx, id, Role.RESIDENT, null, name, NO_LOGIN)
      .compose(v -> insertResident(tx, id, idNumber, null))
      .compose(v -> audit.append(tx, AuditEntry.by(staff, "account.registered-without-phone", "account", id.toString(),
        "recorded at the community desk, in person with the ID card", new JsonObject().put("role", Role.RESIDENT.name()))))
      .compose(v -> colours.refreshIn(tx, id, "registration"));
  }

  /** Announces a colour computed by {@link #createWithoutPhone}, once its transaction committed. */
  public void published(ColourOutcome outcome) {
    colours.published(outcome);
  }

  /**
   * The resident row. The ID number and phone (a resident may have none) are claimed first in their
   * own tables (V80), whose primary keys keep them unique across the region on one PostgreSQL and on
   * Citus alike.
   */
  private Future<Void> insertResident(SqlConnection tx, UUID id, String idNumber, String phone) {
    String row = id.toString();
    byte[] idNumberHash = cipher.lookupHash(ID_NUMBER, idNumber);
    byte[] phoneHash = phone == null ? null : cipher.lookupHash(PHONE, phone);
    return tx.preparedQuery("insert into resident_id_numbers (id_number_hash, account_id) values ($1, $2)")
      .execute(Tuple.of(idNumberHash, id))
      .compose(v -> phoneHash == null ? Future.succeededFuture()
        : tx.preparedQuery("insert into resident_phones (phone_hash, account_id) values ($1, $2)").execute(Tuple.of(phoneHash, id)))
      .compose(v -> claimPseudonym(tx, id))
      .compose(pseudonym -> tx.preparedQuery("insert into residents (account_id, id_number_enc, id_number_hash, phone_enc, "
          + "phone_hash, pseudonym) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(id, cipher.encrypt(idNumber, ID_NUMBER, row), idNumberHash,
          phone == null ? null : cipher.encrypt(phone, PHONE, row), phoneHash, pseudonym)))
      .mapEmpty();
  }

  /**
   * A fresh pseudonym: eight random base64url characters (48 bits), the {@code sub} of every token
   * the resident holds. A clash with an existing one is drawn again.
   */
  private Future<String> claimPseudonym(SqlConnection tx, UUID id) {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    String pseudonym = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return tx.preparedQuery("insert into resident_pseudonyms (pseudonym, account_id) values ($1, $2) on conflict do nothing")
      .execute(Tuple.of(pseudonym, id))
      .compose(result -> result.rowCount() == 1 ? Future.succeededFuture(pseudonym) : claimPseudonym(tx, id));
  }

  public Future<JsonObject> registerEnterprise(JsonObject body) {
    String name = body.getString("name").trim();
    String creditCode = CreditCodes.normalize(body.getString("creditCode"));
    CreditCodes.problem(creditCode).ifPresent(problem -> {
      throw ApiException.invalidField(problem == CreditCodes.Problem.FORMAT ? "INVALID_CREDIT_CODE" : "INVALID_CREDIT_CODE_CHECK",
        "creditCode");
    });
    UUID id = UUID.randomUUID();
    return passwords.hash(body.getString("password"))
      .compose(hash -> pool.withTransaction(tx -> insertAccount(tx, id, Role.ENTERPRISE, creditCode, name, hash)
        .compose(v -> tx.preparedQuery("insert into enterprises (account_id, credit_code, name) values ($1, $2, $3)")
          .execute(Tuple.of(id, creditCode, name)))
        .compose(v -> audit.append(tx, new AuditEntry(id, Role.ENTERPRISE.name(), "account.registered", "account",
          id.toString(), "self-registration", new JsonObject().put("role", Role.ENTERPRISE.name()).put("creditCode", creditCode))))))
      .map(v -> new JsonObject().put("accountId", id.toString()).put("role", Role.ENTERPRISE.name()));
  }

  /** Admins create community staff, officers and other admins. */
  public Future<JsonObject> createStaff(Principal admin, JsonObject body) {
    Role role = Role.valueOf(body.getString("role"));
    if (role != Role.COMMUNITY_STAFF && role != Role.OFFICER && role != Role.ADMIN) {
      throw ApiException.invalidField("INVALID_STAFF_ROLE", "role");
    }
    String username = body.getString("username");
    UUID id = UUID.randomUUID();
    return passwords.hash(body.getString("password"))
      .compose(hash -> pool.withTransaction(tx -> insertAccount(tx, id, role, username, body.getString("displayName").trim(), hash)
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "account.created", "account", id.toString(),
          body.getString("reason", "staff account"), new JsonObject().put("role", role.name()).put("username", username))))))
      .map(v -> new JsonObject().put("accountId", id.toString()).put("role", role.name()).put("username", username));
  }

  /** For the first admin of a fresh deployment and the demo data: no actor yet. */
  public Future<UUID> createStaffBySystem(Role role, String username, String displayName, String password, String reason) {
    UUID id = UUID.randomUUID();
    return passwords.hash(password)
      .compose(hash -> pool.withTransaction(tx -> insertAccount(tx, id, role, username, displayName, hash)
        .compose(v -> audit.append(tx, AuditEntry.bySystem("account.created", "account", id.toString(), reason,
          new JsonObject().put("role", role.name()).put("username", username))))))
      .map(id);
  }

  public Future<Void> resetPassword(JsonObject body) {
    String phone = checkedPhone(body.getString("phone"));
    return codes.check(phone, Purpose.RESET_PASSWORD, body.getString("code"))
      .compose(codeId -> passwords.hash(body.getString("newPassword"))
        .compose(hash -> pool.withTransaction(tx -> tx.preparedQuery("select account_id from residents where phone_hash = $1")
          .execute(Tuple.of(cipher.lookupHash(PHONE, phone)))
          .compose(rows -> {
            if (rows.size() == 0) {
              return Future.failedFuture(ApiException.invalidField("CODE_INVALID", "code"));
            }
            UUID id = rows.iterator().next().getUUID("account_id");
            return tx.preparedQuery("update accounts set password_hash = $2 where id = $1").execute(Tuple.of(id, hash))
              .compose(v -> codes.consume(tx, codeId))
              .compose(v -> refreshTokens.revokeAll(tx, id))
              .compose(v -> audit.append(tx, new AuditEntry(id, Role.RESIDENT.name(), "account.password_reset", "account",
                id.toString(), "password reset with a one-time code", new JsonObject())));
          }))));
  }

  public Future<JsonObject> describe(Principal caller) {
    return pool.preparedQuery("select a.id, a.role, a.display_name, a.username, a.created_at, r.id_number_enc, r.phone_enc, "
        + "e.credit_code, s.colour from accounts a left join residents r on r.account_id = a.id "
        + "left join enterprises e on e.account_id = a.id left join colour_states s on s.account_id = a.id where a.id = $1")
      .execute(Tuple.of(caller.accountId()))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ApiException.unauthorized("INVALID_ACCESS_TOKEN");
        }
        Row row = rows.iterator().next();
        String id = row.getUUID("id").toString();
        JsonObject me = new JsonObject()
          .put("accountId", id)
          .put("role", row.getString("role"))
          .put("displayName", row.getString("display_name"))
          .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
        if (row.getString("username") != null && row.getString("credit_code") == null) {
          me.put("username", row.getString("username"));
        }
        if (row.getString("credit_code") != null) {
          me.put("creditCode", row.getString("credit_code"));
        }
        if (row.getBuffer("id_number_enc") != null) {
          me.put("maskedIdNumber", ResidentIdNumbers.mask(cipher.decrypt(row.getBuffer("id_number_enc").getBytes(), ID_NUMBER, id)));
          if (row.getBuffer("phone_enc") != null) {
            me.put("maskedPhone", PhoneNumbers.mask(cipher.decrypt(row.getBuffer("phone_enc").getBytes(), PHONE, id)));
          }
          me.put("colour", row.getString("colour"));
        }
        return me;
      });
  }

  /** The account of the resident with this identity or phone number, if any. */
  public Future<UUID> findResident(String idNumber, String phone) {
    Tuple query;
    String sql;
    if (idNumber != null) {
      sql = "select account_id from residents where id_number_hash = $1";
      query = Tuple.of(cipher.lookupHash(ID_NUMBER, checkedIdNumber(idNumber)));
    } else {
      sql = "select account_id from residents where phone_hash = $1";
      query = Tuple.of(cipher.lookupHash(PHONE, checkedPhone(phone)));
    }
    return pool.preparedQuery(sql).execute(query).map(rows -> {
      if (rows.size() == 0) {
        throw ApiException.notFound("PERSON_NOT_FOUND");
      }
      return rows.iterator().next().getUUID("account_id");
    });
  }

  /** The account with this user name (staff) or credit code (enterprise), or null. */
  public Future<UUID> accountByUsername(String username) {
    return pool.preparedQuery("select id from accounts where upper(username) = upper($1)").execute(Tuple.of(username))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** The account row; a user name is claimed first in {@code account_usernames} (V80), upper-cased. */
  private Future<Void> insertAccount(io.vertx.sqlclient.SqlClient tx, UUID id, Role role, String username, String displayName,
                                     String passwordHash) {
    Future<?> claimed = username == null ? Future.succeededFuture()
      : tx.preparedQuery("insert into account_usernames (username, account_id) values (upper($1), $2)").execute(Tuple.of(username, id));
    return claimed.compose(v -> tx.preparedQuery("insert into accounts (id, role, username, display_name, password_hash, created_at) "
        + "values ($1, $2, $3, $4, $5, $6)")
      .execute(Tuple.of(id, role.name(), username, displayName, passwordHash, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))))
      .mapEmpty();
  }

  /** The normalized ID number, or a 400 naming {@code idNumber} with what is wrong with it. */
  public String checkedIdNumber(String raw) {
    String idNumber = ResidentIdNumbers.normalize(raw);
    ResidentIdNumbers.problem(idNumber, LocalDate.ofInstant(clock.instant(), zone)).ifPresent(problem -> {
      throw ApiException.invalidField(problem == ResidentIdNumbers.Problem.FORMAT
        ? "INVALID_ID_NUMBER" : "INVALID_ID_NUMBER_" + problem.name(), "idNumber");
    });
    return idNumber;
  }

  private static String checkedPhone(String raw) {
    if (!PhoneNumbers.isMobile(raw)) {
      throw ApiException.invalidField("INVALID_PHONE", "phone");
    }
    return PhoneNumbers.normalize(raw);
  }
}
