package io.tongxing.server.community;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.account.RegisteredIdNumbers;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.LookupBudget;
import io.tongxing.server.http.ApiException;
import io.tongxing.token.MaskedName;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.server.pass.HolderIdentity;
import io.tongxing.server.pass.IdNumbers;
import io.tongxing.server.pass.PassCause;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.Refusal;
import io.tongxing.server.proof.ProofKind;
import io.tongxing.server.proof.Proofs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Residential-community permits (一证): community staff issue them to residents of their own
 * community — found by ID number, which arrives in the request body and is looked up by keyed hash —
 * and revoke them, which revokes the passes resting on them.
 */
public final class CommunityPermits {

  private static final int SEARCH_LIMIT = 20;

  private final Pool pool;
  private final AuditLog audit;
  private final Proofs proofs;
  private final FieldCipher cipher;
  private final PassConfig config;
  private final LookupBudget lookups;
  private final Clock clock;

  public CommunityPermits(Pool pool, AuditLog audit, Proofs proofs, FieldCipher cipher, PassConfig config, LookupBudget lookups,
                          Clock clock) {
    this.pool = pool;
    this.lookups = lookups;
    this.audit = audit;
    this.proofs = proofs;
    this.cipher = cipher;
    this.config = config;
    this.clock = clock;
  }

  /**
   * A permit for the resident of the staff's community with this ID number. Whether nobody has the
   * number or someone outside the community does, the answer is the same 409: staff learn nothing of
   * people beyond their community. Spends one of the staff's lookups; a lookup that finds nobody is
   * audited too.
   */
  public Future<JsonObject> issue(Principal staff, JsonObject body) {
    String idNumber = IdNumbers.checked(body.getString("idNumber"), LocalDate.ofInstant(clock.instant(), config.zone()),
      "idNumber");
    Instant until = proofs.validUntil(body);
    return lookups.spend(staff.accountId(), 1).compose(spent -> pool.withTransaction(tx -> Communities.ofStaff(tx, staff.accountId())
        .compose(community -> RegisteredIdNumbers.holder(tx, cipher.lookupHash(Accounts.ID_NUMBER, idNumber))
          .compose(holder -> holder.isEmpty()
            ? issueTo(tx, staff, community, null, null, "idNumber", until)
            : declared(tx, holder.get()).compose(declared -> issueTo(tx, staff, community, holder.get(), declared, "idNumber",
              until)))))
      .recover(refused -> refused instanceof ApiException api && "RESIDENT_NOT_IN_COMMUNITY".equals(api.code())
        ? audit.append(pool, AuditEntry.by(staff, "community.permit_lookup_unmatched", "person", null,
            "permit by ID number: no resident of the community", new JsonObject()
              .put("maskedIdNumber", ResidentIdNumbers.mask(idNumber))))
          .<JsonObject>compose(audited -> Future.failedFuture(refused))
        : Future.failedFuture(refused)));
  }

  /** A permit for a resident found by a search of the community ({@link #search}). */
  public Future<JsonObject> issueToResident(Principal staff, UUID resident, JsonObject body) {
    Instant until = proofs.validUntil(body);
    return pool.withTransaction(tx -> Communities.ofStaff(tx, staff.accountId()).compose(community -> tx.preparedQuery(
          "select account_id from residents where account_id = $1").execute(Tuple.of(resident))
        .compose(rows -> rows.size() == 0
          ? issueTo(tx, staff, community, null, null, "residentId", until)
          : declared(tx, resident).compose(declared -> issueTo(tx, staff, community, resident, declared, "residentId", until)))));
  }

