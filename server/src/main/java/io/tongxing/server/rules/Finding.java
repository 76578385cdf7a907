package io.tongxing.server.rules;

import io.vertx.core.json.JsonObject;

import java.time.LocalDate;

/**
 * One rule that applies to the person: the colour it gives, the facts that triggered it, and the
 * first day the person can be green as far as this rule is concerned, assuming normal daily
 * check-ins from now on ({@code null}: only a release by the authority ends it).
 */
public record Finding(RuleId rule, Colour colour, JsonObject parameters, JsonObject facts, LocalDate greenFrom) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("ruleId", rule.id())
      .put("colour", colour.name())
      .put("parameters", parameters)
      .put("facts", facts)
      .put("greenFrom", greenFrom == null ? null : greenFrom.toString());
  }

  public static Finding fromJson(JsonObject json) {
    String green = json.getString("greenFrom");
    return new Finding(RuleId.of(json.getString("ruleId")).orElseThrow(), Colour.valueOf(json.getString("colour")),
      json.getJsonObject("parameters"), json.getJsonObject("facts"), green == null ? null : LocalDate.parse(green));
  }
}
