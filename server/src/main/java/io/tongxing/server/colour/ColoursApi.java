package io.tongxing.server.colour;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;

/** "What colour is my code, and why?" */
public final class ColoursApi {

  private final Colours colours;

  public ColoursApi(Colours colours) {
    this.colours = colours;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("getMyColour", ctx -> colours.current(Principal.of(ctx)));
    routes.respond("explainMyColour", ctx -> colours.explain(Principal.of(ctx), Messages.locale(ctx)));
  }
}
