package io.tongxing.server.papercard;

import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.colour.ColourChange;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.Principal;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.pass.HolderIdentity;
import io.tongxing.server.pass.Refusal;
import io.tongxing.server.rules.Colour;
import io.tongxing.server.status.StatusIndexes;
import io.tongxing.server.status.TokenStatuses;
import io.tongxing.status.TokenStatus;
import io.tongxing.token.PaperCard;
import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenSigner;
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
 * Paper health cards: a long-lived token of kind {@code pc} without a colour, whose status-list entry
 * follows the holder's colour exactly as a pass's does — VALID while green, SUSPENDED while not — and
 * becomes INVALID when the card is reprinted or withdrawn. Printing locks the holder, ends the current
 * card, allocates the status index, signs, and writes the token, card and audit rows in one
 * transaction; the PDF is drawn only after it committed.
 */
public final class PaperCards implements ColourChangeListener {

  static final String KIND = "PAPER_CARD";
  private static final String CARD_COLUMNS = "c.id, c.account_id, c.state, c.issued_at, c.expires_at, c.ended_reason, "
    + "t.status, a.display_name";

  /** Where a card is issued and how it is drawn. */
  public record Settings(RegionCode region, String regionName, String regionNameEn, Duration validity) {
    public Settings {
      if (validity.isNegative() || validity.isZero() || validity.compareTo(PaperCard.MAX_VALIDITY) > 0) {
        throw new IllegalStateException("paperCards.validityDays must be 1 to 180");
      }
    }
  }

  private final Pool pool;
  private final SigningKeys keys;
  private final StatusIndexes indexes;
  private final TokenStatuses statuses;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final PaperCardPdf pdf;
  private final Settings settings;
  private final Clock clock;

  public PaperCards(Pool pool, SigningKeys keys, StatusIndexes indexes, TokenStatuses statuses, FieldCipher cipher,
                    AuditLog audit, PaperCardPdf pdf, Settings settings, Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.indexes = indexes;
    this.statuses = statuses;
    this.cipher = cipher;
    this.audit = audit;
    this.pdf = pdf;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Prints a new card for {@code resident}, replacing the current one (whose token becomes INVALID).
   * {@code inTx} checks, on the same transaction, that the caller may print for this resident.
   */
  public Future<byte[]> print(Principal by, UUID resident, String why, java.util.function.Function<SqlConnection, Future<?>> inTx) {
    pdf.requireFont();
    return pool.withTransaction(tx -> inTx.apply(tx)
        .compose(v -> tx.preparedQuery("select c.colour from residents r left join colour_states c on c.account_id = r.account_id "
            + "where r.account_id = $1 for no key update of r").execute(Tuple.of(resident)))
        .compose(rows -> rows.size() == 0
          ? Future.failedFuture(Refusal.notFound("PERSON_NOT_FOUND", "residentId"))
          : end(tx, resident, "REPLACED", "reprinted").map(rows.iterator().next().getString("colour")))
        .compose(colour -> issue(tx, by, resident, colour, why)))
      .map(pdf::render);
  }

  private Future<PrintedCard> issue(SqlConnection tx, Principal by, UUID resident, String colour, String why) {
    Instant now = clock.instant();
    Instant expires = now.plus(settings.validity());
    UUID cardId = UUID.randomUUID();
    boolean green = Colour.GREEN.name().equals(colour);
    return HolderIdentity.load(tx, cipher, resident).compose(holder -> indexes.allocate(tx)
      .compose(status -> keys.signer(tx, KeyPurpose.TOKEN).compose(key -> {
        PaperCard card = new PaperCard(settings.region(), holder.pseudonym(), holder.maskedName(), holder.idLastFour(),
          now, expires, status);
        String token = TokenSigner.create(key).sign(card);
        // Issued to a holder who is not green: suspended from the start, as a colour change would have done.
        TokenStatus initial = green ? TokenStatus.VALID : TokenStatus.SUSPENDED;
        return tx.preparedQuery("insert into issued_tokens (list_id, idx, kind, account_id, kid, issued_at, expires_at, colour, "
            + "holder_key, token, status, status_reason, status_changed_at) "
            + "values ($1, $2, '" + KIND + "', $3, $4, $5, $6, null, null, $7, $8, $9, $10)")
          .execute(Tuple.from(new Object[] {status.list(), (int) status.index(), resident, key.kid(), at(now), at(expires), token,
            (short) initial.value(), green ? null : "holder's code " + colour, green ? null : at(now)}))
          .compose(v -> tx.preparedQuery("insert into paper_cards (id, account_id, list_id, idx, issued_at, expires_at, printed_by, "
              + "printed_role, state) values ($1, $2, $3, $4, $5, $6, $7, $8, 'CURRENT')")
            .execute(Tuple.from(new Object[] {cardId, resident, status.list(), (int) status.index(), at(now), at(expires),
              by.accountId(), by.role().name()})))
          .compose(v -> audit.append(tx, AuditEntry.by(by, "paper-card.printed", "person", resident.toString(), why,
            new JsonObject().put("cardId", cardId.toString()).put("list", status.list()).put("index", status.index())
              .put("kid", key.kid()).put("expiresAt", expires.toString()).put("initialStatus", initial.name()))))
          .map(v -> new PrintedCard(cardId, card.maskedName(), card.idLastFour(), settings.region().value(),
            settings.regionName(), settings.regionNameEn(), now, expires, QrText.encode(Presentation.of(token))));
      })));
  }

  /**
   * Withdraws a card (lost, or its holder moved away); {@code inTx} checks that the caller may, given
   * the holder. The card is found by its id first, then locked beside its holder: on Citus a row lock
   * reaches only a statement on one shard.
   */
  public Future<JsonObject> withdraw(Principal staff, UUID cardId, String reason,
                                     java.util.function.BiFunction<SqlConnection, UUID, Future<?>> inTx) {
    return holder(pool, cardId).compose(resident -> pool.withTransaction(tx -> tx.preparedQuery(
        "select state from paper_cards where id = $1 and account_id = $2 for update").execute(Tuple.of(cardId, resident))
      .compose(rows -> {
        if (!"CURRENT".equals(rows.iterator().next().getString("state"))) {
          return Future.failedFuture(Refusal.conflict("PAPER_CARD_ENDED", "cardId"));
        }
        return inTx.apply(tx, resident)
          .compose(v -> end(tx, resident, "WITHDRAWN", reason))
          .compose(v -> audit.append(tx, AuditEntry.by(staff, "paper-card.withdrawn", "person", resident.toString(), reason,
            new JsonObject().put("cardId", cardId.toString()))))
          .compose(v -> card(tx, cardId, resident));
      })));
  }

  /** The resident whose card this is (asked of every worker on Citus: a card is found by its id), or a 404. */
  public Future<UUID> holder(SqlClient client, UUID cardId) {
    return client.preparedQuery("select account_id from paper_cards where id = $1").execute(Tuple.of(cardId))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(Refusal.notFound("PAPER_CARD_NOT_FOUND", "cardId"))
        : Future.succeededFuture(rows.iterator().next().getUUID("account_id")));
  }

