package io.tongxing.server.auth;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Rotating refresh tokens. Each refresh spends the presented token and hands out a new one of the
 * same family; presenting a spent token again means it was copied, so the whole family (that login)
 * is revoked. Only SHA-256 hashes of the tokens are stored.
 */
public final class RefreshTokens {

  private final Pool pool;
  private final AccessTokens accessTokens;
  private final RevokedLogins revokedLogins;
  private final AuditLog audit;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random;

  public RefreshTokens(Pool pool, AccessTokens accessTokens, RevokedLogins revokedLogins, AuditLog audit, Duration ttl,
                       Clock clock, SecureRandom random) {
    this.pool = pool;
    this.accessTokens = accessTokens;
    this.revokedLogins = revokedLogins;
    this.audit = audit;
    this.ttl = ttl;
    this.clock = clock;
    this.random = random;
  }

  /** A new login: a new family. */
  public Future<TokenPair> issue(UUID accountId, Role role) {
    return store(pool, accountId, role, UUID.randomUUID());
  }

  public Future<TokenPair> rotate(String refreshToken) {
    byte[] hash = hash(refreshToken);
    OffsetDateTime now = now();
    // The token and its account in two statements: on Citus they live on different shards (by token, by account).
    return pool.withTransaction(tx -> tx.preparedQuery("select family_id, account_id, expires_at, used_at, revoked_at "
            + "from refresh_tokens where token_hash = $1 for update")
        .execute(Tuple.of(hash))
        .compose(tokens -> tokens.size() == 0 ? Future.succeededFuture(null)
          : tx.preparedQuery("select role, disabled_at from accounts where id = $1")
            .execute(Tuple.of(tokens.iterator().next().getUUID("account_id")))
            .map(accounts -> new TokenAndAccount(tokens.iterator().next(), accounts.iterator().next())))
        .compose(found -> {
          if (found == null) {
            return Future.succeededFuture(Outcome.refused("INVALID_REFRESH_TOKEN"));
          }
          Row row = found.token();
          UUID family = row.getUUID("family_id");
          UUID account = row.getUUID("account_id");
          if (row.getOffsetDateTime("revoked_at") != null) {
            return Future.succeededFuture(Outcome.refused("INVALID_REFRESH_TOKEN"));
          }
          if (row.getOffsetDateTime("used_at") != null) {
            return revokeFamily(tx, family, now)
              .compose(v -> revokedLogins.announce(tx, List.of(family)))
              .compose(v -> audit.append(tx, AuditEntry.bySystem("auth.refresh_token_reused", "account",
                account.toString(), "a spent refresh token was presented again; the login was revoked",
                new JsonObject().put("family", family.toString()))))
              .map(v -> Outcome.refused("REFRESH_TOKEN_REUSED"));
          }
          if (!row.getOffsetDateTime("expires_at").isAfter(now) || found.account().getOffsetDateTime("disabled_at") != null) {
            return Future.succeededFuture(Outcome.refused("INVALID_REFRESH_TOKEN"));
          }
          return tx.preparedQuery("update refresh_tokens set used_at = $2 where token_hash = $1")
            .execute(Tuple.of(hash, now))
            .compose(v -> store(tx, account, Role.valueOf(found.account().getString("role")), family))
            .map(Outcome::issued);
        }))
      // The revocation above must commit, so the refusal is raised only after the transaction.
      .compose(outcome -> outcome.pair != null
        ? Future.succeededFuture(outcome.pair)
        : Future.failedFuture(ApiException.unauthorized(outcome.refusal)));
  }

  /**
   * Logout: the presented token's whole family stops working, and with it every access token of that
   * login, on every node. Unknown tokens are ignored.
   */
  public Future<Void> revoke(String refreshToken) {
    return pool.withTransaction(tx -> tx.preparedQuery(
        "update refresh_tokens set revoked_at = $2 where revoked_at is null and family_id = "
          + "(select family_id from refresh_tokens where token_hash = $1) returning family_id")
      .execute(Tuple.of(hash(refreshToken), now()))
      .compose(rows -> revokedLogins.announce(tx, families(rows))));
  }

  /** Every login of the account ends (a password reset), with its access tokens, in the caller's transaction. */
  public Future<Void> revokeAll(SqlConnection tx, UUID accountId) {
    return tx.preparedQuery("update refresh_tokens set revoked_at = $2 where account_id = $1 and revoked_at is null "
        + "returning family_id")
      .execute(Tuple.of(accountId, now()))
      .compose(rows -> revokedLogins.announce(tx, families(rows)));
  }

  private static Set<UUID> families(RowSet<Row> rows) {
    Set<UUID> families = new HashSet<>();
    rows.forEach(row -> families.add(row.getUUID("family_id")));
    return families;
  }

  private Future<RowSet<Row>> revokeFamily(SqlClient client, UUID family, OffsetDateTime now) {
    return client.preparedQuery("update refresh_tokens set revoked_at = $2 where family_id = $1 and revoked_at is null")
      .execute(Tuple.of(family, now));
  }

  private Future<TokenPair> store(SqlClient client, UUID accountId, Role role, UUID family) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    OffsetDateTime now = now();
    return client.preparedQuery(
        "insert into refresh_tokens (token_hash, family_id, account_id, issued_at, expires_at) values ($1, $2, $3, $4, $5)")
      .execute(Tuple.of(hash(token), family, accountId, now, now.plus(ttl)))
      .map(v -> new TokenPair(accountId, role, accessTokens.issue(accountId, role, family), accessTokens.ttl(), token, ttl));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record TokenAndAccount(Row token, Row account) {
  }

  private record Outcome(TokenPair pair, String refusal) {
    static Outcome issued(TokenPair pair) {
      return new Outcome(pair, null);
    }

    static Outcome refused(String code) {
      return new Outcome(null, code);
    }
  }
}
