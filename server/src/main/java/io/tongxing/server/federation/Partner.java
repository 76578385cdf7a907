package io.tongxing.server.federation;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.token.RegionCode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A partner region as this region recorded it: where it is, the thumbprint of its trust key
 * (exchanged out of band) and, once fetched and matched, the key itself; the scope of the agreement
 * and its state.
 */
public record Partner(UUID id, RegionCode region, String name, String nameEn, String baseUrl, String thumbprint,
                      Optional<ECPublicKey> trustKey, PartnerScope scope, State state, Instant createdAt,
                      Instant changedAt) {

  public enum State { ACTIVE, SUSPENDED, ENDED }

  static final String COLUMNS = "id, region_code, name, name_en, base_url, trust_key_thumbprint, trust_key_jwk, scope, "
    + "state, created_at, changed_at";

  static Partner of(Row row) {
    JsonObject jwk = row.getJsonObject("trust_key_jwk");
    Optional<ECPublicKey> key;
    try {
      key = jwk == null ? Optional.empty() : Optional.of(ECKey.parse(jwk.getMap()).toECPublicKey());
    } catch (ParseException | com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("stored partner trust key does not parse", e);
    }
    return new Partner(row.getUUID("id"), RegionCode.of(row.getString("region_code")), row.getString("name"),
      row.getString("name_en"), row.getString("base_url"), row.getString("trust_key_thumbprint"), key,
      PartnerScope.fromJson(row.getJsonObject("scope")), State.valueOf(row.getString("state")),
      row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("changed_at").toInstant());
  }

  /** An absolute URL on the partner's server. */
  String url(String path) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) + path : baseUrl + path;
  }
}
