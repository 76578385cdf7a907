package io.tongxing.server.risk;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

/** Counties and their risk levels ("one map"). */
public final class CountiesApi {

  private final Counties counties;
  private final CountyMap map;

  public CountiesApi(Counties counties, CountyMap map) {
    this.counties = counties;
    this.map = map;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("listCounties", ctx -> counties.list());
    routes.send("getCountyMap", ctx -> map.boundaries().map(geojson -> {
      // Boundaries change with the jar only; a day in the browser's cache spares the console 270 KB a visit.
      ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "public, max-age=86400")
        .end(geojson);
      return null;
    }));
    routes.respond("listCountyRiskLevels", ctx -> counties.history(ApiRoutes.path(ctx, "code")));
    routes.respond("addCounty", 201, ctx -> counties.add(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("setCountyRiskLevel", ctx -> counties.setRiskLevel(Principal.of(ctx), ApiRoutes.path(ctx, "code"),
      ApiRoutes.body(ctx)));
  }
}
