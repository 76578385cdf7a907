package io.tongxing.server.healthcode;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.colour.ColourChange;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.rules.Colour;
import io.tongxing.server.status.StatusIndexes;
import io.tongxing.server.status.TokenStatuses;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.MaskedName;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.vertx.core.Future;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues signed health codes. A code is issued on check-in and whenever the colour changes; a colour
 * change first marks every earlier code of the person INVALID, so a green code stops working the
 * moment its holder turns red. Each issue — status index, token row and audit row — happens in the
 * caller's transaction, so either all of it is durable or none.
 */
public final class HealthCodes implements ColourChangeListener {

  static final String KIND = "HEALTH_CODE";
  /**
   * The token rows and their audit rows in one statement (one round trip, all or none): columns as
   * arrays, one element a code.
   */
  private static final String ISSUE_AND_AUDIT = "with token as (insert into issued_tokens (list_id, idx, kind, account_id, "
    + "kid, issued_at, expires_at, colour, holder_key, token) "
    + "select t.list_id, t.idx, '" + KIND + "', t.account_id, t.kid, $8, $9, t.colour, t.holder_key, t.token "
    + "from unnest($1::bigint[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) "
    + "as t (list_id, idx, account_id, kid, colour, holder_key, token)) "
    + "insert into audit_log (at, actor_id, actor_role, action, subject_type, subject_id, reason, details) "
    + "select $8, null, '" + AuditEntry.SYSTEM + "', a.action, 'person', a.subject_id, a.reason, a.details::jsonb "
    + "from unnest($10::text[], $11::text[], $12::text[], $13::text[]) as a (action, subject_id, reason, details)";
  /** A stored code is handed out again only while it has at least this long to live. */
  private static final Duration REUSE_MARGIN = Duration.ofHours(1);

  private final Pool pool;
  private final SigningKeys keys;
  private final StatusIndexes indexes;
  private final TokenStatuses statuses;
  private final CurrentCodes currentCodes;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final RegionCode region;
  private final Duration validity;
  private final Clock clock;

  public HealthCodes(Pool pool, SigningKeys keys, StatusIndexes indexes, TokenStatuses statuses, CurrentCodes currentCodes,
                     FieldCipher cipher, AuditLog audit, RegionCode region, Duration validity, Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.indexes = indexes;
    this.statuses = statuses;
    this.currentCodes = currentCodes;
    this.cipher = cipher;
    this.audit = audit;
    this.region = region;
    this.validity = validity;
    this.clock = clock;
  }

  /** A colour changed: revoke every earlier code of the person and issue one of the new colour. */
  @Override
  public Future<Void> onColourChanged(SqlConnection tx, ColourChange change) {
    Instant now = clock.instant();
    String reason = "colour changed to " + change.to().name();
    return statuses.revokeAll(tx, change.accountId(), KIND, reason, now)
      .compose(revoked -> issueIn(tx, change.accountId(), change.to(), "colour changed (" + change.cause() + ")"))
      .mapEmpty();
  }

