package io.tongxing.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the OpenAPI validator's refusals into {@code 400 {code, details.field}} problems. */
final class ValidationProblems {

  // The validator names a refused parameter only in its message, e.g. "... query parameter limit ...".
  private static final Pattern PARAMETER = Pattern.compile("(?:path|query|header|cookie) parameter (\\S+?)[ .,]");

  // A missing property is reported at its parent, with the name only in the message.
  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");

  private ValidationProblems() {
  }

  /** What the request held at a refused place: a body's value by JSON pointer, or a parameter's. */
  @FunctionalInterface
  interface RequestValues {
    RequestValues NONE = (parameter, pointer) -> null;

    /** The value at {@code pointer} ("/visits/0/date") in the body, or of {@code parameter} when not null; null if unknown. */
    Object at(String parameter, String pointer);
  }

  static ApiException from(ValidatorException e) {
    return from(e, RequestValues.NONE);
  }

  /** The refusal, with the rule each value broke where {@code values} knows the value ({@link BrokenRule}). */
  static ApiException from(ValidatorException e, RequestValues values) {
    if (e.type() == ValidatorErrorType.ILLEGAL_VALUE && isBody(e)) {
      return ApiException.invalidField("MALFORMED_JSON", "body");
    }
    if (e instanceof SchemaValidationException) {
      return fromSchema((SchemaValidationException) e, values);
    }
    if (e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER && e.getMessage().contains("body")) {
      return ApiException.invalidField("BODY_REQUIRED", "body");
    }
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && isBody(e)) {
      return new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", new JsonObject().put("field", "Content-Type"), 0);
    }
    return ApiException.invalidField("VALIDATION_FAILED", parameterName(e).orElse("request"));
  }

  private static boolean isBody(ValidatorException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("body") || message.contains("JSON") || message.contains("json");
  }

  private static ApiException fromSchema(SchemaValidationException e, RequestValues values) {
    List<OutputUnit> leaves = new ArrayList<>();
    collectLeaves(e.getOutputUnit(), leaves);
    String parameter = parameterName(e).orElse(null);
    JsonArray violations = new JsonArray();
    String firstField = null;
    for (OutputUnit unit : leaves) {
      String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
      if (location.startsWith("#")) {
        location = location.substring(1);
      }
      Matcher missing = REQUIRED.matcher(unit.getError() == null ? "" : unit.getError());
      if ("required".equals(lastSegment(unit.getKeywordLocation())) && missing.find()) {
        location = (location.endsWith("/") ? location : location + "/") + missing.group(1);
      }
      String field = fieldName(parameter, location);
      // The deepest location is the most precise: "visits[0].date" rather than "visits".
      if (firstField == null || depth(field) > depth(firstField)) {
        firstField = field;
      }
      JsonObject violation = new JsonObject()
        .put("field", field)
        .put("keyword", lastSegment(unit.getKeywordLocation()))
        .put("reason", unit.getError());
      if (BOUNDS.contains(violation.getString("keyword"))) {
        limit(unit.getError()).ifPresent(limit -> violation.put("limit", limit));
      }
      BrokenRule.of(unit.getAbsoluteKeywordLocation(), violation.getString("keyword"), values.at(parameter, location))
        .ifPresent(broken -> violation.put("rule", broken.rule));
      violations.add(violation);
    }
    if (firstField == null) {
      firstField = parameter == null ? "body" : parameter;
    }
    JsonObject details = new JsonObject().put("field", firstField).put("violations", dedupe(violations));
    String code = e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER ? "BODY_REQUIRED" : "VALIDATION_FAILED";
    return new ApiException(400, code, details, 0);
  }

  private static final java.util.Set<String> BOUNDS = java.util.Set.of("minLength", "maxLength", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "minProperties", "maxProperties");

  // The bound a length, size or range check names last: "String is too short (3 < 10)", "5 is less than 34".
  private static final Pattern LAST_NUMBER = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\D*$");

  /** The limit a refusal names (10 in "String is too short (3 < 10)"), for a message in the person's words. */
  static java.util.Optional<Number> limit(String error) {
    Matcher number = LAST_NUMBER.matcher(error == null ? "" : error);
    if (!number.find()) {
      return java.util.Optional.empty();
    }
    double value = Double.parseDouble(number.group(1));
    return java.util.Optional.of(value == Math.rint(value) ? (Number) (long) value : (Number) value);
  }

  private static int depth(String field) {
    if (field.isEmpty() || field.equals("body")) {
      return -1;
    }
    return (int) field.chars().filter(c -> c == '.' || c == '[').count();
  }

  /**
   * Keywords that only apply other schemas: their failure says "a subschema had errors" of a field whose
   * own keyword (pattern, maxLength ...) is reported too. vertx-json-schema even reports
   * additionalProperties for a declared property whose value failed.
   */
  private static final java.util.Set<String> APPLICATORS = java.util.Set.of("properties", "$ref", "allOf", "anyOf", "oneOf",
    "items", "prefixItems", "additionalProperties", "unevaluatedProperties", "patternProperties");

  /**
   * Each violation once, and of a field that broke a keyword of its own, only that: not the applicators
   * around it, which would tell a caller that a declared field "is not something this form accepts".
   */
  private static JsonArray dedupe(JsonArray violations) {
    java.util.Set<String> fieldsWithOwnKeyword = new java.util.HashSet<>();
    violations.forEach(v -> {
      JsonObject violation = (JsonObject) v;
      if (!APPLICATORS.contains(violation.getString("keyword"))) {
        fieldsWithOwnKeyword.add(violation.getString("field"));
      }
    });
    JsonArray unique = new JsonArray();
    violations.forEach(v -> {
      JsonObject violation = (JsonObject) v;
      boolean wrapper = APPLICATORS.contains(violation.getString("keyword"))
        && fieldsWithOwnKeyword.contains(violation.getString("field"));
      if (!wrapper && !unique.contains(v)) {
        unique.add(v);
      }
    });
    return unique;
  }

  private static void collectLeaves(OutputUnit unit, List<OutputUnit> leaves) {
    if (unit == null) {
      return;
    }
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      if (unit.getError() != null) {
        leaves.add(unit);
      }
      return;
    }
    errors.forEach(child -> collectLeaves(child, leaves));
  }

  /** "/checkIn/visits/0/countyCode" → "checkIn.visits[0].countyCode"; the root is the parameter or "body". */
  static String fieldName(String parameter, String instanceLocation) {
    String root = parameter == null ? "body" : parameter;
    if (instanceLocation == null || instanceLocation.isEmpty() || instanceLocation.equals("/")) {
      return root;
    }
    StringBuilder field = new StringBuilder(parameter == null ? "" : parameter);
    for (String segment : instanceLocation.substring(1).split("/")) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        field.append('[').append(name).append(']');
      } else {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(name);
      }
    }
    return field.toString();
  }

  private static java.util.Optional<String> parameterName(ValidatorException e) {
    if (e.getMessage() == null) {
      return java.util.Optional.empty();
    }
    Matcher matcher = PARAMETER.matcher(e.getMessage() + " ");
    return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
  }

  private static String lastSegment(String keywordLocation) {
    if (keywordLocation == null) {
      return "";
    }
    int slash = keywordLocation.lastIndexOf('/');
    return slash < 0 ? keywordLocation : keywordLocation.substring(slash + 1);
  }
}
