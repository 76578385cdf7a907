package io.tongxing.server.account;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

/** Registration of residents and enterprises, staff accounts, and {@code GET /me}. */
public final class AccountsApi {

  private final Accounts accounts;

  public AccountsApi(Accounts accounts) {
    this.accounts = accounts;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("registerResident", 201, ctx -> accounts.registerResident(ApiRoutes.body(ctx)));
    routes.respond("registerEnterprise", 201, ctx -> accounts.registerEnterprise(ApiRoutes.body(ctx)));
    routes.respond("createStaffAccount", 201, ctx -> accounts.createStaff(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("getMe", ctx -> accounts.describe(Principal.of(ctx)));
  }
}
