package io.tongxing.server.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web console (docs/console.md): static ES modules, styles and message files from the jar
 * under {@code /console/}, outside the OpenAPI contract. The pages call the JSON API like any
 * other client, with the access token from login; nothing here reads data.
 */
public final class ConsoleRoutes {

  public static final String ROOT = "/console/";

  /**
   * Only the console's own scripts, styles and API calls; no inline script or style, no frames,
   * no plugins. With DOM built from text nodes this keeps injected markup inert.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private ConsoleRoutes() {
  }

  public static void addTo(Router router) {
    router.get("/console").handler(ConsoleRoutes::toConsole);
    router.route(ROOT + "*")
      .handler(ConsoleRoutes::securityHeaders)
      .handler(StaticHandler.create("webroot/console")
        .setIndexPage("index.html")
        .setDefaultContentEncoding("UTF-8")
        // No build step renames files per version, so browsers must not keep them past a server upgrade.
        .setCachingEnabled(false));
  }

  private static void toConsole(RoutingContext ctx) {
    // Vert.x matches "/console" for "/console/" too; only the bare path is redirected.
    if (!"/console".equals(ctx.request().path())) {
      ctx.next();
      return;
    }
    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, ROOT).end();
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
      .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Referrer-Policy", "no-referrer")
      .putHeader("X-Frame-Options", "DENY")
      .putHeader("Cache-Control", "no-cache");
    ctx.next();
  }
}
