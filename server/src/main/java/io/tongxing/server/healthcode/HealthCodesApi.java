package io.tongxing.server.healthcode;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.ETags;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.token.HolderKey;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A resident's health code: the signed token with its QR text, the QR as PNG or SVG, and the phone
 * key that binds future codes. Every request is authorized and finds the caller's current code (in
 * the node's memory once read, {@link CurrentCodes}); what it is answered with is made once per token
 * ({@link CodeViews}) and carries an ETag, so a phone that holds the current code already gets a 304.
 * The JSON is revalidated on every display ({@code no-cache}: it is what says the colour changed); an
 * image of a token is the same until the token expires, and may be kept that long — privately, never
 * by a shared cache.
 */
public final class HealthCodesApi {

  private static final int DEFAULT_SCALE = 8;
  private static final String REVALIDATE = "private, no-cache";

  private final HealthCodes codes;
  private final CodeViews views;
  private final Clock clock;

  public HealthCodesApi(HealthCodes codes, CodeViews views, Clock clock) {
    this.codes = codes;
    this.views = views;
    this.clock = clock;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.send("getMyHealthCode", ctx -> current(ctx).map(code -> {
      send(ctx, views.json(code), REVALIDATE, "application/json");
      return null;
    }));
    routes.send("getMyHealthCodePng", ctx -> {
      RequestParameter scale = ApiRoutes.query(ctx, "scale");
      int pixels = scale == null ? DEFAULT_SCALE : scale.getInteger();
      return current(ctx).map(code -> {
        send(ctx, views.png(code, pixels), untilExpiry(code), "image/png");
        return null;
      });
    });
    routes.send("getMyHealthCodeSvg", ctx -> {
      Locale locale = Messages.locale(ctx);
      return current(ctx).map(code -> {
        String label = Messages.text(locale, "healthCode.label", Messages.text(locale, "colour." + code.colour().name()));
        ctx.response().putHeader("Vary", "Accept-Language");
        send(ctx, views.svg(code, locale, label), untilExpiry(code), "image/svg+xml");
        return null;
      });
    });
    routes.respond("registerHolderKey", ctx -> {
      HolderKey key;
      try {
        key = HolderKey.decode(ApiRoutes.body(ctx).getString("publicKey"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidField("INVALID_HOLDER_KEY", "publicKey");
      }
      Principal resident = Principal.of(ctx);
      return codes.registerHolderKey(resident.accountId(), key)
        .compose(v -> codes.current(resident.accountId()))
        .map(IssuedCode::toJson);
    });
  }

  private Future<IssuedCode> current(RoutingContext ctx) {
    return codes.current(Principal.of(ctx).accountId());
  }

  private static void send(RoutingContext ctx, CodeViews.View view, String cacheControl, String contentType) {
    ETags.send(ctx, view.etag(), cacheControl, contentType, view.body());
  }

  /** An image may be kept by the phone, and only the phone, until its token expires. */
  private String untilExpiry(IssuedCode code) {
    return "private, max-age=" + Math.max(0, Duration.between(clock.instant(), code.expiresAt()).getSeconds());
  }
}
