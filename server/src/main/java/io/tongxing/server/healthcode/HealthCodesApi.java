package io.tongxing.server.healthcode;

import io.tongxing.qr.QrCode;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.token.HolderKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.validation.RequestParameter;

import java.util.Locale;

/**
 * A resident's health code: the signed token with its QR text, the QR as PNG or SVG, and the phone
 * key that binds future codes. Images are personal data: never cached by intermediaries.
 */
public final class HealthCodesApi {

  private static final int DEFAULT_SCALE = 8;

  private final HealthCodes codes;

  public HealthCodesApi(HealthCodes codes) {
    this.codes = codes;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("getMyHealthCode", ctx -> codes.current(Principal.of(ctx).accountId()).map(IssuedCode::toJson));
    routes.send("getMyHealthCodePng", ctx -> {
      RequestParameter scale = ApiRoutes.query(ctx, "scale");
      int pixels = scale == null ? DEFAULT_SCALE : scale.getInteger();
      return codes.current(Principal.of(ctx).accountId()).map(code -> {
        byte[] png = QrCode.encode(code.qrText()).png(pixels);
        ctx.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", "no-store")
          .end(Buffer.buffer(png));
        return null;
      });
    });
    routes.send("getMyHealthCodeSvg", ctx -> {
      Locale locale = Messages.locale(ctx);
      return codes.current(Principal.of(ctx).accountId()).map(code -> {
        String label = Messages.text(locale, "healthCode.label", Messages.text(locale, "colour." + code.colour().name()));
        ctx.response().putHeader("Content-Type", "image/svg+xml").putHeader("Cache-Control", "no-store")
          .end(QrCode.encode(code.qrText()).svg(label));
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
}
