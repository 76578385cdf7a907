package io.tongxing.server.corridor;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

/** Corridors: admins define them and admit enterprises; anyone may read them; an enterprise sees its own. */
public final class CorridorsApi {

  private final Corridors corridors;

  public CorridorsApi(Corridors corridors) {
    this.corridors = corridors;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("createCorridor", 201, ctx -> corridors.create(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listCorridors", ctx -> corridors.list());
    routes.respond("getCorridor", ctx -> corridors.get(ApiRoutes.path(ctx, "corridorId")));
    routes.respond("admitCorridorEnterprise", ctx -> corridors.admit(Principal.of(ctx), ApiRoutes.path(ctx, "corridorId"),
      ApiRoutes.body(ctx)));
    routes.respond("listMyCorridors", ctx -> corridors.ofEnterprise(Principal.of(ctx).accountId()));
  }
}