  /** Issues a code of the person's current colour, inside the caller's transaction. */
  public Future<IssuedCode> issueIn(SqlConnection tx, UUID account, String cause) {
    return tx.preparedQuery("select colour from colour_states where account_id = $1").execute(Tuple.of(account))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(ApiException.notFound("COLOUR_NOT_COMPUTED"));
        }
        return issueIn(tx, account, Colour.valueOf(rows.iterator().next().getString("colour")), cause);
      });
  }

  /** The newest code issued to the person, inside the caller's transaction (after {@link #onColourChanged}). */
  public Future<IssuedCode> latestIn(SqlClient tx, UUID account) {
    return tx.preparedQuery("select token, colour, issued_at, expires_at, list_id, idx, holder_key from issued_tokens "
        + "where account_id = $1 and kind = $2 and status = 0 order by issued_at desc limit 1")
      .execute(Tuple.of(account, KIND))
      .map(rows -> rows.size() == 0 ? null : code(rows.iterator().next()));
  }

  /**
   * The person's current code: the newest valid one of the current colour, bound to the current
   * phone key and an hour or more from expiry; a new one otherwise. Answered from this node's memory
   * ({@link CurrentCodes}) when it holds the person's code, which every change to it makes it forget.
   */
  public Future<IssuedCode> current(UUID account) {
    IssuedCode kept = currentCodes.get(account);
    if (kept != null && kept.expiresAt().isAfter(clock.instant().plus(REUSE_MARGIN))) {
      return Future.succeededFuture(kept);
    }
    CurrentCodes.Fill fill = currentCodes.begin(account);
    return findCurrent(pool, account).compose(found -> found != null
      ? Future.succeededFuture(found)
      : pool.withTransaction(tx -> tx.preparedQuery("select account_id from residents where account_id = $1 for no key update")
        .execute(Tuple.of(account))
        // Another request may have issued one while this one waited for the lock.
        .compose(v -> findCurrent(tx, account))
        .compose(again -> again != null ? Future.succeededFuture(again) : issueIn(tx, account, "requested"))))
      .onSuccess(code -> currentCodes.keep(fill, code));
  }

  /** Registers the phone key that future codes are bound to. */
  public Future<Void> registerHolderKey(UUID account, HolderKey key) {
    return pool.withTransaction(tx -> tx.preparedQuery("update residents set holder_key = $2 where account_id = $1")
      .execute(Tuple.of(account, key.encoded()))
      .compose(v -> currentCodes.changed(tx, List.of(account)))
      .compose(v -> audit.append(tx, new AuditEntry(account, "RESIDENT", "holder-key.registered", "person",
        account.toString(), "phone key registered", new JsonObject().put("holderKey", key.encoded())))));
  }

  private Future<IssuedCode> findCurrent(SqlClient client, UUID account) {
    Instant usableUntil = clock.instant().plus(REUSE_MARGIN);
    // Codes issued before usableUntil - validity have expired by then: bounding issued_at keeps the
    // index scan to the codes of the last day, where expires_at alone would walk the person's whole
    // history of codes whenever none is current (every first fetch of a day).
    return client.preparedQuery("select t.token, t.colour, t.issued_at, t.expires_at, t.list_id, t.idx, t.holder_key "
        + "from issued_tokens t join colour_states c on c.account_id = t.account_id "
        + "join residents r on r.account_id = t.account_id "
        + "where t.account_id = $1 and t.kind = $2 and t.issued_at > $4 and t.status = 0 and t.expires_at > $3 "
        + "and t.colour = c.colour and t.holder_key is not distinct from r.holder_key order by t.issued_at desc limit 1")
      .execute(Tuple.of(account, KIND, at(usableUntil), at(usableUntil.minus(validity))))
      .map(rows -> rows.size() == 0 ? null : code(rows.iterator().next()));
  }

  /** Issues a code of {@code colour}, the person's current colour, inside the caller's transaction. */
  public Future<IssuedCode> issueIn(SqlConnection tx, UUID account, Colour colour, String cause) {
    return issueAllIn(tx, Map.of(account, colour), cause).map(codes -> codes.get(account));
  }

  /**
   * Issues a code to each person, of the colour given, inside the caller's transaction: person data,
   * status places, the token rows and their audit rows in three statements whatever the number.
   */
  public Future<Map<UUID, IssuedCode>> issueAllIn(SqlConnection tx, Map<UUID, Colour> colours, String cause) {
    Instant now = clock.instant();
    Instant expires = now.plus(validity);
    List<UUID> accounts = new ArrayList<>(colours.keySet());
    return tx.preparedQuery("select a.id, a.display_name, r.id_number_enc, r.pseudonym, r.holder_key from accounts a "
        + "join residents r on r.account_id = a.id where a.id = any($1)")
      .execute(Tuple.of(accounts.toArray(new UUID[0])))
      .compose(rows -> {
        Map<UUID, Row> persons = new HashMap<>();
        rows.forEach(row -> persons.put(row.getUUID("id"), row));
        if (persons.size() != accounts.size()) {
          return Future.failedFuture(ApiException.notFound("PERSON_NOT_FOUND"));
        }
        return indexes.allocate(tx, accounts.size()).compose(places -> keys.signer(tx, KeyPurpose.TOKEN).compose(key -> {
          Map<UUID, IssuedCode> issued = new LinkedHashMap<>();
          Rows batch = new Rows(accounts.size());
          for (int i = 0; i < accounts.size(); i++) {
            UUID account = accounts.get(i);
            Row person = persons.get(account);
            Colour colour = colours.get(account);
            StatusReference status = places.get(i);
            String idNumber = cipher.decrypt(person.getBuffer("id_number_enc").getBytes(), Accounts.ID_NUMBER, account.toString());
            Optional<HolderKey> holder = Optional.ofNullable(person.getString("holder_key")).map(HolderKey::decode);
            HealthCode code = new HealthCode(region, person.getString("pseudonym"), MaskedName.of(person.getString("display_name")),
              idNumber.substring(idNumber.length() - 4), shared(colour), now, expires, status, holder);
            String token = TokenSigner.create(key).sign(code);
            issued.put(account, new IssuedCode(token, colour, now, expires, status, holder.isPresent()));
            batch.add(status, account, key.kid(), colour, holder.map(HolderKey::encoded).orElse(null), token,
              AuditEntry.bySystem("health-code.issued", "person", account.toString(), cause,
                new JsonObject().put("colour", colour.name()).put("list", status.list()).put("index", status.index())
                  .put("kid", key.kid()).put("expiresAt", expires.toString())));
          }
          return tx.preparedQuery(ISSUE_AND_AUDIT).execute(batch.tuple(at(now), at(expires)))
            .compose(v -> currentCodes.changed(tx, accounts))
            .map(issued);
        }));
      });
  }

  /** The columns of a batch of issued codes and their audit rows, for one {@code unnest} insert. */
  private static final class Rows {
    private final Long[] lists;
    private final Integer[] indices;
    private final UUID[] accounts;
    private final String[] kids;
    private final String[] colours;
    private final String[] holderKeys;
    private final String[] tokens;
    private final String[] auditActions;
    private final String[] auditSubjects;
    private final String[] auditReasons;
    private final String[] auditDetails;
    private int size;

    Rows(int capacity) {
      lists = new Long[capacity];
      indices = new Integer[capacity];
      accounts = new UUID[capacity];
      kids = new String[capacity];
      colours = new String[capacity];
      holderKeys = new String[capacity];
      tokens = new String[capacity];
      auditActions = new String[capacity];
      auditSubjects = new String[capacity];
      auditReasons = new String[capacity];
      auditDetails = new String[capacity];
    }

    void add(StatusReference status, UUID account, String kid, Colour colour, String holderKey, String token, AuditEntry audit) {
      lists[size] = status.list();
      indices[size] = (int) status.index();
      accounts[size] = account;
      kids[size] = kid;
      colours[size] = colour.name();
      holderKeys[size] = holderKey;
      tokens[size] = token;
      auditActions[size] = audit.action();
      auditSubjects[size] = audit.subjectId();
      auditReasons[size] = audit.reason();
      auditDetails[size] = audit.details().encode();
      size++;
    }

    Tuple tuple(OffsetDateTime issuedAt, OffsetDateTime expiresAt) {
      return Tuple.from(new Object[] {lists, indices, accounts, kids, colours, holderKeys, tokens, issuedAt, expiresAt,
        auditActions, auditSubjects, auditReasons, auditDetails});
    }
  }

  private static IssuedCode code(Row row) {
    return new IssuedCode(row.getString("token"), Colour.valueOf(row.getString("colour")),
      row.getOffsetDateTime("issued_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
      new StatusReference(row.getLong("list_id"), row.getInteger("idx")), row.getString("holder_key") != null);
  }

  private static io.tongxing.token.Colour shared(Colour colour) {
    return io.tongxing.token.Colour.valueOf(colour.name());
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
