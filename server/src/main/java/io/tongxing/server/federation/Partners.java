package io.tongxing.server.federation;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The partner agreements of this region: introduced, suspended, resumed and ended by an admin, each
 * change audited in its transaction. A partner is also an account of role PARTNER, the actor of
 * whatever its messages change here.
 */
public final class Partners {

  static final String CONTACT_KEY = "partner.contact_key";

  private final Pool pool;
  private final FieldCipher cipher;
  private final AuditLog audit;
  private final RegionCode home;
  private final Clock clock;

  public Partners(Pool pool, FieldCipher cipher, AuditLog audit, RegionCode home, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.audit = audit;
    this.home = home;
    this.clock = clock;
  }

  public RegionCode home() {
    return home;
  }

  /** Records a new partner (ACTIVE); its trust key is fetched and matched to the thumbprint later. */
  public Future<Partner> introduce(Principal admin, JsonObject body) {
    RegionCode region = RegionCode.parse(body.getString("regionCode"))
      .orElseThrow(() -> ApiException.invalidField("INVALID_REGION_CODE", "regionCode"));
    if (region.equals(home)) {
      throw ApiException.invalidField("PARTNER_IS_HOME_REGION", "regionCode");
    }
    String baseUrl = checkedBaseUrl(body.getString("baseUrl"));
    byte[] contactKey = checkedContactKey(body.getString("contactKey"));
    PartnerScope scope = PartnerScope.fromJson(body.getJsonObject("scope"));
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    String reason = body.getString("reason").trim();
    return pool.withTransaction(tx -> tx.preparedQuery("insert into accounts (id, role, display_name, password_hash, created_at) "
          + "values ($1, 'PARTNER', $2, '!', $3)")
        .execute(Tuple.of(id, body.getString("name"), now))
        .compose(v -> tx.preparedQuery("insert into partners (id, region_code, name, name_en, base_url, trust_key_thumbprint, "
            + "contact_key_enc, scope, state, created_at, changed_at) values ($1, $2, $3, $4, $5, $6, $7, $8, 'ACTIVE', $9, $9)")
          .execute(Tuple.from(new Object[] {id, region.value(), body.getString("name"), body.getString("nameEn"), baseUrl,
            body.getString("trustKeyThumbprint"), cipher.encrypt(Base64.getUrlEncoder().withoutPadding().encodeToString(contactKey),
            CONTACT_KEY, id.toString()), scope.toJson(), now})))
        .compose(v -> audit.append(tx, AuditEntry.by(admin, "partner.introduced", "partner", id.toString(), reason,
          new JsonObject().put("regionCode", region.value()).put("baseUrl", baseUrl)
            .put("trustKeyThumbprint", body.getString("trustKeyThumbprint")).put("scope", scope.toJson()))))
        .compose(v -> byId(tx, id)));
  }