  /** The community the resident declared, or null. */
  private static Future<String> declared(SqlClient tx, UUID resident) {
    return tx.preparedQuery("select community_code from resident_communities where account_id = $1").execute(Tuple.of(resident))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("community_code"));
  }

  private Future<JsonObject> issueTo(SqlClient tx, Principal staff, JsonObject community, UUID resident, String declared,
                                     String field, Instant until) {
    String code = community.getString("code");
    if (resident == null || !code.equals(declared)) {
      return Future.failedFuture(Refusal.conflict("RESIDENT_NOT_IN_COMMUNITY", field, community.getString("name")));
    }
    return HolderIdentity.load(tx, cipher, resident).compose(holder -> {
      String statement = Messages.text(Messages.CHINESE, "proof.statement.COMMUNITY_PERMIT", holder.name(),
        holder.idLastFour(), community.getString("name"));
      return proofs.issueIn(tx, staff, new Proofs.Draft(ProofKind.COMMUNITY_PERMIT, resident, null, null, code,
        holder.pseudonym(), holder.maskedName(), holder.idLastFour(), code, statement, until));
    });
  }

  /**
   * Residents who declared the caller's community: the one with an ID number (exact, by keyed hash),
   * or those whose name contains a fragment. Names and numbers come back masked, with the resident's
   * current permit if any. Each search is audited (by how, never the term).
   */
  public Future<JsonArray> search(Principal staff, JsonObject body) {
    String idNumber = body.getString("idNumber");
    String fragment = body.getString("name") == null ? null : body.getString("name").strip();
    if (idNumber != null && fragment != null) {
      throw Refusal.invalid("SEARCH_TERM_AMBIGUOUS", "name");
    }
    if (idNumber == null && (fragment == null || fragment.isEmpty())) {
      throw Refusal.invalid("SEARCH_TERM_REQUIRED", fragment == null ? "idNumber" : "name");
    }
    Buffer hash = idNumber == null ? null : Buffer.buffer(cipher.lookupHash(Accounts.ID_NUMBER,
      IdNumbers.checked(idNumber, LocalDate.ofInstant(clock.instant(), config.zone()), "idNumber")));
    String like = fragment == null ? null
      : "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return lookups.spend(staff.accountId(), 1).compose(spent -> pool.withTransaction(tx -> Communities.ofStaff(tx, staff.accountId())
      .compose(community -> tx.preparedQuery(
          "select r.account_id, r.id_number_enc, a.display_name "
            + "from resident_communities c join residents r on r.account_id = c.account_id join accounts a on a.id = r.account_id "
            + "where c.community_code = $1 and ($2::bytea is null or r.id_number_hash = $2) "
            + "and ($3::text is null or a.display_name ilike $3) order by a.display_name, r.account_id limit " + SEARCH_LIMIT)
        .execute(Tuple.of(community.getString("code"), hash, like))
        .compose(rows -> currentPermits(tx, community.getString("code"), rows, now).map(permits -> {
          JsonArray found = new JsonArray();
          for (Row row : rows) {
            String account = row.getUUID("account_id").toString();
            found.add(new JsonObject().put("residentId", account)
              .put("maskedName", MaskedName.of(row.getString("display_name")))
              .put("maskedIdNumber", ResidentIdNumbers.mask(cipher.decrypt(row.getBuffer("id_number_enc").getBytes(),
                Accounts.ID_NUMBER, account)))
              .put("permit", permits.get(row.getUUID("account_id"))));
          }
          return found;
        }))
        .compose(found -> audit.append(tx, AuditEntry.by(staff, "community.residents_searched", "community",
            community.getString("code"), idNumber == null ? "search by name" : "search by ID number",
            new JsonObject().put("results", found.size())))
          .map(v -> found)))));
  }

  /**
   * The permit of the community each resident found holds now (the one valid longest), by resident.
   * Read apart from the residents: permits are on the coordinator, residents spread over the workers
   * on Citus, which will not join the two row by row.
   */
  private static Future<Map<UUID, JsonObject>> currentPermits(SqlClient tx, String community, Iterable<Row> residents,
                                                              OffsetDateTime now) {
    List<UUID> ids = new ArrayList<>();
    residents.forEach(row -> ids.add(row.getUUID("account_id")));
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return tx.preparedQuery("select distinct on (resident_id) resident_id, id, valid_until from pass_proofs "
        + "where kind = 'COMMUNITY_PERMIT' and resident_id = any($1) and community_code = $2 and revoked_at is null "
        + "and valid_until > $3 order by resident_id, valid_until desc")
      .execute(Tuple.of(ids.toArray(new UUID[0]), community, now))
      .map(rows -> {
        Map<UUID, JsonObject> permits = new HashMap<>();
        rows.forEach(row -> permits.put(row.getUUID("resident_id"), new JsonObject().put("id", row.getUUID("id").toString())
          .put("validUntil", row.getOffsetDateTime("valid_until").toInstant().toString())));
        return permits;
      });
  }

  /** The permits of the caller's community, newest first. */
  public Future<JsonArray> list(Principal staff) {
    Instant now = clock.instant();
    return Communities.ofStaff(pool, staff.accountId()).compose(community -> pool.preparedQuery("select " + Proofs.COLUMNS
          + ", a.display_name from pass_proofs p join accounts a on a.id = p.resident_id where p.kind = 'COMMUNITY_PERMIT' "
          + "and p.community_code = $1 order by p.issued_at desc, p.id limit 1000")
      .execute(Tuple.of(community.getString("code")))
      .map(rows -> {
        JsonArray permits = new JsonArray();
        rows.forEach(row -> permits.add(Proofs.json(row, now).put("residentId", row.getUUID("resident_id").toString())
          // masked as in the residents found: the desk tells people apart by name and ID digits, the card confirms who
          .put("residentMaskedName", MaskedName.of(row.getString("display_name")))));
        return permits;
      }));
  }

  public Future<JsonObject> revoke(Principal staff, UUID permit, String reason) {
    return pool.withTransaction(tx -> Communities.ofStaff(tx, staff.accountId()).compose(community -> tx.preparedQuery(
          "select id from pass_proofs where id = $1 and kind = 'COMMUNITY_PERMIT' and community_code = $2")
        .execute(Tuple.of(permit, community.getString("code")))
        .compose(rows -> rows.size() == 0
          ? Future.failedFuture(Refusal.notFound("PERMIT_NOT_FOUND", "permitId"))
          : proofs.revokeIn(tx, staff, permit, reason, PassCause.COMMUNITY_PERMIT_REVOKED))));
  }
}
