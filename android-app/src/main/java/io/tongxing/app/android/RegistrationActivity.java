package io.tongxing.app.android;

import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.account.RegistrationForm;
import io.tongxing.app.model.account.RegistrationForm.Field;
import io.tongxing.app.text.Text;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders {@link RegistrationForm}: six fields, each with its message line, "send SMS code", "register" and
 * the outcome. The fields are built once, so typing keeps its cursor; a registered form empties them.
 */
public final class RegistrationActivity extends ScreenActivity<RegistrationForm.State, RegistrationForm> {
    private final Map<Field, EditText> fields = new EnumMap<>(Field.class);
    private final Map<Field, TextView> errors = new EnumMap<>(Field.class);
    private Button sendCode;
    private Button register;
    private TextView message;

    @Override
    protected Text title() {
        return Text.REGISTER_TITLE;
    }

    @Override
    protected RegistrationForm createModel(AppGraph graph) {
        return new RegistrationForm(graph.resident(), graph.residentSync(), graph.clock, graph.words, graph.background);
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        add(column, Field.NAME, Text.REGISTER_NAME, InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PERSON_NAME);
        add(column, Field.ID_NUMBER, Text.REGISTER_ID_NUMBER,
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS);
        add(column, Field.PHONE, Text.REGISTER_PHONE, InputType.TYPE_CLASS_PHONE);
        sendCode = Views.button(this, graph.words.text(Text.REGISTER_SEND_CODE), v -> model.sendCode());
        column.addView(sendCode, Views.fullWidth());
        add(column, Field.CODE, Text.REGISTER_CODE, InputType.TYPE_CLASS_NUMBER);
        add(column, Field.PASSWORD, Text.REGISTER_PASSWORD,
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PASSWORD);
        add(column, Field.PASSWORD_AGAIN, Text.REGISTER_PASSWORD_AGAIN,
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PASSWORD);
        register = Views.button(this, graph.words.text(Text.REGISTER_SUBMIT), v -> model.register());
        column.addView(register, Views.fullWidth());
        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        return scrolling(column);
    }

    private void add(LinearLayout column, Field field, Text label, int type) {
        fields.put(field, Views.boundField(this, column, graph.words.text(label), type, model.typed(field),
                text -> model.set(field, text)));
        errors.put(field, Views.error(this, column));
    }

    @Override
    protected void render(RegistrationForm.State state) {
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
        Views.setOrHide(message, state.message());
    }
}
