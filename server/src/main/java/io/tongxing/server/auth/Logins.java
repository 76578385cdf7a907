package io.tongxing.server.auth;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.account.PhoneNumbers;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Password login, rate-limited per account and per source address. Residents log in with their
 * phone number, enterprises with their credit code, staff with their user name. Failures are
 * counted in PostgreSQL; a locked key answers 429 with Retry-After before any password is checked.
 */
public final class Logins {

  private final Pool pool;
  private final FieldCipher cipher;
  private final Passwords passwords;
  private final Throttle throttle;
  private final RefreshTokens refreshTokens;
  private final int maxPerAccount;
  private final int maxPerSource;
  private final Duration window;
  private final Duration lockout;

  public Logins(Pool pool, FieldCipher cipher, Passwords passwords, Throttle throttle, RefreshTokens refreshTokens,
                JsonObject limits) {
    this.pool = pool;
    this.cipher = cipher;
    this.passwords = passwords;
    this.throttle = throttle;
    this.refreshTokens = refreshTokens;
    this.maxPerAccount = limits.getInteger("maxFailuresPerAccount");
    this.maxPerSource = limits.getInteger("maxFailuresPerSource");
    this.window = Duration.ofSeconds(limits.getLong("windowSeconds"));
    this.lockout = Duration.ofSeconds(limits.getLong("lockoutSeconds"));
  }

  public Future<TokenPair> login(String login, String password, String source) {
    boolean byPhone = PhoneNumbers.isMobile(login);
    String normalized = byPhone ? PhoneNumbers.normalize(login) : login.trim().toUpperCase(Locale.ROOT);
    // Keys name the account by keyed hash, so the throttle table holds no phone numbers either.
    String accountKey = "login:" + HexFormat.of().formatHex(cipher.lookupHash("login", normalized));
    String sourceKey = "login-source:" + source;
    return throttle.lockedFor(List.of(accountKey, sourceKey))
      .compose(locked -> {
        if (locked.isPresent()) {
          return Future.failedFuture(ApiException.tooManyRequests("LOGIN_LOCKED", Throttle.retryAfterSeconds(locked.get())));
        }
        return find(byPhone, normalized);
      })
      .compose(rows -> {
        Row account = rows.size() == 0 ? null : rows.iterator().next();
        String hash = account == null || account.getOffsetDateTime("disabled_at") != null
          ? null : account.getString("password_hash");
        return passwords.verify(password, hash).compose(ok -> {
          if (!ok) {
            return throttle.hit(accountKey, maxPerAccount, window, lockout)
              .compose(v -> throttle.hit(sourceKey, maxPerSource, window, lockout))
              .compose(v -> Future.failedFuture(ApiException.unauthorized("INVALID_CREDENTIALS")));
          }
          return throttle.reset(accountKey)
            .compose(v -> refreshTokens.issue(account.getUUID("id"), Role.valueOf(account.getString("role"))));
        });
      });
  }

  private Future<RowSet<Row>> find(boolean byPhone, String normalized) {
    if (byPhone) {
      return pool.preparedQuery("select a.id, a.role, a.password_hash, a.disabled_at from accounts a "
          + "join residents r on r.account_id = a.id where r.phone_hash = $1")
        .execute(Tuple.of(cipher.lookupHash(Accounts.PHONE, normalized)));
    }
    return pool.preparedQuery("select id, role, password_hash, disabled_at from accounts where upper(username) = $1")
      .execute(Tuple.of(normalized));
  }
}
