package io.tongxing.server.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

  @Test
  void theContractsRulesForTextAndTimesAreTheOnesTheCodeAppliesBeyondIt() throws IOException {
    JsonObject schemas = document().getJsonObject("components").getJsonObject("schemas");

    assertEquals(InputBounds.LINE.pattern(), schemas.getJsonObject("Line").getString("pattern"));
    assertEquals(InputBounds.TEXT.pattern(), schemas.getJsonObject("Text").getString("pattern"));
    assertEquals(InputBounds.YEARS.pattern(), schemas.getJsonObject("Timestamp").getString("pattern"));
    assertEquals(InputBounds.YEARS.pattern(), schemas.getJsonObject("Day").getString("pattern"));
  }

  /**
   * The guard for the next field someone adds: every string a request takes is bounded by an enum, a
   * format or a pattern — free text by {@code Line} or {@code Text} — except the few listed here,
   * which no person reads: passwords (hashed), the login (looked up), ID numbers a handler checks with
   * a specific error, and signed headers.
   */
  @Test
  void everyStringARequestTakesIsBoundedByAnEnumAFormatOrAPattern() {
    OpenApiContract contract = OpenApiContract.load();
    Set<String> unbounded = new TreeSet<>();
    for (OpenApiContract.Operation operation : contract.operations()) {
      for (Map<String, Object> parameter : operation.parameters()) {
        unboundedStrings(contract, contract.schemaOf(parameter), operation.id() + " " + parameter.get("in") + ":"
          + parameter.get("name"), unbounded, 0);
      }
      if (operation.bodySchema() != null) {
        unboundedStrings(contract, operation.bodySchema(), operation.id() + " body", unbounded, 0);
      }
    }

    assertEquals(new TreeSet<>(List.of("createStaffAccount body.password", "enrollDevice header:Tx-Device-Proof",
      "login body.login", "login body.password", "receiveFederationMessage header:Tongxing-Signature",
      "registerEnterprise body.password", "registerResident body.password", "resetPassword body.newPassword",
      "sendCloseContactNotice body.idNumber", "sendReleaseNotice body.idNumber", "setStaffPassword body.password")), unbounded);
  }

  @SuppressWarnings("unchecked")
  private static void unboundedStrings(OpenApiContract contract, Map<String, Object> schema, String at, Set<String> found,
                                       int depth) {
    if (schema == null || depth > 8) {
      return;
    }
    Map<String, Object> merged = contract.merged(schema);
    Object type = merged.get("type");
    boolean isString = "string".equals(type) || (type instanceof List<?> types && types.contains("string"));
    if (isString && !merged.containsKey("enum") && !merged.containsKey("const") && !merged.containsKey("pattern")
      && !merged.containsKey("format")) {
      found.add(at);
    }
    ((Map<String, Object>) merged.getOrDefault("properties", Map.of())).forEach((name, property) ->
      unboundedStrings(contract, (Map<String, Object>) property, at + "." + name, found, depth + 1));
    if (merged.get("items") instanceof Map<?, ?> items) {
      unboundedStrings(contract, (Map<String, Object>) items, at + "[]", found, depth + 1);
    }
    for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
      for (Object part : (List<Object>) merged.getOrDefault(combiner, List.of())) {
        unboundedStrings(contract, (Map<String, Object>) part, at, found, depth + 1);
      }
    }
  }

  private static JsonObject document() throws IOException {
    try (InputStream in = ContractTest.class.getResourceAsStream("/contract/openapi.yaml")) {
      return Contract.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static JsonObject content(JsonObject document, String path) {
    return document.getJsonObject("paths").getJsonObject(path).getJsonObject("get").getJsonObject("responses")
      .getJsonObject("200").getJsonObject("content");
  }
}
