package io.tongxing.app.android;

import android.content.Context;
import android.content.SharedPreferences;
import io.tongxing.app.model.checkpoint.ScannerBroadcast;
import io.tongxing.app.text.AppLanguage;
import java.util.Optional;

/**
 * What the person chose on this phone: the server they confirmed (with its trust key on screen), the app's
 * language, and how a hardware scanner broadcasts. Nothing here is written from outside the app: no exported
 * component reads an intent into these settings.
 */
final class PhoneSettings {
    private static final String FILE = "tongxing";
    private static final String SERVER = "server";
    private static final String LANGUAGE = "language";
    private static final String SCANNER_ACTION = "scanner-action";
    private static final String SCANNER_EXTRA = "scanner-extra";

    private final SharedPreferences preferences;

    PhoneSettings(Context context) {
        this.preferences = context.getApplicationContext().getSharedPreferences(FILE, Context.MODE_PRIVATE);
    }

    /** The server the person confirmed on screen, if any (else the build's). */
    Optional<String> confirmedServer() {
        return Optional.ofNullable(preferences.getString(SERVER, null));
    }

    void confirmServer(String url) {
        preferences.edit().putString(SERVER, url).commit();
    }

    AppLanguage language() {
        return AppLanguage.named(preferences.getString(LANGUAGE, AppLanguage.SYSTEM.name()));
    }

    void language(AppLanguage language) {
        preferences.edit().putString(LANGUAGE, language.name()).commit();
    }

    ScannerBroadcast scanner() {
        return ScannerBroadcast.parse(preferences.getString(SCANNER_ACTION, ScannerBroadcast.DEFAULT.action()),
                preferences.getString(SCANNER_EXTRA, ScannerBroadcast.DEFAULT.extra())).orElse(ScannerBroadcast.DEFAULT);
    }

    void scanner(ScannerBroadcast scanner) {
        preferences.edit().putString(SCANNER_ACTION, scanner.action()).putString(SCANNER_EXTRA, scanner.extra()).commit();
    }
}
