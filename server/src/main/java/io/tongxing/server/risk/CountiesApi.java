package io.tongxing.server.risk;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

/** Counties and their risk levels ("one map"). */
public final class CountiesApi {

  private final Counties counties;

  public CountiesApi(Counties counties) {
    this.counties = counties;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("listCounties", ctx -> counties.list());
    routes.respond("listCountyRiskLevels", ctx -> counties.history(ApiRoutes.path(ctx, "code")));
    routes.respond("addCounty", 201, ctx -> counties.add(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("setCountyRiskLevel", ctx -> counties.setRiskLevel(Principal.of(ctx), ApiRoutes.path(ctx, "code"),
      ApiRoutes.body(ctx)));
  }
}
