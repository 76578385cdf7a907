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
