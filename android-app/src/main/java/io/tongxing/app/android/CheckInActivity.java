package io.tongxing.app.android;

import android.app.DatePickerDialog;
import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.CheckBox;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.resident.CheckInForm;
import io.tongxing.app.text.Text;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@link CheckInForm}. The fields are built once (so typing keeps its cursor); counties are chosen
 * from the GB/T 2260 list ({@link CountyPicker}) and dates from a date picker limited to the last 14 days.
 */
public final class CheckInActivity extends ScreenActivity<CheckInForm.State, CheckInForm> {
    private Optional<FamilyMemberExtras> member;
    private LinearLayout owner;
    private EditText temperature;
    private TextView temperatureError;
    private final List<CheckBox> symptomBoxes = new ArrayList<>();
    private CheckBox noSymptoms;
    private TextView symptomsError;
    private LinearLayout visits;
    private final List<VisitViews> visitRows = new ArrayList<>();
    private Button submit;
    private TextView message;

    /** The views of one visited county. */
    private record VisitViews(Button county, TextView countyError, Button date, TextView dateError) {
    }

    @Override
    protected Text title() {
        return member().isPresent() ? Text.FAMILY_CHECKIN_TITLE : Text.CHECKIN_TITLE;
    }

    /** The family member this check-in is for, when the family screen opened it for one. */
    private Optional<FamilyMemberExtras> member() {
        if (member == null) {
            member = FamilyMemberExtras.of(getIntent());
        }
        return member;
    }

    @Override
    protected CheckInForm createModel(AppGraph graph) {
        if (member().isPresent()) {
            String id = member.get().id();
            return new CheckInForm(checkIn -> graph.familyApi().checkIn(id, checkIn), graph.clock, graph.words,
                    graph.background, Optional.of(graph.counties()), Optional.of(member.get().name()));
        }
        return new CheckInForm(graph.residentApi(), graph.clock, graph.words, graph.background,
                Optional.of(graph.counties()));
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        // Whose check-in it is, in large type at the top: the guardian must never send theirs as the member's.
        owner = Views.slot(this, column);
        temperature = Views.field(this, column, graph.words.text(Text.CHECKIN_TEMPERATURE),
                InputType.TYPE_CLASS_NUMBER | InputType.TYPE_NUMBER_FLAG_DECIMAL);
        temperature.setHint(graph.words.text(Text.CHECKIN_TEMPERATURE_HINT));
        temperature.setText(model.state().temperature());
        temperature.addTextChangedListener(new Edited(model::setTemperature));
        temperatureError = Views.error(this, column);

        column.addView(Views.text(this, graph.words.text(Text.CHECKIN_SYMPTOMS), Views.BODY), Views.fullWidth());
        for (CheckInForm.SymptomOption option : model.state().symptoms()) {
            CheckBox box = checkBox(column, option.label());
            box.setOnCheckedChangeListener((b, checked) -> model.setSymptom(option.symptom(), checked));
            symptomBoxes.add(box);
        }
        noSymptoms = checkBox(column, graph.words.text(Text.SYMPTOM_NONE));
        noSymptoms.setOnCheckedChangeListener((b, checked) -> model.setNoSymptoms(checked));
        symptomsError = Views.error(this, column);

        column.addView(Views.text(this, graph.words.text(Text.CHECKIN_VISITS), Views.BODY), Views.fullWidth());
        visits = Views.slot(this, column);
        column.addView(Views.button(this, graph.words.text(Text.CHECKIN_VISIT_ADD), v -> model.addVisit()),
                Views.fullWidth());

        submit = Views.button(this, graph.words.text(Text.CHECKIN_SUBMIT), v -> model.submit());
        column.addView(submit, Views.fullWidth());
        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        return scrolling(column);
    }

