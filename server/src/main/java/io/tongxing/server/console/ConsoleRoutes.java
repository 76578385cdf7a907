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

  /** Apache ECharts, from its WebJar (the root pom's echarts.version; the jar keeps only this bundle). */
  public static final String ECHARTS = "5.3.1";
  static final String ECHARTS_PATH = ROOT + "vendor/echarts-" + ECHARTS + ".esm.js";
  private static final String ECHARTS_RESOURCE = "META-INF/resources/webjars/echarts/" + ECHARTS + "/dist/echarts.esm.min.js";

  public static void addTo(Router router) {
    router.get("/console").handler(ConsoleRoutes::toConsole);
    router.route(ROOT + "*")
      .handler(ConsoleRoutes::securityHeaders)
      .handler(StaticHandler.create("webroot/console")
        .setIndexPage("index.html")
        .setDefaultContentEncoding("UTF-8")
        // No build step renames files per version, so browsers must not keep them past a server upgrade.
        .setCachingEnabled(false));
    // Its path names the version, so browsers may keep it: a new version is a new path.
    router.get(ECHARTS_PATH).handler(ctx -> ctx.vertx().fileSystem().readFile(ECHARTS_RESOURCE)
      .onFailure(ctx::fail)
      .onSuccess(script -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
        .end(script)));
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
