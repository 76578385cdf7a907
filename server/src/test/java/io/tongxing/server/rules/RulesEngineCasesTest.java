package io.tongxing.server.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Drives the rules engine with the case table in src/test/resources/rules/cases.json. */
class RulesEngineCasesTest {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = RulesEngineCasesTest.class.getResourceAsStream("/rules/cases.json")) {
      JsonArray cases = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("cases");
      return cases.stream().map(c -> Arguments.of(((JsonObject) c).getString("name"), c));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesTheExpectedColour(String name, JsonObject testCase) {
    ColourDecision decision = RulesEngine.decide(facts(testCase), rules(testCase),
      Clock.fixed(OffsetDateTime.parse(testCase.getString("now")).toInstant(), BEIJING), BEIJING);

    JsonObject expect = testCase.getJsonObject("expect");
    assertEquals(expect.getString("colour"), decision.colour().name(), name);
    assertEquals(expect.getString("rule"), decision.ruleId(), name);
    assertEquals(1, decision.ruleVersion(), name);
    assertEquals(expect.getString("greenFrom"), decision.greenFrom() == null ? null : decision.greenFrom().toString(), name);
    List<String> findings = decision.findings().stream().map(f -> f.rule().id()).sorted().toList();
    assertEquals(expect.getJsonArray("findings").stream().map(String::valueOf).sorted().toList(), findings, name);
  }

  private static RuleSet rules(JsonObject testCase) {
    JsonObject definition = RuleSet.defaultDefinition();
    JsonObject overrides = testCase.getJsonObject("rules", new JsonObject());
    overrides.forEach(e -> definition.getJsonObject("rules").getJsonObject(e.getKey()).mergeIn((JsonObject) e.getValue()));
    return RuleSet.fromJson(1, definition);
  }

  private static Facts facts(JsonObject testCase) {
    List<Facts.FlagEvent> flags = new ArrayList<>();
    testCase.getJsonArray("flags", new JsonArray()).forEach(o -> {
      JsonObject f = (JsonObject) o;
      flags.add(new Facts.FlagEvent(Flag.valueOf(f.getString("flag")), OffsetDateTime.parse(f.getString("at")).toInstant()));
    });
    Map<LocalDate, Facts.CheckIn> checkIns = new LinkedHashMap<>();
    testCase.getJsonArray("normalDays", new JsonArray()).forEach(o -> {
      JsonObject range = (JsonObject) o;
      for (LocalDate d = LocalDate.parse(range.getString("from")); !d.isAfter(LocalDate.parse(range.getString("to"))); d = d.plusDays(1)) {
        checkIns.put(d, new Facts.CheckIn(d, new BigDecimal("36.5"), Set.of(), List.of()));
      }
    });
    testCase.getJsonArray("checkIns", new JsonArray()).forEach(o -> {
      JsonObject c = (JsonObject) o;
      Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
      c.getJsonArray("symptoms").forEach(s -> symptoms.add(Symptom.valueOf(String.valueOf(s))));
      symptoms.remove(Symptom.NONE);
      List<Facts.Visit> visits = new ArrayList<>();
      c.getJsonArray("visits", new JsonArray()).forEach(v -> visits.add(new Facts.Visit(((JsonObject) v).getString("county"),
        LocalDate.parse(((JsonObject) v).getString("date")))));
      LocalDate day = LocalDate.parse(c.getString("day"));
      checkIns.put(day, new Facts.CheckIn(day, new BigDecimal(String.valueOf(c.getValue("temperature"))), symptoms, visits));
    });
    Map<String, List<Facts.RiskLevelChange>> levels = new HashMap<>();
    testCase.getJsonArray("riskLevels", new JsonArray()).forEach(o -> {
      JsonObject r = (JsonObject) o;
      levels.computeIfAbsent(r.getString("county"), k -> new ArrayList<>()).add(new Facts.RiskLevelChange(
        RiskLevel.valueOf(r.getString("level")), OffsetDateTime.parse(r.getString("from")).toInstant()));
    });
    return new Facts(flags, new ArrayList<>(checkIns.values()), levels);
  }
}
