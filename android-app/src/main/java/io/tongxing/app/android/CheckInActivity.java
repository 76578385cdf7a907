package io.tongxing.app.android;

import android.app.Activity;
import android.os.Bundle;
import android.text.InputType;
import android.widget.Button;
import android.widget.CheckBox;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.resident.CheckInForm;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@link CheckInForm}. The fields are built once (so typing keeps its cursor); state changes
 * update the messages, the checkboxes and the list of visits.
 */
public final class CheckInActivity extends Activity {
    private CheckInForm model;
    private Localizer words;
    private TextView temperatureError;
    private final List<CheckBox> symptomBoxes = new ArrayList<>();
    private CheckBox noSymptoms;
    private TextView symptomsError;
    private LinearLayout visits;
    private int visitRows = -1;
    private final List<TextView[]> visitErrors = new ArrayList<>();
    private Button submit;
    private TextView message;
    private final ScreenModel.Observer<CheckInForm.State> observer = state -> runOnUiThread(() -> render(state));

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        AppGraph graph = TongxingApplication.graph(this);
        words = graph.words;
        setTitle(words.text(Text.CHECKIN_TITLE));
        model = new CheckInForm(graph.residentApi, graph.clock, words, graph.background);

        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, words.text(Text.CHECKIN_TEMPERATURE), Views.BODY), Views.fullWidth());
        EditText temperature = new EditText(this);
        temperature.setInputType(InputType.TYPE_CLASS_NUMBER | InputType.TYPE_NUMBER_FLAG_DECIMAL);
        temperature.setHint(words.text(Text.CHECKIN_TEMPERATURE_HINT));
        temperature.setContentDescription(words.text(Text.CHECKIN_TEMPERATURE));
        temperature.setTextSize(Views.BODY * 1.2f);
        temperature.addTextChangedListener(new Edited(text -> model.setTemperature(text)));
        column.addView(temperature, Views.fullWidth());
        temperatureError = error(column);

        column.addView(Views.text(this, words.text(Text.CHECKIN_SYMPTOMS), Views.BODY), Views.fullWidth());
        for (CheckInForm.SymptomOption option : model.state().symptoms()) {
            CheckBox box = checkBox(option.label());
            box.setOnCheckedChangeListener((b, checked) -> model.setSymptom(option.symptom(), checked));
            symptomBoxes.add(box);
            column.addView(box, Views.fullWidth());
        }
        noSymptoms = checkBox(words.text(Text.SYMPTOM_NONE));
        noSymptoms.setOnCheckedChangeListener((b, checked) -> model.setNoSymptoms(checked));
        column.addView(noSymptoms, Views.fullWidth());
        symptomsError = error(column);

        column.addView(Views.text(this, words.text(Text.CHECKIN_VISITS), Views.BODY), Views.fullWidth());
        visits = new LinearLayout(this);
        visits.setOrientation(LinearLayout.VERTICAL);
        column.addView(visits, Views.fullWidth());
        column.addView(Views.button(this, words.text(Text.CHECKIN_VISIT_ADD), v -> model.addVisit()), Views.fullWidth());

        submit = Views.button(this, words.text(Text.CHECKIN_SUBMIT), v -> model.submit());
        column.addView(submit, Views.fullWidth());
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

    private void render(CheckInForm.State state) {
        show(temperatureError, state.temperatureError());
        show(symptomsError, state.symptomsError());
        for (int i = 0; i < symptomBoxes.size(); i++) {
            if (symptomBoxes.get(i).isChecked() != state.symptoms().get(i).checked()) {
                symptomBoxes.get(i).setChecked(state.symptoms().get(i).checked());
            }
        }
        if (noSymptoms.isChecked() != state.noSymptoms()) {
            noSymptoms.setChecked(state.noSymptoms());
        }
        if (visitRows != state.visits().size()) {
            rebuildVisits(state.visits());
        }
        for (int i = 0; i < visitErrors.size(); i++) {
            show(visitErrors.get(i)[0], state.visits().get(i).countyError());
            show(visitErrors.get(i)[1], state.visits().get(i).dateError());
        }
        submit.setEnabled(state.submitEnabled());
        message.setText(state.message().orElse(""));
    }

    private void rebuildVisits(List<CheckInForm.VisitRow> rows) {
        visits.removeAllViews();
        visitErrors.clear();
        visitRows = rows.size();
        for (int i = 0; i < rows.size(); i++) {
            int row = i;
            EditText county = new EditText(this);
            EditText date = new EditText(this);
            county.setInputType(InputType.TYPE_CLASS_NUMBER);
            county.setHint(words.text(Text.CHECKIN_VISIT_CODE));
            county.setContentDescription(words.text(Text.CHECKIN_VISIT_CODE));
            county.setText(rows.get(i).county());
            date.setInputType(InputType.TYPE_CLASS_DATETIME | InputType.TYPE_DATETIME_VARIATION_DATE);
            date.setHint(words.text(Text.CHECKIN_VISIT_DATE));
            date.setContentDescription(words.text(Text.CHECKIN_VISIT_DATE));
            date.setText(rows.get(i).date());
            Edited edited = new Edited(text -> model.setVisit(row, county.getText().toString(), date.getText().toString()));
            county.addTextChangedListener(edited);
            date.addTextChangedListener(edited);
            visits.addView(county, Views.fullWidth());
            TextView countyError = error(visits);
            visits.addView(date, Views.fullWidth());
            TextView dateError = error(visits);
            visits.addView(Views.button(this, words.text(Text.CHECKIN_VISIT_REMOVE), v -> model.removeVisit(row)),
                    Views.fullWidth());
            visitErrors.add(new TextView[] {countyError, dateError});
        }
    }

    private CheckBox checkBox(String label) {
        CheckBox box = new CheckBox(this);
        box.setText(label);
        box.setTextSize(Views.BODY);
        box.setContentDescription(label);
        return box;
    }

    private TextView error(LinearLayout parent) {
        return Views.error(this, parent);
    }

    private static void show(TextView view, Optional<String> text) {
        Views.showError(view, text);
    }
}
