package io.tongxing.server.http;

import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * The bounds every value from outside is held to, written once: text shown to people, and times a
 * person can mean. The contract states the same rules as patterns (components {@code Line},
 * {@code Text}, {@code Timestamp}, {@code Day} of docs/openapi.yaml; ContractTest holds the two
 * equal), so requests are refused before any handler runs; this class applies them where no
 * contract does — partners' message payloads, lines of an employee file — and where a handler
 * adds a bound relative to now.
 */
public final class InputBounds {

  /** Something visible: a character that is not a space of any kind (U+3000 among them) nor invisible. */
  private static final String VISIBLE = "(?=[\\s\\S]*[^\\s\\u00A0\\u1680\\u180E\\u2000-\\u200D\\u2028\\u2029\\u202F\\u205F"
    + "\\u2060\\u3000\\uFEFF])";
  /**
   * Text on one line: no control, bidi-control or lone-surrogate character anywhere, and something
   * visible. Written with lookaheads only, not {@code $}, which in Java also matches before a final
   * line terminator (U+0085 among them) and in ECMAScript does not.
   */
  public static final Pattern LINE = Pattern.compile(
    "^(?![\\s\\S]*[\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF])" + VISIBLE);
  /** As {@link #LINE}, with line feeds. */
  public static final Pattern TEXT = Pattern.compile(
    "^(?![\\s\\S]*[\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF])" + VISIBLE);
  /** The years a time may fall in: what a person can mean by a date in this system. */
  public static final Pattern YEARS = Pattern.compile("^20[0-9]{2}-");
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private InputBounds() {
  }

  public static boolean isLine(String text, int maxCodePoints) {
    return text != null && text.codePointCount(0, text.length()) <= maxCodePoints && LINE.matcher(text).find();
  }

  public static boolean isText(String text, int maxCodePoints) {
    return text != null && text.codePointCount(0, text.length()) <= maxCodePoints && TEXT.matcher(text).find();
  }

  /**
   * An RFC 3339 date-time in the years 2000–2099, or a 400 naming {@code field}: {@code INVALID_DATE}
   * when it does not parse, {@code DATE_OUTSIDE_YEARS} when it falls outside those years in UTC
   * ("2000-01-01T00:00:00+08:00", which the contract's pattern lets through).
   */
  public static Instant instant(String text, String field) {
    try {
      Instant at = OffsetDateTime.parse(text).toInstant();
      if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
        throw ApiException.invalidField("DATE_OUTSIDE_YEARS", field);
      }
      return at;
    } catch (DateTimeException | NullPointerException e) {
      throw ApiException.invalidField("INVALID_DATE", field);
    }
  }

  /** An RFC 3339 full-date in the years 2000–2099, or a 400 {@code INVALID_DATE} / {@code DATE_OUTSIDE_YEARS} naming {@code field}. */
  public static LocalDate date(String text, String field) {
    try {
      LocalDate day = LocalDate.parse(text);
      if (day.getYear() < 2000 || day.getYear() > 2099) {
        throw ApiException.invalidField("DATE_OUTSIDE_YEARS", field);
      }
      return day;
    } catch (DateTimeException | NullPointerException e) {
      throw ApiException.invalidField("INVALID_DATE", field);
    }
  }

  /** {@code at}, if it lies within {@code reach} of {@code now} either way; else a 400 {@code DATE_OUT_OF_REACH}. */
  public static Instant near(Instant at, Instant now, Duration reach, String field) {
    if (at.isBefore(now.minus(reach)) || at.isAfter(now.plus(reach))) {
      throw new ApiException(400, "DATE_OUT_OF_REACH", new JsonObject().put("field", field), 0, reach.toDays());
    }
    return at;
  }

  /** A 400 {@code DATE_IN_FUTURE} naming {@code field}: a time that has to have happened already. */
  public static ApiException inFuture(String field) {
    return ApiException.invalidField("DATE_IN_FUTURE", field);
  }
}
