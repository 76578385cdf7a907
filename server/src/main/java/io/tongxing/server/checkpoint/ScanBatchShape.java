package io.tongxing.server.checkpoint;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.http.JsonBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's {@code ScanBatch} schema (docs/openapi.yaml), checked by hand. A batch holds up to
 * 500 records, and the generic JSON Schema validator spent two thirds of the server's time on them
 * (about 100 µs a record); this check costs a microsecond or two. The contract stays the single
 * description of the body: {@code ScanBatchShapeTest} runs the contract's own validator beside this
 * class on valid batches and on every kind of broken record, and requires the same verdict and the
 * same field. Refusals have the shape the router's validation gives ({@code VALIDATION_FAILED} with
 * {@code details.field}).
 */
public final class ScanBatchShape {

  static final int MAX_RECORDS = 500;
  private static final long MAX_SEQUENCE = 9_007_199_254_740_991L;
  private static final Set<String> FIELDS = Set.of("sequence", "scannedAt", "checkpoint", "outcome", "reason", "kind",
    "issuer", "subject");
  private static final List<String> REQUIRED = List.of("sequence", "scannedAt", "checkpoint", "outcome", "reason");
  private static final Set<String> OUTCOMES = Set.of("PASS", "STOP", "REVIEW");
  private static final Set<String> KINDS = Set.of("hc", "cp", "pc");
  private static final Pattern CHECKPOINT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$");
  private static final Pattern REASON = Pattern.compile("^[A-Z][A-Z0-9_]{0,39}$");
  private static final Pattern REGION = Pattern.compile("^[1-8][0-9]{5}$");
  private static final Pattern DATE_TIME = Pattern.compile(
    "[0-9]{4}-[0-1][0-9]-[0-3][0-9][Tt\\s](?:[0-2][0-9]:[0-5][0-9]:[0-5][0-9]|23:59:60)(?:\\.[0-9]+)?(?:[Zz]?|[+-][0-9]{2}(?::?[0-9]{2})?)");
  private static final Pattern PSEUDONYM = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

  private ScanBatchShape() {
  }

  /** The batch, parsed from the request body and of the contract's shape; else the refusal. */
  public static JsonObject read(String contentType, Buffer body) {
    return JsonBodies.checked(contentType, body, ScanBatchShape::check);
  }

  /** Refuses anything the schema refuses, naming the deepest field, as the router's validation does. */
  static void check(Object batch) {
    if (!(batch instanceof JsonObject body)) {
      throw refused("body", "type", "not an object");
    }
    for (String name : body.fieldNames()) {
      if (!name.equals("records")) {
        throw refused(name, "additionalProperties", "unknown property");
      }
    }
    if (!body.containsKey("records")) {
      throw refused("records", "required", "missing");
    }
    if (!(body.getValue("records") instanceof JsonArray records)) {
      throw refused("records", "type", "not an array");
    }
    if (records.isEmpty() || records.size() > MAX_RECORDS) {
      throw refused("records", records.isEmpty() ? "minItems" : "maxItems", "1 to " + MAX_RECORDS + " records");
    }
    for (int i = 0; i < records.size(); i++) {
      record(records.getValue(i), "records[" + i + "]");
    }
  }

  private static void record(Object value, String at) {
    if (!(value instanceof JsonObject record)) {
      throw refused(at, "type", "not an object");
    }
    for (String name : record.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw refused(at + "." + name, "additionalProperties", "unknown property");
      }
    }
    for (String name : REQUIRED) {
      if (!record.containsKey(name)) {
        throw refused(at + "." + name, "required", "missing");
      }
    }
    Object sequence = record.getValue("sequence");
    if (!isInteger(sequence)) {
      throw refused(at + ".sequence", "type", "not an integer");
    }
    BigDecimal number = new BigDecimal(sequence.toString());
    if (number.compareTo(BigDecimal.ONE) < 0 || number.compareTo(BigDecimal.valueOf(MAX_SEQUENCE)) > 0) {
      throw refused(at + ".sequence", number.signum() < 1 ? "minimum" : "maximum", "out of range");
    }
    string(record, "scannedAt", at, InputBounds.YEARS, 40, null);
    if (!isDateTime(record.getString("scannedAt"))) {
      throw refused(at + ".scannedAt", "format", "not an RFC 3339 date-time");
    }
    string(record, "checkpoint", at, CHECKPOINT, 64, null);
    string(record, "outcome", at, null, Integer.MAX_VALUE, OUTCOMES);
    string(record, "reason", at, REASON, Integer.MAX_VALUE, null);
    string(record, "kind", at, null, Integer.MAX_VALUE, KINDS);
    string(record, "issuer", at, REGION, Integer.MAX_VALUE, null);
    string(record, "subject", at, PSEUDONYM, Integer.MAX_VALUE, null);
  }

  /** An optional string member (absent is fine; required ones were checked before). */
  private static void string(JsonObject record, String name, String at, Pattern pattern, int maxLength, Set<String> values) {
    if (!record.containsKey(name)) {
      return;
    }
    String field = at + "." + name;
    if (!(record.getValue(name) instanceof String text)) {
      throw refused(field, "type", "not a string");
    }
    if (values != null && !values.contains(text)) {
      throw refused(field, "enum", "not one of " + values);
    }
    if (text.codePointCount(0, text.length()) > maxLength || (name.equals("checkpoint") && text.codePointCount(0, text.length()) < 2)) {
      throw refused(field, text.length() > maxLength ? "maxLength" : "minLength", "wrong length");
    }
    if (pattern != null && !pattern.matcher(text).find()) {
      throw refused(field, "pattern", "does not match " + pattern.pattern());
    }
  }

  /**
   * The contract's {@code format: date-time}, as its validator asserts it: the RFC 3339 shape (a
   * {@code T} or space between date and time, fractions of a second, {@code Z} or an offset, which may
   * be left out), and a date and time ISO-8601 parsing accepts.
   */
  private static boolean isDateTime(String text) {
    if (!DATE_TIME.matcher(text).matches()) {
      return false;
    }
    try {
      DateTimeFormatter.ISO_DATE_TIME.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** JSON Schema's integer: any number without a fractional part (1.0 included). */
  private static boolean isInteger(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof Short
      || value instanceof Byte) {
      return true;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().scale() <= 0;
    }
    return false;
  }

  private static ApiException refused(String field, String keyword, String reason) {
    return JsonBodies.refused(field, keyword, reason);
  }
}
