package io.tongxing.server.healthcode;

import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.server.rules.Colour;
import io.tongxing.token.StatusReference;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A health code as the resident receives it: the signed token and its QR text. */
public record IssuedCode(String token, Colour colour, Instant issuedAt, Instant expiresAt, StatusReference status,
                         boolean holderBound) {

  public String qrText() {
    return QrText.encode(Presentation.of(token));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("token", token)
      .put("qrText", qrText())
      .put("colour", colour.name())
      .put("issuedAt", issuedAt.toString())
      .put("expiresAt", expiresAt.toString())
      .put("status", new JsonObject().put("list", status.list()).put("index", status.index()))
      .put("holderBound", holderBound);
  }
}
