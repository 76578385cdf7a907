package io.tongxing.server.rules;

import io.tongxing.server.http.Messages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a {@link ColourDecision} as "why is my code this colour?" in zh-CN or English: to the resident
 * ("您的健康码为红码…"), or to staff about the resident ("该居民的健康码为红码…").
 */
public final class Explanations {

  /** Who reads the explanation: its texts are {@code explain.*} or {@code explainStaff.*}. */
  public enum Reader {
    RESIDENT("explain."), STAFF("explainStaff.");

    private final String prefix;

    Reader(String prefix) {
      this.prefix = prefix;
    }
  }

  private Explanations() {
  }

  public static JsonObject render(ColourDecision decision, Locale locale, Function<String, String> countyNames) {
    return render(decision, locale, countyNames, Reader.RESIDENT);
  }

  public static JsonObject render(ColourDecision decision, Locale locale, Function<String, String> countyNames, Reader reader) {
    String colour = Messages.text(locale, "colour." + decision.colour());
    String summary;
    if (decision.colour() == Colour.GREEN) {
      summary = Messages.text(locale, reader.prefix + "summary.green");
    } else if (decision.awaitsRelease()) {
      summary = Messages.text(locale, reader.prefix + "summary.awaitsRelease", colour);
    } else {
      summary = Messages.text(locale, reader.prefix + "summary.greenFrom", colour, decision.greenFrom().toString());
    }
    JsonArray findings = new JsonArray();
    for (Finding finding : decision.findings()) {
      findings.add(finding.toJson().put("text", findingText(finding, locale, countyNames, reader)));
    }
    return new JsonObject()
      .put("colour", decision.colour().name())
      .put("ruleId", decision.ruleId())
      .put("ruleVersion", decision.ruleVersion())
      .put("language", Messages.languageTag(locale))
      .put("summary", summary)
      .put("greenFrom", decision.greenFrom() == null ? null : decision.greenFrom().toString())
      .put("awaitsRelease", decision.awaitsRelease())
      .put("findings", findings);
  }

  static String findingText(Finding finding, Locale locale, Function<String, String> countyNames) {
    return findingText(finding, locale, countyNames, Reader.RESIDENT);
  }

  static String findingText(Finding finding, Locale locale, Function<String, String> countyNames, Reader reader) {
    JsonObject facts = finding.facts();
    JsonObject parameters = finding.parameters();
    String colour = Messages.text(locale, "colour." + finding.colour());
    String key = reader.prefix + "rule." + finding.rule().id();
    switch (finding.rule()) {
      case CASE_UNDER_TREATMENT:
        return Messages.text(locale, key, flag(locale, facts), facts.getString("since"), colour);
      case CLOSE_CONTACT:
      case SECONDARY_CONTACT:
      case RELEASED_HOME_OBSERVATION:
        return Messages.text(locale, key, facts.getString("since"), colour, parameters.getInteger("recoveryDays"),
          facts.getInteger("consecutiveNormalDays"), finding.greenFrom().toString());
      case HIGH_RISK_TRAVEL:
      case MEDIUM_RISK_TRAVEL: {
        String county = facts.getString("county");
        String name = countyNames.apply(county);
        String place = name == null ? county : name + " (" + county + ")";
        return Messages.text(locale, key, place, facts.getString("visitedOn"),
          Messages.text(locale, "riskLevel." + facts.getString("riskLevel")), colour, parameters.getInteger("windowDays"),
          parameters.getInteger("recoveryDays"), finding.greenFrom().toString());
      }
      case SYMPTOMS_AT_CHECK_IN: {
        String symptoms = facts.getJsonArray("symptoms").stream()
          .map(s -> Messages.text(locale, "symptom." + s))
          .collect(Collectors.joining(Messages.text(locale, "list.separator")));
        return Messages.text(locale, key, facts.getString("day"), String.valueOf(facts.getDouble("temperature")),
          symptoms.isEmpty() ? Messages.text(locale, "symptom.NONE") : symptoms, colour,
          parameters.getInteger("recoveryDays"), facts.getInteger("consecutiveNormalDays"), finding.greenFrom().toString());
      }
      default:
        throw new IllegalStateException("no text for " + finding.rule());
    }
  }

  private static String flag(Locale locale, JsonObject facts) {
    return Messages.text(locale, "flag." + facts.getString("flag"));
  }
}
