package io.tongxing.server.http;

import io.tongxing.server.checkpoint.ScanBatchShape;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ScanBatchShape} checks scan-record uploads in place of the contract's generic validator.
 * This test keeps it honest: the contract's own validator (as the router runs it) judges each batch
 * beside it — valid ones, and one broken in each way a schema keyword can break it — and both must
 * accept the same batches and refuse the same ones, naming the same field.
 */
@ExtendWith(VertxExtension.class)
class ScanBatchShapeTest {

  private static ContractVerdicts verdicts;

  @BeforeAll
  static void loadContract(Vertx vertx) throws IOException {
    verdicts = ContractVerdicts.load(vertx);
  }

  static JsonObject record(long sequence) {
    return new JsonObject()
      .put("sequence", sequence)
      .put("scannedAt", "2026-11-22T08:00:00Z")
      .put("checkpoint", "tongzhou-east")
      .put("outcome", "PASS")
      .put("reason", "ACCEPTED")
      .put("kind", "hc")
      .put("issuer", "110000")
      .put("subject", "Fv2Rt7Kc");
  }

  static JsonObject batch(JsonObject... records) {
    JsonArray array = new JsonArray();
    for (JsonObject record : records) {
      array.add(record);
    }
    return new JsonObject().put("records", array);
  }

  /** Each case: a name and the body text. */
  static Map<String, String> cases() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("valid, one record", batch(record(1)).encode());
    cases.put("valid, minimal record", batch(new JsonObject().put("sequence", 7).put("scannedAt", "2026-11-22T08:00:00+08:00")
      .put("checkpoint", "ab").put("outcome", "STOP").put("reason", "REVOKED")).encode());
    JsonObject full = batch();
    for (int i = 1; i <= 500; i++) {
      full.getJsonArray("records").add(record(i));
    }
    cases.put("valid, 500 records", full.encode());
    JsonObject tooMany = full.copy();
    tooMany.getJsonArray("records").add(record(501));
    cases.put("501 records", tooMany.encode());
    cases.put("no records", "{\"records\":[]}");
    cases.put("records not an array", "{\"records\":{}}");
    cases.put("records missing", "{}");
    cases.put("unknown top-level field", batch(record(1)).put("more", 1).encode());
    cases.put("body an array", "[]");
    cases.put("body a string", "\"records\"");
    cases.put("record not an object", "{\"records\":[1]}");
    cases.put("record null", "{\"records\":[null]}");
    cases.put("second record broken", batch(record(1), record(2).put("outcome", "MAYBE")).encode());

    Map<String, List<Object>> wrong = new LinkedHashMap<>();
    wrong.put("sequence", List.of(0, -1, 1.5, "1", 9_007_199_254_740_992L, new JsonArray(), true));
    wrong.put("scannedAt", List.of(12, "x".repeat(41), new JsonObject(), "x", "2026-11-22", "2026-13-01T00:00:00Z",
      "0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
      "2026-11-22 08:00:00Z", "2026-11-22t08:00:00z", "2026-11-22T08:00:00", "2026-11-22T08:00:00.123456+08:00",
      "2026-11-22T08:00:00+0800", "2026-11-22T23:59:60Z", "2026-02-30T08:00:00Z", "2026-11-22T24:00:00Z",
      "2026-11-22T08:00:00+08", " 2026-11-22T08:00:00Z"));
    wrong.put("checkpoint", List.of("a", "A-b", "-ab", "ab-", "x".repeat(65), 5, "ab cd"));
    wrong.put("outcome", List.of("pass", "", 1));
    wrong.put("reason", List.of("accepted", "1ABC", "A".repeat(41), 3, ""));
    wrong.put("kind", List.of("HC", "xx", 0));
    wrong.put("issuer", List.of("010000", "11000", "1100000", 110000, "910000"));
    wrong.put("subject", List.of("", "x".repeat(33), "a+b", "a/b", 7, "名字"));
    wrong.forEach((field, values) -> {
      for (Object value : values) {
        cases.put(field + " = " + abbreviate(String.valueOf(value)), batch(record(1).put(field, value)).encode());
      }
      cases.put(field + " = null", batch(record(1).putNull(field)).encode());
      cases.put("without " + field, batch(removed(record(1), field)).encode());
    });
    cases.put("sequence = 1.0 (an integer to JSON Schema)", batch(record(1)).encode().replace("\"sequence\":1,", "\"sequence\":1.0,"));
    cases.put("sequence = 2^53 - 1", batch(record(9_007_199_254_740_991L)).encode());
    cases.put("sequence = 1e30", batch(record(1)).encode().replace("\"sequence\":1,", "\"sequence\":1e30,"));
    cases.put("unknown record field", batch(record(1).put("name", "王小明")).encode());
    return cases;
  }

  private static JsonObject removed(JsonObject record, String field) {
    record.remove(field);
    return record;
  }

  private static String abbreviate(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…" : text;
  }

  @TestFactory
  List<DynamicTest> theHandWrittenCheckAgreesWithTheContract() {
    return verdicts.agreement("uploadScanRecords", cases(), buffer -> ScanBatchShape.read("application/json", buffer));
  }

  @Test
  void theCasesIncludeBothVerdicts() {
    long accepted = cases().values().stream().filter(body -> shapeVerdict(body).equals("accepted")).count();
    assertTrue(accepted >= 4 && accepted < cases().size() - 50, "accepted " + accepted + " of " + cases().size());
  }

  private static String shapeVerdict(String body) {
    return ContractVerdicts.shape(buffer -> ScanBatchShape.read("application/json", buffer), body);
  }
}
