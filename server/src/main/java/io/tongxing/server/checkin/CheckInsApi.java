package io.tongxing.server.checkin;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;
import io.vertx.core.http.HttpHeaders;

/** A resident's daily check-ins. */
public final class CheckInsApi {

  private final CheckIns checkIns;

  public CheckInsApi(CheckIns checkIns) {
    this.checkIns = checkIns;
  }

  public void addRoutes(ApiRoutes routes) {
    // x-validated-by: CheckInShape in the contract — the router leaves this body to it (see that class).
    routes.respond("submitCheckIn", 201, ctx -> checkIns.submit(Principal.of(ctx),
      CheckInShape.read(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), ctx.body().buffer())));
    routes.respond("listMyCheckIns", ctx -> checkIns.recent(Principal.of(ctx)));
  }
}
