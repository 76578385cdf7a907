package io.tongxing.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access tokens and password hashes. */
class CredentialsTest {

  private static final Instant NOW = Instant.parse("2026-03-15T02:00:00Z");
  private static final byte[] KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(KEY);
  }

  private final AccessTokens tokens = new AccessTokens(KEY, "tongxing:110000", Duration.ofMinutes(15),
    Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void anIssuedTokenNamesItsAccountAndRole() {
    UUID account = UUID.randomUUID();

    UUID login = UUID.randomUUID();

    Optional<AccessTokens.Bearer> bearer = tokens.verify(tokens.issue(account, Role.OFFICER, login));

    assertEquals(Optional.of(new AccessTokens.Bearer(new Principal(account, Role.OFFICER), login)), bearer);
  }

  @Test
  void aTokenExpiresExactlyAfterItsLifetime() {
    String token = tokens.issue(UUID.randomUUID(), Role.RESIDENT, UUID.randomUUID());
    AccessTokens later = new AccessTokens(KEY, "tongxing:110000", Duration.ofMinutes(15),
      Clock.fixed(NOW.plus(Duration.ofMinutes(15)), ZoneOffset.UTC));
    AccessTokens justBefore = new AccessTokens(KEY, "tongxing:110000", Duration.ofMinutes(15),
      Clock.fixed(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1), ZoneOffset.UTC));

    assertTrue(justBefore.verify(token).isPresent());
    assertFalse(later.verify(token).isPresent());
  }

  @Test
  void unsignedTokensAndOtherKeysAreRefused() throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("tongxing:110000").subject(UUID.randomUUID().toString())
      .claim("role", "ADMIN").issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60))).build();
    assertFalse(tokens.verify(new PlainJWT(claims).serialize()).isPresent(), "alg none");

    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
      .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(), claims);
    forged.sign(new MACSigner(otherKey));
    assertFalse(tokens.verify(forged.serialize()).isPresent(), "another key");

    AccessTokens otherRegion = new AccessTokens(KEY, "tongxing:310000", Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));
    assertFalse(otherRegion.verify(tokens.issue(UUID.randomUUID(), Role.ADMIN, UUID.randomUUID())).isPresent(), "another issuer");
    SignedJWT withoutLogin = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
      .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(), claims);
    withoutLogin.sign(new MACSigner(KEY));
    assertFalse(tokens.verify(withoutLogin.serialize()).isPresent(), "signed with the key but naming no login (sid)");
    assertFalse(tokens.verify("not.a.token").isPresent());
    assertFalse(tokens.verify("x".repeat(5000)).isPresent());
  }

  @Test
  void aTokenOfThisKeyIsRefusedWhenAnythingButItsOwnShapeIsSigned() throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("tongxing:110000").subject(UUID.randomUUID().toString())
      .claim("role", "RESIDENT").claim("sid", UUID.randomUUID().toString()).issueTime(Date.from(NOW))
      .expirationTime(Date.from(NOW.plusSeconds(60))).build();
    com.nimbusds.jose.JOSEObjectType accessToken = new com.nimbusds.jose.JOSEObjectType("at+jwt");

    assertTrue(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(accessToken).build(), claims)).isPresent(),
      "the shape this server issues (so that the refusals below are the header's and claims' doing)");
    assertFalse(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims)).isPresent(), "no typ");
    assertFalse(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT)
      .build(), claims)).isPresent(), "typ JWT");
    assertTrue(tokens.verify(withHeader("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}", claims)).isPresent(),
      "a hand-made token of the right shape (so the helper's refusals below are the header's doing)");
    assertFalse(tokens.verify(withHeader("{\"alg\":\"HS512\",\"typ\":\"at+jwt\"}", claims)).isPresent(),
      "another alg, MAC'd with the key as HS256");
    assertFalse(tokens.verify(withHeader("{\"alg\":\"none\",\"typ\":\"at+jwt\"}", claims)).isPresent(), "alg none, MAC'd");
    assertFalse(tokens.verify(withHeader("[\"HS256\"]", claims)).isPresent(), "a header that is no object");
    assertFalse(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(accessToken)
      .criticalParams(java.util.Set.of("exp")).build(), claims)).isPresent(), "crit");
    assertFalse(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(accessToken).build(),
      new JWTClaimsSet.Builder(claims).issueTime(Date.from(NOW.plusSeconds(31))).build())).isPresent(), "issued in the future");
    assertFalse(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(accessToken).build(),
      new JWTClaimsSet.Builder(claims).claim("role", "KING").build())).isPresent(), "no such role");
    assertFalse(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(accessToken).build(),
      new JWTClaimsSet.Builder(claims).expirationTime(null).build())).isPresent(), "no expiry");

    assertFalse(tokens.verify(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(accessToken).build(),
      new JWTClaimsSet.Builder(claims).claim("sid", "not-a-login").build())).isPresent(), "a login that is no UUID");

    String token = tokens.issue(UUID.randomUUID(), Role.RESIDENT, UUID.randomUUID());
    int payload = token.indexOf('.') + 5;
    String flipped = token.substring(0, payload) + (token.charAt(payload) == 'A' ? 'B' : 'A') + token.substring(payload + 1);
    assertFalse(tokens.verify(flipped).isPresent(), "payload altered");
    assertFalse(tokens.verify(token + ".x").isPresent(), "a fourth part");
    assertFalse(tokens.verify(token.substring(0, token.length() - 2)).isPresent(), "signature cut short");
  }

  /** A header of our own making, MAC'd with the server's key as HS256 would be. */
  private static String withHeader(String header, JWTClaimsSet claims) throws Exception {
    java.util.Base64.Encoder base64url = java.util.Base64.getUrlEncoder().withoutPadding();
    String signingInput = base64url.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
      + base64url.encodeToString(claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
    return signingInput + "." + base64url.encodeToString(mac.doFinal(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  private static String signed(JWSHeader header, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(new MACSigner(KEY));
    return jwt.serialize();
  }

  @Test
  void passwordsAreArgon2idWithOwaspParameters() {
    PasswordHasher hasher = new PasswordHasher(19456, 2, 1, new SecureRandom());

    String hash = hasher.hash("correct horse battery");

    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(hasher.verify("correct horse battery", hash));
    assertFalse(hasher.verify("correct horse battery!", hash));
    assertFalse(hash.equals(hasher.hash("correct horse battery")), "salted");
  }

  @Test
  void oldHashesStayVerifiableWhenParametersRise() {
    String old = new PasswordHasher(8192, 1, 1, new SecureRandom()).hash("correct horse battery");

    assertTrue(new PasswordHasher(19456, 2, 1, new SecureRandom()).verify("correct horse battery", old));
  }
}
