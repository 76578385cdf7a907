package io.tongxing.server.auth;

import io.tongxing.server.http.Role;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.UUID;

/** What a successful login or refresh returns. */
public record TokenPair(UUID accountId, Role role, String accessToken, Duration accessTtl, String refreshToken,
                        Duration refreshTtl) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("tokenType", "Bearer")
      .put("accessToken", accessToken)
      .put("expiresIn", accessTtl.toSeconds())
      .put("refreshToken", refreshToken)
      .put("refreshExpiresIn", refreshTtl.toSeconds())
      .put("accountId", accountId.toString())
      .put("role", role.name());
  }
}
