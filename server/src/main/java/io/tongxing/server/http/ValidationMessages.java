package io.tongxing.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * What is wrong with a refused field, in the caller's language and in a person's words ("至少 10 个字符",
 * "must be at least 10 characters"), from the contract's keyword and limit: never the validator's
 * English schema text. Each violation gets its {@code message}; the answer's message is that of the
 * field {@code details.field} names; a violation that broke one of the contract's rules for text and
 * times ({@link BrokenRule}) says which ("不能包含换行或控制字符", "年份须在 2000–2099 之间"). The field's own
 * name is left to the client, which knows the words its form uses for it (the console: the field's label).
 */
final class ValidationMessages {

  private ValidationMessages() {
  }

  /** The answer's message; {@code details}' violations get theirs on the way. */
  static String describe(Locale locale, JsonObject details, String fallback) {
    JsonArray violations = details.getJsonArray("violations");
    if (violations == null || violations.isEmpty()) {
      return fallback;
    }
    String field = details.getString("field");
    String message = null;
    int best = Integer.MAX_VALUE;
    for (Object item : violations) {
      JsonObject violation = (JsonObject) item;
      String keyword = violation.getString("keyword", "");
      String rule = violation.getString("rule");
      String text = rule != null ? rule(locale, rule) : of(locale, keyword, violation.getValue("limit"));
      violation.put("message", text);
      // a broken rule says most ("不能包含换行或控制字符" rather than "格式不正确")
      int rank = rule != null ? -1 : CONTAINERS.contains(keyword) ? 2 : "additionalProperties".equals(keyword) ? 1 : 0;
      if (violation.getString("field", "").equals(field) && rank < best) {
        message = text;
        best = rank;
      }
    }
    return message == null ? violations.getJsonObject(0).getString("message") : message;
  }

  /**
   * Keywords that only say a part of the value failed ("does not match schema"); the validator reports
   * them beside the one that says how. additionalProperties ranks between: it comes along for a
   * declared property that failed, and alone for one the request may not carry at all.
   */
  private static final java.util.Set<String> CONTAINERS = java.util.Set.of("properties", "$ref", "items", "prefixItems",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems");

  /** The words for a {@link BrokenRule}: an empty field is simply required. */
  static String rule(Locale locale, String rule) {
    return Messages.text(locale, BrokenRule.EMPTY.rule.equals(rule) ? "validation.required" : "validation.rule." + rule);
  }

  static String of(Locale locale, String keyword, Object limit) {
    if ("minLength".equals(keyword) && limit instanceof Number && ((Number) limit).longValue() == 1) {
      return Messages.text(locale, "validation.required"); // "at least 1 character" is how a schema says "fill it in"
    }
    String key = "validation." + keyword;
    String text = limit == null ? Messages.text(locale, key) : Messages.text(locale, key, limit);
    return text.equals(key) ? Messages.text(locale, "validation.other") : text;
  }
}
