package io.tongxing.server.checkin;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.JsonBodies;
import io.tongxing.server.rules.Symptom;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's {@code CheckIn} schema (docs/openapi.yaml), checked by hand for
 * {@code POST /me/check-ins}. The generic JSON Schema validator cost about a fifth of the server's CPU
 * per check-in (docs/benchmarks.md); this costs about a microsecond. The contract stays the one
 * description of the body: {@code CheckInShapeTest} runs the contract's own validator beside this
 * class on valid check-ins and on each way a keyword can be broken, and requires the same verdict and
 * the same field. What the schema cannot say (visit dates within 14 days, NONE alone) is checked by
 * {@link CheckIns} as before.
 */
public final class CheckInShape {

  private static final Set<String> FIELDS = Set.of("temperature", "symptoms", "visits");
  private static final Set<String> VISIT_FIELDS = Set.of("countyCode", "date");
  private static final Set<String> SYMPTOMS = symptoms();
  private static final BigDecimal LOWEST = new BigDecimal("34.0");
  private static final BigDecimal HIGHEST = new BigDecimal("43.0");
  private static final int MAX_SYMPTOMS = 9;
  private static final int MAX_VISITS = 50;
  private static final Pattern COUNTY = Pattern.compile("^[0-9]{6}$");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private CheckInShape() {
  }

  /** The check-in, parsed from the request body and of the contract's shape; else the refusal. */
  public static JsonObject read(String contentType, Buffer body) {
    return JsonBodies.checked(contentType, body, CheckInShape::check);
  }

  /** Refuses anything the schema refuses, naming the deepest field, as the router's validation does. */
  static void check(Object value) {
    if (!(value instanceof JsonObject checkIn)) {
      throw refused("body", "type", "not an object");
    }
    for (String name : checkIn.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw refused(name, "additionalProperties", "unknown property");
      }
    }
    for (String name : new String[] {"temperature", "symptoms"}) {
      if (!checkIn.containsKey(name)) {
        throw refused(name, "required", "missing");
      }
    }
    temperature(checkIn.getValue("temperature"));
    symptoms(checkIn.getValue("symptoms"));
    if (checkIn.containsKey("visits")) {
      visits(checkIn.getValue("visits"));
    }
  }

  private static void temperature(Object value) {
    if (!(value instanceof Number number) || value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      throw refused("temperature", "type", "not a number");
    }
    BigDecimal degrees = new BigDecimal(number.toString());
    if (degrees.compareTo(LOWEST) < 0) {
      throw refused("temperature", "minimum", "below " + LOWEST);
    }
    if (degrees.compareTo(HIGHEST) > 0) {
      throw refused("temperature", "maximum", "above " + HIGHEST);
    }
  }

  private static void symptoms(Object value) {
    if (!(value instanceof JsonArray symptoms)) {
      throw refused("symptoms", "type", "not an array");
    }
    if (symptoms.isEmpty() || symptoms.size() > MAX_SYMPTOMS) {
      throw refused("symptoms", symptoms.isEmpty() ? "minItems" : "maxItems", "1 to " + MAX_SYMPTOMS + " symptoms");
    }
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < symptoms.size(); i++) {
      Object symptom = symptoms.getValue(i);
      if (!(symptom instanceof String name)) {
        throw refused("symptoms[" + i + "]", "type", "not a string");
      }
      if (!SYMPTOMS.contains(name)) {
        throw refused("symptoms[" + i + "]", "enum", "not one of " + SYMPTOMS);
      }
      if (!seen.add(name)) {
        throw refused("symptoms", "uniqueItems", "a symptom twice");
      }
    }
  }

  private static void visits(Object value) {
    if (!(value instanceof JsonArray visits)) {
      throw refused("visits", "type", "not an array");
    }
    if (visits.size() > MAX_VISITS) {
      throw refused("visits", "maxItems", "more than " + MAX_VISITS + " visits");
    }
    for (int i = 0; i < visits.size(); i++) {
      String at = "visits[" + i + "]";
      if (!(visits.getValue(i) instanceof JsonObject visit)) {
        throw refused(at, "type", "not an object");
      }
      for (String name : visit.fieldNames()) {
        if (!VISIT_FIELDS.contains(name)) {
          throw refused(at + "." + name, "additionalProperties", "unknown property");
        }
      }
      for (String name : new String[] {"countyCode", "date"}) {
        if (!visit.containsKey(name)) {
          throw refused(at + "." + name, "required", "missing");
        }
      }
      if (!(visit.getValue("countyCode") instanceof String county)) {
        throw refused(at + ".countyCode", "type", "not a string");
      }
      if (county.codePointCount(0, county.length()) != 6) {
        throw refused(at + ".countyCode", county.length() < 6 ? "minLength" : "maxLength", "not six characters");
      }
      if (!COUNTY.matcher(county).find()) {
        throw refused(at + ".countyCode", "pattern", "not six digits");
      }
      if (!(visit.getValue("date") instanceof String date)) {
        throw refused(at + ".date", "type", "not a string");
      }
      if (date.codePointCount(0, date.length()) > 10) {
        throw refused(at + ".date", "maxLength", "longer than 10");
      }
      if (!isDate(date)) {
        throw refused(at + ".date", "format", "not an RFC 3339 full-date");
      }
    }
  }

  /** The contract's {@code format: date}: yyyy-mm-dd, a real day. */
  private static boolean isDate(String text) {
    if (!DATE.matcher(text).matches()) {
      return false;
    }
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Set<String> symptoms() {
    Set<String> names = new HashSet<>();
    for (Symptom symptom : Symptom.values()) {
      names.add(symptom.name());
    }
    return Set.copyOf(names);
  }

  private static ApiException refused(String field, String keyword, String reason) {
    return JsonBodies.refused(field, keyword, reason);
  }
}
