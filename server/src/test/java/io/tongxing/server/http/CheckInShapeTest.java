package io.tongxing.server.http;

import io.tongxing.server.checkin.CheckInShape;
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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CheckInShape} checks check-ins in place of the contract's generic validator. The contract's
 * own validator judges each body beside it — valid check-ins, and one broken in each way a schema
 * keyword can break it — and both must accept the same bodies and refuse the same ones, naming the
 * same field.
 */
@ExtendWith(VertxExtension.class)
class CheckInShapeTest {

  private static ContractVerdicts verdicts;

  @BeforeAll
  static void loadContract(Vertx vertx) throws IOException {
    verdicts = ContractVerdicts.load(vertx);
  }

  private static JsonObject checkIn() {
    return new JsonObject().put("temperature", 36.6).put("symptoms", new JsonArray().add("NONE"));
  }

  private static JsonObject visit() {
    return new JsonObject().put("countyCode", "110105").put("date", "2026-03-14");
  }

  private static JsonObject withVisits(Object... visits) {
    JsonArray array = new JsonArray();
    for (Object visit : visits) {
      array.add(visit);
    }
    return checkIn().put("visits", array);
  }

  /** Each case: a name and the body text. */
  static Map<String, String> cases() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("valid, no symptoms", checkIn().encode());
    cases.put("valid, integer temperature", checkIn().put("temperature", 37).encode());
    cases.put("valid, edges 34.0", checkIn().put("temperature", 34.0).encode());
    cases.put("valid, edges 43.0", checkIn().put("temperature", 43.0).encode());
    cases.put("valid, symptoms and visits", checkIn().put("temperature", 38.2)
      .put("symptoms", new JsonArray().add("FEVER").add("COUGH")).put("visits", new JsonArray().add(visit())
        .add(visit().put("countyCode", "131082"))).encode());
    cases.put("valid, empty visits", withVisits().encode());
    cases.put("valid, NONE with FEVER (refused later, by CheckIns)", checkIn().put("symptoms", new JsonArray().add("NONE")
      .add("FEVER")).encode());
    JsonArray nine = new JsonArray();
    List.of("FEVER", "COUGH", "SORE_THROAT", "SHORTNESS_OF_BREATH", "FATIGUE", "MUSCLE_ACHE", "LOSS_OF_SMELL_OR_TASTE",
      "DIARRHEA", "NONE").forEach(nine::add);
    cases.put("valid, nine symptoms", checkIn().put("symptoms", nine).encode());
    cases.put("ten symptoms", checkIn().put("symptoms", nine.copy().add("FEVER")).encode());
    JsonArray fifty = new JsonArray();
    for (int i = 0; i < 50; i++) {
      fifty.add(visit());
    }
    cases.put("valid, fifty visits", checkIn().put("visits", fifty).encode());
    cases.put("fifty-one visits", checkIn().put("visits", fifty.copy().add(visit())).encode());

    cases.put("body an array", "[]");
    cases.put("body a number", "36.6");
    cases.put("empty object", "{}");
    cases.put("unknown field", checkIn().put("name", "王小明").encode());
    cases.put("without temperature", removed(checkIn(), "temperature").encode());
    cases.put("without symptoms", removed(checkIn(), "symptoms").encode());
    for (Object temperature : List.of(33.9, 43.1, -1, 100, "36.6", true, new JsonArray())) {
      cases.put("temperature = " + temperature, checkIn().put("temperature", temperature).encode());
    }
    cases.put("temperature = null", checkIn().putNull("temperature").encode());
    cases.put("temperature = 1e3", checkIn().encode().replace("36.6", "1e3"));
    cases.put("temperature = 3.65e1", checkIn().encode().replace("36.6", "3.65e1"));
    for (Object symptoms : List.of(new JsonArray(), new JsonArray().add("fever"), new JsonArray().add("HEADACHE"),
      new JsonArray().add(1), new JsonArray().add("FEVER").add("FEVER"), "FEVER", new JsonObject(),
      new JsonArray().addNull())) {
      cases.put("symptoms = " + symptoms, checkIn().put("symptoms", symptoms).encode());
    }
    cases.put("symptoms = null", checkIn().putNull("symptoms").encode());
    cases.put("visits = {}", checkIn().put("visits", new JsonObject()).encode());
    cases.put("visits = null", checkIn().putNull("visits").encode());
    cases.put("visit not an object", withVisits("110105").encode());
    cases.put("visit null", withVisits((Object) null).encode());
    cases.put("second visit broken", withVisits(visit(), visit().put("countyCode", "11010")).encode());
    cases.put("visit with an unknown field", withVisits(visit().put("county", "x")).encode());
    cases.put("visit without countyCode", withVisits(removed(visit(), "countyCode")).encode());
    cases.put("visit without date", withVisits(removed(visit(), "date")).encode());
    for (Object county : List.of("11010", "1101050", "11010a", "１１０１０５", 110105, "")) {
      cases.put("countyCode = " + county, withVisits(visit().put("countyCode", county)).encode());
    }
    cases.put("countyCode = null", withVisits(visit().putNull("countyCode")).encode());
    for (Object date : List.of("2026-3-14", "2026-03-14T00:00:00Z", "2026-02-30", "2026-13-01", "20260314", "yesterday",
      "2026-03-14 ", 20260314, "")) {
      cases.put("date = '" + date + "'", withVisits(visit().put("date", date)).encode());
    }
    cases.put("date = null", withVisits(visit().putNull("date")).encode());
    return cases;
  }

  private static JsonObject removed(JsonObject object, String field) {
    object.remove(field);
    return object;
  }

  @TestFactory
  List<DynamicTest> theHandWrittenCheckAgreesWithTheContract() {
    return verdicts.agreement("submitCheckIn", cases(), buffer -> CheckInShape.read("application/json", buffer));
  }

  @Test
  void theCasesIncludeBothVerdicts() {
    long accepted = cases().values().stream().filter(body -> shapeVerdict(body).equals("accepted")).count();
    assertTrue(accepted >= 8 && accepted < cases().size() - 40, "accepted " + accepted + " of " + cases().size());
  }

  private static String shapeVerdict(String body) {
    return ContractVerdicts.shape(buffer -> CheckInShape.read("application/json", buffer), body);
  }
}
