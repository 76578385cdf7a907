package io.tongxing.app.android;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.Intent;
import android.view.View;
import android.widget.Button;
import android.widget.LinearLayout;
import io.tongxing.app.model.LanguageChoice;
import io.tongxing.app.model.employer.EmployersScreen;
import io.tongxing.app.text.AppLanguage;
import io.tongxing.app.text.Text;

/**
 * The launcher: resident screens, checkpoint mode for officers, and the app's language. It is the one
 * exported Activity, and it reads nothing from the intent that started it: another app can open it, never
 * configure it.
 */
public final class MainActivity extends ScreenActivity<LanguageChoice.State, LanguageChoice> {
    private Button language;
    private Button employers;

    @Override
    protected Text title() {
        return Text.APP_NAME;
    }

    @Override
    protected LanguageChoice createModel(AppGraph graph) {
        return new LanguageChoice(graph.settings.language(), graph.words, chosen -> {
            graph.useLanguage(chosen);
            recreate();
        });
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, graph.words.text(Text.MAIN_TITLE), Views.TITLE), Views.fullWidth());
        open(column, Text.MAIN_HEALTH_CODE, HealthCodeActivity.class);
        open(column, Text.MAIN_PASSES, PassesActivity.class);
        employers = open(column, Text.MAIN_EMPLOYERS, EmployersActivity.class);
        open(column, Text.MAIN_CHECK_IN, CheckInActivity.class);
        open(column, Text.MAIN_FAMILY, FamilyActivity.class);
        open(column, Text.MAIN_ACCOUNT, AccountActivity.class);
        open(column, Text.MAIN_CHECKPOINT, CheckpointActivity.class);
        open(column, Text.MAIN_SCAN_HISTORY, ScanHistoryActivity.class);
        language = Views.button(this, "", v -> chooseLanguage(model.state()));
        column.addView(language, Views.fullWidth());
        return scrolling(column);
    }

    private Button open(LinearLayout column, Text label, Class<? extends Activity> screen) {
        Button button = Views.button(this, graph.words.text(label), v -> startActivity(new Intent(this, screen)));
        column.addView(button, Views.fullWidth());
        return button;
    }

    @Override
    protected void shown() {
        // A badge in words: how many enterprises newly listed the resident (the background refresh finds them).
        String label = EmployersScreen.homeButton(graph.employers, graph.words);
        employers.setText(label);
        employers.setContentDescription(label);
    }

    @Override
    protected void render(LanguageChoice.State state) {
        language.setText(state.button());
        language.setContentDescription(state.button());
    }

    private void chooseLanguage(LanguageChoice.State state) {
        new AlertDialog.Builder(this)
                .setTitle(state.button())
                .setSingleChoiceItems(state.options().toArray(new String[0]), state.chosen().ordinal(),
                        (dialog, which) -> {
                            dialog.dismiss();
                            model.choose(AppLanguage.values()[which]);
                        })
                .show();
    }
}