  /** ACTIVE ⇄ SUSPENDED; ENDED is final. */
  public Future<Partner> changeState(Principal admin, UUID id, Partner.State state, String reason) {
    return pool.withTransaction(tx -> lockedNotEnded(tx, id, "state")
      .compose(partner -> {
        return tx.preparedQuery("update partners set state = $2, changed_at = $3 where id = $1")
          .execute(Tuple.of(id, state.name(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
          .compose(v -> audit.append(tx, AuditEntry.by(admin, "partner.state_changed", "partner", id.toString(),
            reason.trim(), new JsonObject().put("from", partner.state().name()).put("to", state.name())
              .put("regionCode", partner.region().value()))));
      })
      .compose(v -> byId(tx, id)));
  }

  /**
   * Changes the scope or the address of an agreement in force; only what differs is written and
   * audited (from and to). ENDED is final.
   */
  public Future<Partner> amend(Principal admin, UUID id, JsonObject body) {
    String baseUrl = body.containsKey("baseUrl") ? checkedBaseUrl(body.getString("baseUrl")) : null;
    PartnerScope scope = body.containsKey("scope") ? PartnerScope.fromJson(body.getJsonObject("scope")) : null;
    String reason = body.getString("reason").trim();
    return pool.withTransaction(tx -> lockedNotEnded(tx, id, null)
      .compose(partner -> {
        JsonObject changed = new JsonObject();
        if (baseUrl != null && !baseUrl.equals(partner.baseUrl())) {
          changed.put("baseUrl", new JsonObject().put("from", partner.baseUrl()).put("to", baseUrl));
        }
        if (scope != null && !scope.equals(partner.scope())) {
          changed.put("scope", new JsonObject().put("from", partner.scope().toJson()).put("to", scope.toJson()));
        }
        if (changed.isEmpty()) {
          return Future.succeededFuture();
        }
        return tx.preparedQuery("update partners set base_url = $2, scope = $3, changed_at = $4 where id = $1")
          .execute(Tuple.of(id, changed.containsKey("baseUrl") ? baseUrl : partner.baseUrl(),
            (changed.containsKey("scope") ? scope : partner.scope()).toJson(),
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
          .compose(v -> audit.append(tx, AuditEntry.by(admin, "partner.amended", "partner", id.toString(), reason,
            changed.put("regionCode", partner.region().value()))));
      })
      .compose(v -> byId(tx, id)));
  }

  /** The partner, locked for the caller's transaction; 404 if unknown, 409 if its agreement has ended. */
  private static Future<Partner> lockedNotEnded(SqlClient tx, UUID id, String field) {
    return tx.preparedQuery("select " + Partner.COLUMNS + " from partners where id = $1 for update").execute(Tuple.of(id))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ApiException.notFound("PARTNER_NOT_FOUND");
        }
        Partner partner = Partner.of(rows.iterator().next());
        if (partner.state() == Partner.State.ENDED) {
          throw ApiException.conflict("PARTNER_ENDED", field);
        }
        return partner;
      });
  }

  public Future<List<Partner>> all(SqlClient client) {
    return client.query("select " + Partner.COLUMNS + " from partners order by region_code").execute()
      .map(rows -> {
        List<Partner> partners = new ArrayList<>();
        rows.forEach(row -> partners.add(Partner.of(row)));
        return partners;
      });
  }

  public Future<Partner> byId(SqlClient client, UUID id) {
    return client.preparedQuery("select " + Partner.COLUMNS + " from partners where id = $1").execute(Tuple.of(id))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ApiException.notFound("PARTNER_NOT_FOUND");
        }
        return Partner.of(rows.iterator().next());
      });
  }

  public Future<Optional<Partner>> byRegion(SqlClient client, RegionCode region) {
    return client.preparedQuery("select " + Partner.COLUMNS + " from partners where region_code = $1")
      .execute(Tuple.of(region.value()))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Partner.of(rows.iterator().next())));
  }

  /** Pins the partner's trust key once a fetched key matched the thumbprint the admin entered. */
  Future<Void> pinTrustKey(SqlClient client, UUID id, JsonObject publicJwk) {
    return client.preparedQuery("update partners set trust_key_jwk = $2, changed_at = $3 where id = $1 and trust_key_jwk is null")
      .execute(Tuple.of(id, publicJwk, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
      .mapEmpty();
  }

  /** The HMAC key the two regions agreed for hashing ID numbers in notices. */
  Future<byte[]> contactKey(SqlClient client, UUID id) {
    return client.preparedQuery("select contact_key_enc from partners where id = $1").execute(Tuple.of(id))
      .map(rows -> {
        Row row = rows.iterator().next();
        return Base64.getUrlDecoder().decode(cipher.decrypt(row.getBuffer("contact_key_enc").getBytes(), CONTACT_KEY, id.toString()));
      });
  }

  public static JsonObject describe(Partner partner, JsonArray documents, Instant now) {
    JsonObject json = new JsonObject()
      .put("id", partner.id().toString())
      .put("regionCode", partner.region().value())
      .put("name", partner.name())
      .put("nameEn", partner.nameEn())
      .put("baseUrl", partner.baseUrl())
      .put("trustKeyThumbprint", partner.thumbprint())
      .put("trustKeyPinned", partner.trustKey().isPresent())
      .put("scope", partner.scope().toJson())
      .put("state", partner.state().name())
      .put("createdAt", partner.createdAt().toString())
      .put("changedAt", partner.changedAt().toString());
    if (documents != null) {
      json.put("documents", documents);
    }
    return json;
  }

  private static String checkedBaseUrl(String raw) {
    try {
      URI uri = new URI(raw);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
        throw ApiException.invalidField("INVALID_BASE_URL", "baseUrl");
      }
      return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    } catch (URISyntaxException e) {
      throw ApiException.invalidField("INVALID_BASE_URL", "baseUrl");
    }
  }

  private static byte[] checkedContactKey(String raw) {
    try {
      byte[] key = Base64.getUrlDecoder().decode(raw);
      if (key.length < 32) {
        throw ApiException.invalidField("INVALID_CONTACT_KEY", "contactKey");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("INVALID_CONTACT_KEY", "contactKey");
    }
  }
}
