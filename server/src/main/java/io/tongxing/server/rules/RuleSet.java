package io.tongxing.server.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One version of the colour rules' parameters: what counts as a normal check-in, and for each rule
 * whether it is on, the colour it gives, and its day counts. Stored as JSON in {@code rule_sets}.
 */
public final class RuleSet {

  public record Parameters(boolean enabled, Colour colour, int recoveryDays, int windowDays) {

    JsonObject toJson(RuleId rule) {
      JsonObject json = new JsonObject().put("enabled", enabled).put("colour", colour.name());
      if (rule != RuleId.CASE_UNDER_TREATMENT) {
        json.put("recoveryDays", recoveryDays);
      }
      if (rule == RuleId.HIGH_RISK_TRAVEL || rule == RuleId.MEDIUM_RISK_TRAVEL) {
        json.put("windowDays", windowDays);
      }
      return json;
    }
  }

  private final int version;
  private final BigDecimal feverThreshold;
  private final Set<Symptom> abnormalSymptoms;
  private final Map<RuleId, Parameters> rules;

  public RuleSet(int version, BigDecimal feverThreshold, Set<Symptom> abnormalSymptoms, Map<RuleId, Parameters> rules) {
    if (!rules.keySet().containsAll(EnumSet.allOf(RuleId.class))) {
      throw new IllegalArgumentException("a rule set names every rule");
    }
    this.version = version;
    this.feverThreshold = feverThreshold;
    this.abnormalSymptoms = Collections.unmodifiableSet(EnumSet.copyOf(abnormalSymptoms));
    this.rules = Collections.unmodifiableMap(new EnumMap<>(rules));
  }

  /** The defaults of architecture.md § Domain rules, shipped as {@code rules/default-rules.json}. */
  public static JsonObject defaultDefinition() {
    try (InputStream in = RuleSet.class.getResourceAsStream("/rules/default-rules.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a definition that passed the contract's schema; throws IllegalArgumentException otherwise. */
  public static RuleSet fromJson(int version, JsonObject definition) {
    JsonObject normal = definition.getJsonObject("normalCheckIn");
    JsonObject rulesJson = definition.getJsonObject("rules");
    if (normal == null || rulesJson == null) {
      throw new IllegalArgumentException("rule set needs normalCheckIn and rules");
    }
    Set<Symptom> abnormal = EnumSet.noneOf(Symptom.class);
    for (Object symptom : normal.getJsonArray("abnormalSymptoms", new JsonArray())) {
      abnormal.add(Symptom.valueOf(String.valueOf(symptom)));
    }
    abnormal.remove(Symptom.NONE);
    Map<RuleId, Parameters> rules = new EnumMap<>(RuleId.class);
    for (RuleId rule : RuleId.values()) {
      JsonObject p = rulesJson.getJsonObject(rule.id());
      if (p == null) {
        throw new IllegalArgumentException("rule set lacks " + rule.id());
      }
      Colour colour = Colour.valueOf(p.getString("colour"));
      if (colour == Colour.GREEN) {
        throw new IllegalArgumentException(rule.id() + " cannot give GREEN");
      }
      rules.put(rule, new Parameters(p.getBoolean("enabled", true), colour, p.getInteger("recoveryDays", 0),
        p.getInteger("windowDays", 0)));
    }
    return new RuleSet(version, new BigDecimal(String.valueOf(normal.getValue("feverThresholdCelsius"))), abnormal, rules);
  }

  public JsonObject toJson() {
    JsonArray abnormal = new JsonArray();
    abnormalSymptoms.forEach(s -> abnormal.add(s.name()));
    JsonObject rulesJson = new JsonObject();
    rules.forEach((rule, p) -> rulesJson.put(rule.id(), p.toJson(rule)));
    return new JsonObject()
      .put("normalCheckIn", new JsonObject()
        .put("feverThresholdCelsius", feverThreshold.doubleValue())
        .put("abnormalSymptoms", abnormal))
      .put("rules", rulesJson);
  }

  public int version() {
    return version;
  }

  public Parameters parameters(RuleId rule) {
    return rules.get(rule);
  }

  /** A check-in is normal when the temperature is below the fever threshold and no listed symptom is reported. */
  public boolean isNormal(Facts.CheckIn checkIn) {
    return checkIn.temperature().compareTo(feverThreshold) < 0
      && checkIn.symptoms().stream().noneMatch(abnormalSymptoms::contains);
  }

  public BigDecimal feverThreshold() {
    return feverThreshold;
  }
}