  /** Cards of the residents who declared {@code community}, newest first. */
  public Future<JsonArray> ofCommunity(String community) {
    return pool.preparedQuery("select " + CARD_COLUMNS + " from paper_cards c join resident_communities r on r.account_id = c.account_id "
        + "join issued_tokens t on t.account_id = c.account_id and t.list_id = c.list_id and t.idx = c.idx join accounts a on a.id = c.account_id "
        + "where r.community_code = $1 order by c.issued_at desc, c.id limit 1000")
      .execute(Tuple.of(community))
      .map(rows -> {
        JsonArray cards = new JsonArray();
        rows.forEach(row -> cards.add(json(row)));
        return cards;
      });
  }

  /** The resident's current card, or null. */
  public Future<JsonObject> current(SqlClient client, UUID resident) {
    return client.preparedQuery("select " + CARD_COLUMNS + " from paper_cards c join issued_tokens t on t.account_id = c.account_id "
        + "and t.list_id = c.list_id and t.idx = c.idx join accounts a on a.id = c.account_id where c.account_id = $1 and c.state = 'CURRENT'")
      .execute(Tuple.of(resident))
      .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
  }

  /** The card follows its holder's colour, inside the colour change's transaction (as a pass does). */
  @Override
  public Future<Void> onColourChanged(SqlConnection tx, ColourChange change) {
    if (change.from() == null) {
      return Future.succeededFuture();
    }
    TokenStatus status = change.to() == Colour.GREEN ? TokenStatus.VALID : TokenStatus.SUSPENDED;
    String reason = "holder's code " + change.to().name();
    return tx.preparedQuery("select list_id, idx from paper_cards where account_id = $1 and state = 'CURRENT'")
      .execute(Tuple.of(change.accountId()))
      .compose(rows -> rows.size() == 0
        ? Future.succeededFuture()
        : statuses.set(tx, change.accountId(), rows.iterator().next().getLong("list_id"), rows.iterator().next().getInteger("idx"),
          status, reason, clock.instant()).mapEmpty());
  }

  /** Ends the resident's current card, if any: its token becomes INVALID for good. */
  private Future<Void> end(SqlConnection tx, UUID resident, String state, String reason) {
    Instant now = clock.instant();
    return tx.preparedQuery("update paper_cards set state = $2, ended_at = $3, ended_reason = $4 "
        + "where account_id = $1 and state = 'CURRENT' returning list_id, idx")
      .execute(Tuple.of(resident, state, at(now), reason))
      .compose(rows -> rows.size() == 0
        ? Future.succeededFuture()
        : statuses.set(tx, resident, rows.iterator().next().getLong("list_id"), rows.iterator().next().getInteger("idx"),
          TokenStatus.INVALID, "paper card " + state.toLowerCase(java.util.Locale.ROOT) + ": " + reason, now).mapEmpty());
  }

  private Future<JsonObject> card(SqlClient client, UUID cardId, UUID resident) {
    return client.preparedQuery("select " + CARD_COLUMNS + " from paper_cards c join issued_tokens t on t.account_id = c.account_id "
        + "and t.list_id = c.list_id and t.idx = c.idx join accounts a on a.id = c.account_id where c.id = $1 and c.account_id = $2")
      .execute(Tuple.of(cardId, resident))
      .map(rows -> json(rows.iterator().next()));
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("residentId", row.getUUID("account_id").toString())
      .put("maskedName", io.tongxing.token.MaskedName.of(row.getString("display_name")))
      .put("state", row.getString("state"))
      .put("status", TokenStatus.of(row.getShort("status")).map(Enum::name).orElse("INVALID"))
      .put("issuedAt", row.getOffsetDateTime("issued_at").toInstant().toString())
      .put("expiresAt", row.getOffsetDateTime("expires_at").toInstant().toString())
      .put("endedReason", row.getString("ended_reason"));
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
