package io.tongxing.app.text;

import java.util.Locale;
import java.util.Optional;

/**
 * The language the app speaks, chosen in the app: the phone's own, or Simplified Chinese or English
 * whatever the phone is set to. Every word on screen, the verifier's reasons and the server's refusals
 * (asked for with Accept-Language) follow it.
 */
public enum AppLanguage {
    SYSTEM(null),
    CHINESE(Locale.SIMPLIFIED_CHINESE),
    ENGLISH(Locale.ENGLISH);

    private final Locale locale;

    AppLanguage(Locale locale) {
        this.locale = locale;
    }

    /** The locale to force, or empty to follow the phone. */
    public Optional<Locale> locale() {
        return Optional.ofNullable(locale);
    }

    /** The stored name back, or the phone's language for anything unknown. */
    public static AppLanguage named(String name) {
        for (AppLanguage language : values()) {
            if (language.name().equals(name)) {
                return language;
            }
        }
        return SYSTEM;
    }
}
