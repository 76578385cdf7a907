package io.tongxing.server.checkin;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

/** A resident's daily check-ins. */
public final class CheckInsApi {

  private final CheckIns checkIns;

  public CheckInsApi(CheckIns checkIns) {
    this.checkIns = checkIns;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("submitCheckIn", 201, ctx -> checkIns.submit(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listMyCheckIns", ctx -> checkIns.recent(Principal.of(ctx)));
  }
}
