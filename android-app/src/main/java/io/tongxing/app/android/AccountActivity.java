package io.tongxing.app.android;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;
import android.text.InputType;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.account.AccountScreen;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@link AccountScreen}: who is logged in, the checkpoint this phone scans for, the server, the
 * login fields and the buttons. Edits and taps go to the model; registration opens its own screen.
 */
public final class AccountActivity extends Activity {
    private AccountScreen model;
    private TextView server;
    private TextView resident;
    private TextView officer;
    private TextView device;
    private TextView loginError;
    private TextView passwordError;
    private TextView codeError;
    private TextView message;
    private Button residentLogOut;
    private Button officerLogOut;
    private final List<Button> actions = new ArrayList<>();
    private final ScreenModel.Observer<AccountScreen.State> observer = state -> runOnUiThread(() -> render(state));

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        AppGraph graph = TongxingApplication.graph(this);
        Localizer words = graph.words;
        setTitle(words.text(Text.ACCOUNT_TITLE));
        model = graph.accountScreen();

        LinearLayout column = Views.column(this);
        server = status(column);
        resident = status(column);
        officer = status(column);
        device = status(column);
        EditText login = field(column, words.text(Text.ACCOUNT_LOGIN), InputType.TYPE_CLASS_TEXT);
        login.addTextChangedListener(new Edited(model::setLogin));
        loginError = Views.error(this, column);
        EditText password = field(column, words.text(Text.ACCOUNT_PASSWORD),
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PASSWORD);
        password.addTextChangedListener(new Edited(model::setPassword));
        passwordError = Views.error(this, column);
        action(column, words.text(Text.ACCOUNT_RESIDENT_LOG_IN), model::logInResident);
        EditText code = field(column, words.text(Text.ACCOUNT_ENROLLMENT_CODE), InputType.TYPE_CLASS_TEXT);
        code.addTextChangedListener(new Edited(model::setEnrollmentCode));
        codeError = Views.error(this, column);
        action(column, words.text(Text.ACCOUNT_ENROLL), model::enroll);
        message = Views.text(this, "", Views.BODY);
        message.setAccessibilityLiveRegion(TextView.ACCESSIBILITY_LIVE_REGION_POLITE);
        column.addView(message, Views.fullWidth());
        residentLogOut = action(column, words.text(Text.ACCOUNT_RESIDENT_LOG_OUT), model::logOutResident);
        officerLogOut = action(column, words.text(Text.ACCOUNT_OFFICER_LOG_OUT), model::logOutOfficer);
        action(column, words.text(Text.ACCOUNT_REGISTER),
                () -> startActivity(new Intent(this, RegistrationActivity.class)));

        ScrollView scroll = new ScrollView(this);
        scroll.addView(column);
        setContentView(scroll);
    }

    @Override
    protected void onResume() {
        super.onResume();
        model.observe(observer);
        model.onShow();
    }

    @Override
    protected void onPause() {
        model.stopObserving(observer);
        super.onPause();
    }

    private void render(AccountScreen.State state) {
        server.setText(state.server());
        resident.setText(state.resident());
        officer.setText(state.officer());
        device.setText(state.device());
        Views.showError(loginError, state.loginError());
        Views.showError(passwordError, state.passwordError());
        Views.showError(codeError, state.enrollmentCodeError());
        message.setText(state.message().orElse(""));
        for (Button button : actions) {
            button.setEnabled(state.actionsEnabled());
        }
        residentLogOut.setEnabled(state.actionsEnabled() && state.residentLoggedIn());
        if (state.phase() == AccountScreen.Phase.DONE && state.enrolled()) {
            CheckpointSyncJob.schedule(this);
        }
        officerLogOut.setEnabled(state.actionsEnabled() && state.officerLoggedIn());
    }

    private TextView status(LinearLayout column) {
        TextView view = Views.text(this, "", Views.BODY);
        column.addView(view, Views.fullWidth());
        return view;
    }

    private EditText field(LinearLayout column, String label, int type) {
        column.addView(Views.text(this, label, Views.BODY), Views.fullWidth());
        EditText field = new EditText(this);
        field.setInputType(type);
        field.setTextSize(Views.BODY);
        field.setContentDescription(label);
        column.addView(field, Views.fullWidth());
        return field;
    }

    private Button action(LinearLayout column, String label, Runnable onTap) {
        Button button = Views.button(this, label, v -> onTap.run());
        actions.add(button);
        column.addView(button, Views.fullWidth());
        return button;
    }
}
