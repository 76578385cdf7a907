package io.tongxing.server.checkpoint;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

/** Exposure queries over the scan logs, and the one-step flagging of own-region close contacts. */
public final class ExposuresApi {

  private final Exposures exposures;

  public ExposuresApi(Exposures exposures) {
    this.exposures = exposures;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("queryExposure", 201, ctx -> exposures.query(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("flagCloseContacts", 201, ctx -> exposures.flagCloseContacts(Principal.of(ctx),
      ApiRoutes.pathLong(ctx, "queryId"), ApiRoutes.body(ctx)));
  }
}
