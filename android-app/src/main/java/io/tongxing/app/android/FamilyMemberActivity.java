package io.tongxing.app.android;

import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.RadioButton;
import android.widget.RadioGroup;
import android.widget.TextView;
import io.tongxing.app.model.family.FamilyMemberForm;
import io.tongxing.app.model.family.FamilyMemberForm.Field;
import io.tongxing.app.text.Text;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@link FamilyMemberForm}: name, ID number, relation and how the member agrees; then the code they read
 * out, or what to bring to the desk. Opened from the family list for a member already asked for, only the code.
 */
public final class FamilyMemberActivity extends ScreenActivity<FamilyMemberForm.State, FamilyMemberForm> {
    private final Map<Field, EditText> fields = new EnumMap<>(Field.class);
    private final Map<Field, TextView> errors = new EnumMap<>(Field.class);
    private final List<RadioButton> relations = new ArrayList<>();
    private final List<RadioButton> consents = new ArrayList<>();
    private LinearLayout request;
    private LinearLayout code;
    private TextView header;
    private TextView message;
    private Button submit;
    private Button confirm;
    private Button done;

    @Override
    protected Text title() {
        return Text.FAMILY_FORM_TITLE;
    }

    @Override
    protected FamilyMemberForm createModel(AppGraph graph) {
        FamilyMemberForm form = new FamilyMemberForm(graph.familyApi(), graph.clock, graph.words, graph.background);
        Optional<FamilyMemberExtras> member = FamilyMemberExtras.of(getIntent());
        member.ifPresent(m -> form.forCode(m.id(), m.name()));
        return form;
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        header = Views.line(this, column, Views.TITLE);
        request = Views.slot(this, column);
        request.addView(Views.text(this, graph.words.text(Text.FAMILY_FORM_INTRO), Views.BODY), Views.fullWidth());
        add(request, Field.NAME, Text.FAMILY_FORM_NAME, InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PERSON_NAME);
        add(request, Field.ID_NUMBER, Text.FAMILY_FORM_ID,
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS | InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS);
        request.addView(Views.text(this, graph.words.text(Text.FAMILY_FORM_RELATION), Views.BODY), Views.fullWidth());
        RadioGroup relationGroup = new RadioGroup(this);
        for (FamilyMemberForm.Choice<io.tongxing.app.model.family.Relation> choice : model.state().relations()) {
            relations.add(radio(relationGroup, choice.label(), () -> model.choose(choice.value())));
        }
        request.addView(relationGroup, Views.fullWidth());
        errors.put(Field.RELATION, Views.error(this, request));
        request.addView(Views.text(this, graph.words.text(Text.FAMILY_FORM_CONSENT), Views.BODY), Views.fullWidth());
        RadioGroup consentGroup = new RadioGroup(this);
        for (FamilyMemberForm.Choice<io.tongxing.app.model.family.Consent> choice : model.state().consents()) {
            consents.add(radio(consentGroup, choice.label(), () -> model.choose(choice.value())));
        }
        request.addView(consentGroup, Views.fullWidth());
        errors.put(Field.CONSENT, Views.error(this, request));
        submit = Views.button(this, graph.words.text(Text.FAMILY_FORM_SUBMIT), v -> model.submit());
        request.addView(submit, Views.fullWidth());

        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        code = Views.slot(this, column);
        add(code, Field.CODE, Text.FAMILY_FORM_CODE, InputType.TYPE_CLASS_NUMBER);
        confirm = Views.button(this, graph.words.text(Text.FAMILY_FORM_CONFIRM), v -> model.confirm());
        code.addView(confirm, Views.fullWidth());
        done = Views.button(this, graph.words.text(Text.FAMILY_FORM_DONE), v -> finish());
        column.addView(done, Views.fullWidth());
        return scrolling(column);
    }

    private void add(LinearLayout column, Field field, Text label, int type) {
        fields.put(field, Views.boundField(this, column, graph.words.text(label), type, model.typed(field),
                text -> model.set(field, text)));
        errors.put(field, Views.error(this, column));
    }

    private RadioButton radio(RadioGroup group, String label, Runnable chosen) {
        RadioButton button = new RadioButton(this);
        button.setText(label);
        button.setTextSize(Views.BODY);
        button.setContentDescription(label);
        button.setOnClickListener(v -> chosen.run());
        group.addView(button, Views.fullWidth());
        return button;
    }

    @Override
    protected void render(FamilyMemberForm.State state) {
        FamilyMemberForm.Phase phase = state.phase();
        boolean asking = phase == FamilyMemberForm.Phase.EDITING || phase == FamilyMemberForm.Phase.SENDING;
        boolean coding = phase == FamilyMemberForm.Phase.AWAITING_CODE || phase == FamilyMemberForm.Phase.CONFIRMING;
        Views.showIf(asking, request);
        Views.showIf(coding, code);
        Views.showIf(state.done(), done);
        Views.setOrHide(header, state.header());
        for (Field field : Field.values()) {
            Views.showError(errors.get(field), state.error(field));
        }
        for (Map.Entry<Field, EditText> field : fields.entrySet()) {
            Views.setIfChanged(field.getValue(), model.typed(field.getKey()));
        }
        for (int i = 0; i < relations.size(); i++) {
            check(relations.get(i), state.relations().get(i).chosen());
        }
        for (int i = 0; i < consents.size(); i++) {
            check(consents.get(i), state.consents().get(i).chosen());
        }
        submit.setEnabled(state.enabled());
        confirm.setEnabled(state.enabled());
        Views.setOrHide(message, state.message());
    }

    private static void check(RadioButton button, boolean chosen) {
        if (button.isChecked() != chosen) {
            button.setChecked(chosen);
            button.jumpDrawablesToCurrentState();
        }
    }
}
