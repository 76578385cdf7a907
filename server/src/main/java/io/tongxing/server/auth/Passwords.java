package io.tongxing.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Runs {@link PasswordHasher} on worker threads, never on the event loop. */
public final class Passwords {

  private final Vertx vertx;
  private final PasswordHasher hasher;
  private volatile String dummyHash;

  public Passwords(Vertx vertx, PasswordHasher hasher) {
    this.vertx = vertx;
    this.hasher = hasher;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password), false);
  }

  /**
   * Verifies against a stored hash; with {@code null} (no such account) spends the same time on a
   * dummy hash and answers false, so response times do not tell which accounts exist.
   */
  public Future<Boolean> verify(String password, String storedHash) {
    return vertx.executeBlocking(() -> {
      if (storedHash != null) {
        return hasher.verify(password, storedHash);
      }
      hasher.verify(password, dummy());
      return false;
    }, false);
  }

  private String dummy() {
    String hash = dummyHash;
    if (hash == null) {
      hash = hasher.hash("not-a-real-password");
      dummyHash = hash;
    }
    return hash;
  }
}
