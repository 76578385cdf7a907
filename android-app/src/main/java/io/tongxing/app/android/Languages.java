package io.tongxing.app.android;

import android.content.Context;
import android.content.res.Configuration;
import io.tongxing.app.text.AppLanguage;
import java.util.Locale;

/** Applies the app's own language to a context, so its resources speak it whatever the phone is set to. */
final class Languages {
    private Languages() {
    }

    static Context apply(Context base, AppLanguage language) {
        if (!language.locale().isPresent()) {
            return base;
        }
        Locale locale = language.locale().get();
        Configuration configuration = new Configuration(base.getResources().getConfiguration());
        configuration.setLocale(locale);
        return base.createConfigurationContext(configuration);
    }

    static Context apply(Context base) {
        return apply(base, new PhoneSettings(base).language());
    }
}
