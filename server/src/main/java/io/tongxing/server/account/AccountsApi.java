package io.tongxing.server.account;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

/** Registration of residents and enterprises, staff accounts, the enterprises registered, and {@code GET /me}. */
public final class AccountsApi {

  private final Accounts accounts;
  private final StaffAccounts staff;
  private final Enterprises enterprises;

  public AccountsApi(Accounts accounts, StaffAccounts staff, Enterprises enterprises) {
    this.accounts = accounts;
    this.staff = staff;
    this.enterprises = enterprises;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("registerResident", 201, ctx -> accounts.registerResident(ApiRoutes.body(ctx)));
    routes.respond("registerEnterprise", 201, ctx -> accounts.registerEnterprise(ApiRoutes.body(ctx)));
    routes.respond("createStaffAccount", 201, ctx -> accounts.createStaff(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listStaffAccounts", ctx -> staff.list());
    routes.respond("setStaffPassword", ctx -> staff.setPassword(Principal.of(ctx),
      java.util.UUID.fromString(ApiRoutes.path(ctx, "accountId")), ApiRoutes.body(ctx)));
    routes.respond("listEnterprises", ctx -> enterprises.list());
    routes.respond("getMe", ctx -> accounts.describe(Principal.of(ctx)));
  }
}
