package io.tongxing.server.federation;

import io.tongxing.jose.Base64Url;
import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.KeyIds;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedJson;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.PartnerAuthenticator;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signatures on server-to-server requests. The sender signs, with its trust key, a small JWS over the
 * method, path, SHA-256 of the body, its region, the receiver's region, the time and a nonce; the
 * receiver checks it with the partner's pinned trust key (the one whose RFC 7638 thumbprint the admin
 * entered), refuses times outside the window and nonces it has seen.
 */
public final class RequestSignatures implements PartnerAuthenticator {

  public static final String TYP = "tx-request+jwt";
  static final String PARTNER_KEY = "tongxing.partner";
  private static final Logger LOG = LoggerFactory.getLogger(RequestSignatures.class);
  private static final int MAX_LENGTH = 2048;

  private final Pool pool;
  private final SigningKeys keys;
  private final Partners partners;
  private final Function<Partner, Future<Partner>> pinning;
  private final Provider provider;
  private final SecureRandom random;
  private final Clock clock;
  private final Duration window;

  public RequestSignatures(Pool pool, SigningKeys keys, Partners partners, Function<Partner, Future<Partner>> pinning,
                           Provider provider, SecureRandom random, Clock clock, Duration window) {
    this.pool = pool;
    this.keys = keys;
    this.partners = partners;
    this.pinning = pinning;
    this.provider = provider;
    this.random = random;
    this.clock = clock;
    this.window = window;
  }

  /** As {@link #sign(SqlClient, RegionCode, String, String, Buffer)} on this region's pool. */
  public Future<String> sign(RegionCode to, String method, String path, Buffer body) {
    return sign(pool, to, method, path, body);
  }

  /** The value of the signature header for a request to {@code to}. */
  public Future<String> sign(SqlClient client, RegionCode to, String method, String path, Buffer body) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    JsonObject claims = new JsonObject()
      .put("iss", partners.home().value())
      .put("aud", to.value())
      .put("htm", method)
      .put("htu", path)
      .put("bdh", Base64Url.encode(sha256(body.getBytes())))
      .put("iat", clock.instant().getEpochSecond())
      .put("jti", Base64Url.encode(nonce));
    return keys.signer(client, KeyPurpose.TRUST).map(key -> JwsWriter.sign(key, TYP, claims.encode()));
  }

  /** The partner that signed this request; the partner itself is kept in the context for the handler. */
  @Override
  public Future<Principal> authenticate(RoutingContext ctx, String signature) {
    Map<String, Object> unverified;
    try {
      if (signature.length() > MAX_LENGTH) {
        throw refused("PARTNER_SIGNATURE_INVALID", "signature too long");
      }
      unverified = CompactJws.parse(signature).unverifiedClaims();
    } catch (JwsRejectedException e) {
      return Future.failedFuture(refused("PARTNER_SIGNATURE_INVALID", e.getMessage()));
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    Optional<RegionCode> issuer = unverified.get("iss") instanceof String s ? RegionCode.parse(s) : Optional.empty();
    if (issuer.isEmpty()) {
      return Future.failedFuture(refused("PARTNER_UNKNOWN", "no issuer"));
    }
    Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    return partners.byRegion(pool, issuer.get())
      .compose(found -> {
        if (found.isEmpty()) {
          throw refused("PARTNER_UNKNOWN", "unknown issuer " + issuer.get());
        }
        if (found.get().state() == Partner.State.ENDED) {
          throw logged(ApiException.forbidden("PARTNER_ENDED"), "agreement with " + issuer.get() + " ended");
        }
        return pinning.apply(found.get()).recover(e -> Future.failedFuture(
          refused("PARTNER_KEY_UNAVAILABLE", "trust key of " + issuer.get() + " not pinned: " + e.getMessage())));
      })
      .compose(partner -> {
        Map<String, Object> claims = verified(partner, signature, ctx.request().method().name(), ctx.request().path(), body);
        return pool.preparedQuery("insert into federation_nonces (partner_id, nonce, seen_at) values ($1, $2, $3) "
            + "on conflict do nothing")
          .execute(Tuple.of(partner.id(), claims.get("jti"), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
          .map(rows -> {
            if (rows.rowCount() == 0) {
              throw refused("REQUEST_REPLAYED", "nonce seen before from " + partner.region());
            }
            ctx.put(PARTNER_KEY, partner);
            return new Principal(partner.id(), Role.PARTNER);
          });
      });
  }

  /** The partner that {@link #authenticate} found for this request. */
  public static Partner partner(RoutingContext ctx) {
    Partner partner = ctx.get(PARTNER_KEY);
    if (partner == null) {
      throw new IllegalStateException("partner route reached without a verified signature");
    }
    return partner;
  }

  /** Forgets nonces older than twice the window: a request that old is refused by its time anyway. */
  public Future<Void> forgetOldNonces() {
    return pool.preparedQuery("delete from federation_nonces where seen_at < $1")
      .execute(Tuple.of(OffsetDateTime.ofInstant(clock.instant().minus(window.multipliedBy(2)), ZoneOffset.UTC)))
      .mapEmpty();
  }

  private Map<String, Object> verified(Partner partner, String signature, String method, String path, Buffer body) {
    Map<String, Object> claims;
    try {
      claims = SignedJson.verify(signature, MAX_LENGTH, TYP, (kid, ignored) ->
        KeyIds.of(partner.trustKey().orElseThrow()).equals(kid) ? List.of(partner.trustKey().get()) : List.of(), provider);
    } catch (SignedDataException e) {
      throw refused("PARTNER_SIGNATURE_INVALID", partner.region() + ": " + e.getMessage());
    }
    if (!partners.home().value().equals(claims.get("aud")) || !method.equals(claims.get("htm"))
      || !path.equals(claims.get("htu"))
      || !Base64Url.encode(sha256(body.getBytes())).equals(claims.get("bdh"))
      || !(claims.get("jti") instanceof String jti) || jti.isEmpty() || jti.length() > 64) {
      throw refused("PARTNER_SIGNATURE_INVALID", partner.region() + ": the signature covers another request");
    }
    if (!(claims.get("iat") instanceof Number iat)) {
      throw refused("PARTNER_SIGNATURE_INVALID", partner.region() + ": no time");
    }
    Instant at = Instant.ofEpochSecond(iat.longValue());
    Instant now = clock.instant();
    if (at.isBefore(now.minus(window)) || at.isAfter(now.plus(window))) {
      throw refused("REQUEST_EXPIRED", partner.region() + ": signed at " + at + ", now " + now);
    }
    return claims;
  }

  private static ApiException refused(String code, String why) {
    return logged(ApiException.unauthorized(code), why);
  }

  private static ApiException logged(ApiException e, String why) {
    LOG.warn("partner request refused: {} ({})", e.code(), why);
    return e;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
