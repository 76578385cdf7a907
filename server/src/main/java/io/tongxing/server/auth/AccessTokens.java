package io.tongxing.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived access tokens: JWTs (HS256, typ {@code at+jwt}) signed with the server's access-token
 * key, naming the account, its role and the login they belong to ({@code sid}: the refresh-token
 * family), so that ending the login ends them too ({@link RevokedLogins}). Every node of a region
 * shares the key through configuration.
 */
public final class AccessTokens {

  private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
  private static final int MAX_TOKEN_CHARS = 2048;
  static final Duration ALLOWED_SKEW = Duration.ofSeconds(30);
  private static final String LOGIN = "sid";

  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

  private final MACSigner signer;
  /** HMAC-SHA256 with the key, one per thread (event loops; a Mac is not thread-safe). */
  private final ThreadLocal<Mac> mac;
  private final String issuer;
  private final Duration ttl;
  private final Clock clock;

  public AccessTokens(byte[] key, String issuer, Duration ttl, Clock clock) {
    try {
      this.signer = new MACSigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("access-token key unusable", e);
    }
    SecretKeySpec secret = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(secret);
        return hmac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    });
    this.issuer = issuer;
    this.ttl = ttl;
    this.clock = clock;
  }

  public Duration ttl() {
    return ttl;
  }

  /** The caller a valid token names, and the login it belongs to. */
  public record Bearer(Principal principal, UUID login) {
  }

  public String issue(UUID accountId, Role role, UUID login) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
      .issuer(issuer)
      .subject(accountId.toString())
      .claim("role", role.name())
      .claim(LOGIN, login.toString())
      .issueTime(Date.from(now))
      .expirationTime(Date.from(now.plus(ttl)))
      .jwtID(UUID.randomUUID().toString())
      .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign access token", e);
    }
    return jwt.serialize();
  }

  /**
   * The caller named by a valid, unexpired token of this server, with its login; empty for anything
   * else (a token without a login, too). Whether the login still stands is {@link RevokedLogins}' to say.
   * Every request runs this, so it checks the compact form directly — header, HMAC over the first two
   * parts, claims — with the JDK's codec and Mac and Jackson, instead of nimbus's object model (which
   * cost three times as much: a fifth of a code display's server CPU).
   */
  public Optional<Bearer> verify(String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    int headerEnd = token.indexOf('.');
    int payloadEnd = token.indexOf('.', headerEnd + 1);
    if (headerEnd < 0 || payloadEnd < 0 || token.indexOf('.', payloadEnd + 1) >= 0) {
      return Optional.empty();
    }
    try {
      JsonObject header = new JsonObject(decode(token, 0, headerEnd));
      if (!JWSAlgorithm.HS256.getName().equals(header.getString("alg")) || !TYPE.getType().equals(header.getString("typ"))
        || header.containsKey("crit")) {
        return Optional.empty();
      }
      byte[] expected = mac.get().doFinal(token.substring(0, payloadEnd).getBytes(StandardCharsets.US_ASCII));
      if (!MessageDigest.isEqual(expected, BASE64URL.decode(token.substring(payloadEnd + 1)))) {
        return Optional.empty();
      }
      JsonObject claims = new JsonObject(decode(token, headerEnd + 1, payloadEnd));
      Number expires = (Number) claims.getValue("exp");
      Number issued = (Number) claims.getValue("iat");
      Instant now = clock.instant();
      if (!issuer.equals(claims.getString("iss")) || expires == null || issued == null
        || !Instant.ofEpochSecond(expires.longValue()).isAfter(now)
        || Instant.ofEpochSecond(issued.longValue()).isAfter(now.plus(ALLOWED_SKEW))) {
        return Optional.empty();
      }
      return Optional.of(new Bearer(new Principal(UUID.fromString(claims.getString("sub")), Role.valueOf(claims.getString("role"))),
        UUID.fromString(claims.getString(LOGIN))));
    } catch (IllegalArgumentException | ClassCastException | DecodeException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** One base64url part of the compact form, as UTF-8 text. */
  private static String decode(String token, int from, int to) {
    return new String(BASE64URL.decode(token.substring(from, to)), StandardCharsets.UTF_8);
  }
}
