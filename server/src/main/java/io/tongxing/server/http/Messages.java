package io.tongxing.server.http;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Localized texts (zh-CN and en) for error codes and colour explanations, by Accept-Language. */
public final class Messages {

  public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
  public static final Locale ENGLISH = Locale.ENGLISH;

  private Messages() {
  }

  /** zh-CN unless the client prefers English over Chinese. */
  public static Locale locale(RoutingContext ctx) {
    for (LanguageHeader language : ctx.acceptableLanguages()) {
      String tag = language.tag().toLowerCase(Locale.ROOT);
      if (tag.equals("en")) {
        return ENGLISH;
      }
      if (tag.equals("zh")) {
        return CHINESE;
      }
    }
    return CHINESE;
  }

  /** The same choice from a raw Accept-Language header, for requests no route has parsed. */
  public static Locale locale(String acceptLanguage) {
    if (acceptLanguage == null) {
      return CHINESE;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
        String tag = range.getRange().toLowerCase(Locale.ROOT);
        if (tag.equals("en") || tag.startsWith("en-")) {
          return ENGLISH;
        }
        if (tag.equals("zh") || tag.startsWith("zh-")) {
          return CHINESE;
        }
      }
    } catch (IllegalArgumentException e) {
      return CHINESE;
    }
    return CHINESE;
  }

  public static String text(Locale locale, String key, Object... args) {
    ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", locale == ENGLISH ? ENGLISH : CHINESE,
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  public static String languageTag(Locale locale) {
    return locale == ENGLISH ? "en" : "zh-CN";
  }
}
