package io.tongxing.app.android;

import android.app.Activity;
import android.os.Bundle;
import android.text.InputType;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.account.RegistrationForm;
import io.tongxing.app.model.account.RegistrationForm.Field;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders {@link RegistrationForm}: six fields, each with its message line, "send SMS code", "register" and
 * the outcome. The fields are built once, so typing keeps its cursor; a registered form empties them.
 */
public final class RegistrationActivity extends Activity {
    private RegistrationForm model;
    private final Map<Field, EditText> fields = new EnumMap<>(Field.class);
    private final Map<Field, TextView> errors = new EnumMap<>(Field.class);
    private Button sendCode;
    private Button register;
    private TextView message;
    private final ScreenModel.Observer<RegistrationForm.State> observer = state -> runOnUiThread(() -> render(state));

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        AppGraph graph = TongxingApplication.graph(this);
        Localizer words = graph.words;
        setTitle(words.text(Text.REGISTER_TITLE));
        model = new RegistrationForm(graph.resident, graph.residentSync(), graph.clock, words, graph.background);

        LinearLayout column = Views.column(this);
        add(column, Field.NAME, words.text(Text.REGISTER_NAME), InputType.TYPE_CLASS_TEXT
                | InputType.TYPE_TEXT_VARIATION_PERSON_NAME);
        add(column, Field.ID_NUMBER, words.text(Text.REGISTER_ID_NUMBER), InputType.TYPE_CLASS_TEXT
                | InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS);
        add(column, Field.PHONE, words.text(Text.REGISTER_PHONE), InputType.TYPE_CLASS_PHONE);
        sendCode = Views.button(this, words.text(Text.REGISTER_SEND_CODE), v -> model.sendCode());
        column.addView(sendCode, Views.fullWidth());
        add(column, Field.CODE, words.text(Text.REGISTER_CODE), InputType.TYPE_CLASS_NUMBER);
        add(column, Field.PASSWORD, words.text(Text.REGISTER_PASSWORD), InputType.TYPE_CLASS_TEXT
                | InputType.TYPE_TEXT_VARIATION_PASSWORD);
        add(column, Field.PASSWORD_AGAIN, words.text(Text.REGISTER_PASSWORD_AGAIN), InputType.TYPE_CLASS_TEXT
                | InputType.TYPE_TEXT_VARIATION_PASSWORD);
        register = Views.button(this, words.text(Text.REGISTER_SUBMIT), v -> model.register());
        column.addView(register, Views.fullWidth());
        message = Views.text(this, "", Views.BODY);
        message.setAccessibilityLiveRegion(TextView.ACCESSIBILITY_LIVE_REGION_POLITE);
        column.addView(message, Views.fullWidth());

        ScrollView scroll = new ScrollView(this);
        scroll.addView(column);
        setContentView(scroll);
    }

    @Override
    protected void onResume() {
        super.onResume();
        model.observe(observer);
    }

    @Override
    protected void onPause() {
        model.stopObserving(observer);
        super.onPause();
    }

    private void add(LinearLayout column, Field field, String label, int type) {
        column.addView(Views.text(this, label, Views.BODY), Views.fullWidth());
        EditText edit = new EditText(this);
        edit.setInputType(type);
        edit.setTextSize(Views.BODY);
        edit.setContentDescription(label);
        edit.addTextChangedListener(new Edited(text -> model.set(field, text)));
        column.addView(edit, Views.fullWidth());
        fields.put(field, edit);
        errors.put(field, Views.error(this, column));
    }

    private void render(RegistrationForm.State state) {
        for (Field field : Field.values()) {
            Views.showError(errors.get(field), state.error(field));
        }
        if (state.phase() == RegistrationForm.Phase.REGISTERED) {
            for (EditText edit : fields.values()) {
                if (edit.length() > 0) {
                    edit.setText("");
                }
            }
        }
        sendCode.setEnabled(state.actionsEnabled());
        register.setEnabled(state.actionsEnabled());
        message.setText(state.message().orElse(""));
    }
}
