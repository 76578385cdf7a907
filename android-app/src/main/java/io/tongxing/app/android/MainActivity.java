package io.tongxing.app.android;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import io.tongxing.app.text.AppLanguage;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;

/**
 * The launcher: resident screens, checkpoint mode for officers, and the app's language. It is the one
 * exported Activity, and it reads nothing from the intent that started it: another app can open it, never
 * configure it.
 */
public final class MainActivity extends Activity {
    private static final Text[] LANGUAGE_NAMES = {Text.LANGUAGE_SYSTEM, Text.LANGUAGE_CHINESE, Text.LANGUAGE_ENGLISH};

    @Override
    protected void attachBaseContext(Context base) {
        super.attachBaseContext(Languages.apply(base));
    }

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        AppGraph graph = TongxingApplication.graph(this);
        Localizer words = graph.words;
        setTitle(words.text(Text.APP_NAME));
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, words.text(Text.MAIN_TITLE), Views.TITLE), Views.fullWidth());
        open(column, words.text(Text.MAIN_HEALTH_CODE), HealthCodeActivity.class);
        open(column, words.text(Text.MAIN_PASSES), PassesActivity.class);
        open(column, words.text(Text.MAIN_CHECK_IN), CheckInActivity.class);
        open(column, words.text(Text.MAIN_ACCOUNT), AccountActivity.class);
        open(column, words.text(Text.MAIN_CHECKPOINT), CheckpointActivity.class);
        open(column, words.text(Text.MAIN_SCAN_HISTORY), ScanHistoryActivity.class);
        AppLanguage language = graph.settings.language();
        column.addView(Views.button(this, words.text(Text.MAIN_LANGUAGE, words.text(LANGUAGE_NAMES[language.ordinal()])),
                v -> chooseLanguage(graph, language)), Views.fullWidth());
        ScrollView scroll = new ScrollView(this);
        scroll.addView(column);
        setContentView(scroll);
    }

    private void open(LinearLayout column, String label, Class<? extends Activity> screen) {
        column.addView(Views.button(this, label, v -> startActivity(new Intent(this, screen))), Views.fullWidth());
    }

    /** The phone's language, Chinese or English; the app speaks the one chosen at once. */
    private void chooseLanguage(AppGraph graph, AppLanguage current) {
        String[] names = new String[LANGUAGE_NAMES.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = graph.words.text(LANGUAGE_NAMES[i]);
        }
        new AlertDialog.Builder(this)
                .setTitle(graph.words.text(Text.MAIN_LANGUAGE, graph.words.text(LANGUAGE_NAMES[current.ordinal()])))
                .setSingleChoiceItems(names, current.ordinal(), (dialog, which) -> {
                    dialog.dismiss();
                    graph.useLanguage(AppLanguage.values()[which]);
                    recreate();
                })
                .show();
    }
}
