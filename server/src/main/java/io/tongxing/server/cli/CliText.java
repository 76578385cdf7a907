package io.tongxing.server.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The words of {@code verify}, in zh-CN or en, from {@code i18n/verify.properties}. */
final class CliText {
  static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
  static final Locale ENGLISH = Locale.ENGLISH;

  private final Locale locale;
  private final ResourceBundle bundle;

  CliText(Locale locale) {
    this.locale = locale;
    this.bundle = ResourceBundle.getBundle("i18n.verify", locale, ResourceBundle.Control.getNoFallbackControl(
      ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** zh-CN for a Chinese locale, en otherwise. */
  static CliText forLocale(Locale locale) {
    return new CliText(locale.getLanguage().equals("zh") ? CHINESE : ENGLISH);
  }

  /** {@code zh-CN}, {@code zh} or {@code en}; anything else is not a language {@code verify} speaks. */
  static CliText forTag(String tag) throws CliProblem {
    return switch (tag.toLowerCase(Locale.ROOT)) {
      case "zh", "zh-cn" -> new CliText(CHINESE);
      case "en" -> new CliText(ENGLISH);
      default -> throw new CliProblem("usage.lang", tag);
    };
  }

  /** The text for {@code key}, a {@link MessageFormat} pattern (so an apostrophe is written twice). */
  String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }
}
