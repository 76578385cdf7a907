package io.tongxing.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractTest {

  @Test
  void theRouterSeesOctetStreamWhereTheDocumentNamesTypesVertxCannotValidate() throws IOException {
    JsonObject document;
    try (InputStream in = ContractTest.class.getResourceAsStream("/contract/openapi.yaml")) {
      document = Contract.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    JsonObject view = Contract.routerView(document);

    JsonObject png = content(document, "/api/v1/me/health-code/qr.png");
    JsonObject viewedPng = content(view, "/api/v1/me/health-code/qr.png");
    assertTrue(png.containsKey("image/png"), "the document keeps the true type");
    assertFalse(viewedPng.containsKey("image/png"));
    assertTrue(viewedPng.containsKey("application/octet-stream"));
    assertEquals(content(document, "/api/v1/me/health-code"), content(view, "/api/v1/me/health-code"), "JSON untouched");
  }

  private static JsonObject content(JsonObject document, String path) {
    return document.getJsonObject("paths").getJsonObject(path).getJsonObject("get").getJsonObject("responses")
      .getJsonObject("200").getJsonObject("content");
  }
}
