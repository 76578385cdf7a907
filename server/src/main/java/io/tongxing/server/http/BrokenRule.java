package io.tongxing.server.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which rule a value refused by the contract broke, where "格式不正确" would not tell the person what to
 * change: text shown to people (the contract's {@code Line} and {@code Text}: control characters,
 * bidi controls, lone surrogates, nothing visible), times (the years of {@code Timestamp} and
 * {@code Day}), and a field sent empty. Named in a refusal's violation as {@code rule}; its message
 * is {@code validation.rule.<rule>}.
 */
enum BrokenRule {
  /** An empty string where something is needed: "必须填写", whatever the length or pattern. */
  EMPTY("empty"),
  /** A control character (a line break or tab among them) in one-line text. */
  CONTROL("control"),
  /** A control character other than a line feed in multi-line text. */
  CONTROL_IN_TEXT("controlInText"),
  /** A bidirectional embedding, override or isolate: the text would read otherwise than it is stored. */
  DIRECTION("direction"),
  /** Half of a surrogate pair: a character that cannot be shown. */
  UNPAIRED("unpaired"),
  /** Only spaces (of any kind) or invisible characters. */
  BLANK("blank"),
  /** A time or date outside the years 2000–2099. */
  YEARS("years");

  /** The keyword refused in a named component schema: ".../components/schemas/Line/pattern". */
  private static final Pattern COMPONENT = Pattern.compile("/components/schemas/(\\w+)/(\\w+)$");
  /** A value that starts as a date does, with its year: "1999-", "0000-", "+10000-". */
  private static final Pattern DATED = Pattern.compile("^[+-]?[0-9]+-");

  final String rule;

  BrokenRule(String rule) {
    this.rule = rule;
  }

  /**
   * The rule {@code value} broke, refused by {@code keyword} at {@code schemaLocation} (the
   * validator's absolute keyword location); empty where the keyword's own words say it, or where the
   * value is not known.
   */
  static Optional<BrokenRule> of(String schemaLocation, String keyword, Object value) {
    if (!(value instanceof String text)) {
      return Optional.empty();
    }
    if (text.isEmpty() && ("pattern".equals(keyword) || "minLength".equals(keyword) || "format".equals(keyword))) {
      return Optional.of(EMPTY);
    }
    Matcher component = COMPONENT.matcher(schemaLocation == null ? "" : schemaLocation);
    if (!component.find() || !"pattern".equals(component.group(2))) {
      return Optional.empty();
    }
    return switch (component.group(1)) {
      case "Line" -> Optional.of(inText(text, false));
      case "Text" -> Optional.of(inText(text, true));
      case "Timestamp", "Day" -> DATED.matcher(text).find() ? Optional.of(YEARS) : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The first rule for text shown to people that {@code text} breaks (it broke one: the pattern refused it). */
  private static BrokenRule inText(String text, boolean lineFeeds) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c <= 0x1F || (c >= 0x7F && c <= 0x9F)) && !(lineFeeds && c == '\n')) {
        return lineFeeds ? CONTROL_IN_TEXT : CONTROL;
      }
      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
        return DIRECTION;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return UNPAIRED;
      }
    }
    return BLANK;
  }
}
