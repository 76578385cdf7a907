package io.tongxing.server.dashboard;

import io.tongxing.server.http.ApiRoutes;
import io.vertx.openapi.validation.RequestParameter;

/** The authority console's dashboard aggregates. */
public final class DashboardApi {

  private final Dashboard dashboard;

  public DashboardApi(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("getDashboard", ctx -> {
      RequestParameter days = ApiRoutes.query(ctx, "days");
      RequestParameter hours = ApiRoutes.query(ctx, "hours");
      return dashboard.summary(days == null ? 14 : days.getInteger(), hours == null ? 24 : hours.getInteger());
    });
  }
}
