package io.tongxing.server.auth;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.account.PhoneNumbers;
import io.tongxing.server.auth.OneTimeCodeSender.Purpose;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** One-time codes, login, refresh, logout and password reset. */
public final class AuthApi {

  private final OneTimeCodes codes;
  private final Logins logins;
  private final RefreshTokens refreshTokens;
  private final Accounts accounts;

  public AuthApi(OneTimeCodes codes, Logins logins, RefreshTokens refreshTokens, Accounts accounts) {
    this.codes = codes;
    this.logins = logins;
    this.refreshTokens = refreshTokens;
    this.accounts = accounts;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("requestOneTimeCode", 202, this::requestCode);
    routes.respond("login", ctx -> {
      JsonObject body = ApiRoutes.body(ctx);
      return logins.login(body.getString("login"), body.getString("password"), source(ctx)).map(TokenPair::toJson);
    });
    routes.respond("refreshTokens", ctx -> refreshTokens.rotate(ApiRoutes.body(ctx).getString("refreshToken"))
      .map(TokenPair::toJson));
    routes.respond("logout", ctx -> refreshTokens.revoke(ApiRoutes.body(ctx).getString("refreshToken")));
    routes.respond("resetPassword", ctx -> accounts.resetPassword(ApiRoutes.body(ctx)));
  }

  private Future<JsonObject> requestCode(RoutingContext ctx) {
    JsonObject body = ApiRoutes.body(ctx);
    String phone = body.getString("phone");
    if (!PhoneNumbers.isMobile(phone)) {
      throw ApiException.invalidField("INVALID_PHONE", "phone");
    }
    Purpose purpose = Purpose.valueOf(body.getString("purpose"));
    return codes.send(PhoneNumbers.normalize(phone), purpose, source(ctx))
      .map(v -> new JsonObject().put("sentTo", PhoneNumbers.mask(phone)).put("purpose", purpose.name()));
  }

  /** The client's address; with http.trustForwardedFor, the one named by X-Forwarded-For. */
  static String source(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }
}
