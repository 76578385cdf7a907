package io.tongxing.server.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's answer: the colour, the rule (id and rule-set version) that decided it, every rule
 * that applies, and the first day the code can turn green ({@code null} when green already, or when
 * only a release by the authority can end it — see {@link #awaitsRelease()}).
 */
public record ColourDecision(Colour colour, String ruleId, int ruleVersion, List<Finding> findings, LocalDate today,
                             LocalDate greenFrom) {

  public ColourDecision {
    findings = List.copyOf(findings);
  }

  public boolean awaitsRelease() {
    return colour != Colour.GREEN && greenFrom == null;
  }

  /** Language-neutral; stored in {@code colour_states.explanation} and rendered per language on request. */
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    findings.forEach(f -> list.add(f.toJson()));
    return new JsonObject()
      .put("colour", colour.name())
      .put("ruleId", ruleId)
      .put("ruleVersion", ruleVersion)
      .put("today", today.toString())
      .put("greenFrom", greenFrom == null ? null : greenFrom.toString())
      .put("findings", list);
  }

  public static ColourDecision fromJson(JsonObject json) {
    List<Finding> findings = new ArrayList<>();
    json.getJsonArray("findings").forEach(f -> findings.add(Finding.fromJson((JsonObject) f)));
    String green = json.getString("greenFrom");
    return new ColourDecision(Colour.valueOf(json.getString("colour")), json.getString("ruleId"),
      json.getInteger("ruleVersion"), findings, LocalDate.parse(json.getString("today")),
      green == null ? null : LocalDate.parse(green));
  }
}
