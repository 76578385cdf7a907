package io.tongxing.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final String issuer;
  private final Duration ttl;
  private final Clock clock;

  public AccessTokens(byte[] key, String issuer, Duration ttl, Clock clock) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("access-token key unusable", e);
    }
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
   */
  public Optional<Bearer> verify(String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || !TYPE.equals(header.getType())
        || header.getCriticalParams() != null) {
        return Optional.empty();
      }
      if (!jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Instant now = clock.instant();
      if (!issuer.equals(claims.getIssuer()) || claims.getExpirationTime() == null || claims.getIssueTime() == null
        || !claims.getExpirationTime().toInstant().isAfter(now)
        || claims.getIssueTime().toInstant().isAfter(now.plus(ALLOWED_SKEW))) {
        return Optional.empty();
      }
      return Optional.of(new Bearer(new Principal(UUID.fromString(claims.getSubject()), Role.valueOf(claims.getStringClaim("role"))),
        UUID.fromString(claims.getStringClaim(LOGIN))));
    } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