    @Override
    protected void render(CheckInForm.State state) {
        owner.removeAllViews();
        state.owner().ifPresent(o -> owner.addView(Views.band(this, o, Views.TITLE), Views.spaced(this)));
        Views.setIfChanged(temperature, state.temperature());
        Views.showError(temperatureError, state.temperatureError());
        Views.showError(symptomsError, state.symptomsError());
        for (int i = 0; i < symptomBoxes.size(); i++) {
            check(symptomBoxes.get(i), state.symptoms().get(i).checked());
        }
        check(noSymptoms, state.noSymptoms());
        if (visitRows.size() != state.visits().size()) {
            rebuildVisits(state.visits().size());
        }
        for (int i = 0; i < visitRows.size(); i++) {
            CheckInForm.VisitRow row = state.visits().get(i);
            VisitViews views = visitRows.get(i);
            String county = row.countyLabel().map(l -> l + " (" + row.county() + ")")
                    .orElse(row.county().isEmpty() ? graph.words.text(Text.CHECKIN_VISIT_PICK_COUNTY) : row.county());
            views.county().setText(county);
            views.county().setContentDescription(graph.words.text(Text.CHECKIN_VISIT_CODE) + ": " + county);
            String date = row.date().isEmpty() ? graph.words.text(Text.CHECKIN_VISIT_PICK_DATE) : row.date();
            views.date().setText(date);
            views.date().setContentDescription(graph.words.text(Text.CHECKIN_VISIT_DATE) + ": " + date);
            Views.showError(views.countyError(), row.countyError());
            Views.showError(views.dateError(), row.dateError());
        }
        submit.setEnabled(state.submitEnabled());
        Views.setOrHide(message, state.message());
    }

    private void rebuildVisits(int rows) {
        visits.removeAllViews();
        visitRows.clear();
        for (int i = 0; i < rows; i++) {
            int row = i;
            Button county = Views.button(this, "", v -> new CountyPicker(this, graph.counties(), graph.words,
                    code -> model.setVisit(row, code, visit(row).date())).show());
            visits.addView(county, Views.fullWidth());
            TextView countyError = Views.error(this, visits);
            Button date = Views.button(this, "", v -> pickDate(row));
            visits.addView(date, Views.fullWidth());
            TextView dateError = Views.error(this, visits);
            visits.addView(Views.button(this, graph.words.text(Text.CHECKIN_VISIT_REMOVE), v -> model.removeVisit(row)),
                    Views.fullWidth());
            visitRows.add(new VisitViews(county, countyError, date, dateError));
        }
    }

    private CheckInForm.VisitRow visit(int row) {
        return model.state().visits().get(row);
    }

    /** A date picker from 13 days ago to today, opened at the date chosen so far (else today). */
    private void pickDate(int row) {
        LocalDate first = model.firstVisitDay();
        LocalDate last = model.lastVisitDay();
        LocalDate shown = last;
        try {
            shown = LocalDate.parse(visit(row).date());
        } catch (java.time.format.DateTimeParseException e) {
            // Nothing chosen yet: open at today.
        }
        DatePickerDialog dialog = new DatePickerDialog(this, (picker, year, month, day) ->
                model.setVisit(row, visit(row).county(), LocalDate.of(year, month + 1, day).toString()),
                shown.getYear(), shown.getMonthValue() - 1, shown.getDayOfMonth());
        dialog.getDatePicker().setMinDate(first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        dialog.getDatePicker().setMaxDate(last.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        dialog.setTitle(graph.words.text(Text.CHECKIN_VISIT_DATE));
        dialog.show();
    }

    /** Sets a box the model changed (restored, or unticked by a conflicting choice), without its animation. */
    private static void check(CheckBox box, boolean checked) {
        if (box.isChecked() != checked) {
            box.setChecked(checked);
            box.jumpDrawablesToCurrentState();
        }
    }

    private CheckBox checkBox(LinearLayout column, String label) {
        CheckBox box = new CheckBox(this);
        box.setText(label);
        box.setTextSize(Views.BODY);
        box.setContentDescription(label);
        column.addView(box, Views.fullWidth());
        return box;
    }
}
