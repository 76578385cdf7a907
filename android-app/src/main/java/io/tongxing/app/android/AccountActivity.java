package io.tongxing.app.android;

import android.content.Intent;
import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.account.AccountScreen;
import io.tongxing.app.model.checkpoint.ScannerBroadcast;
import io.tongxing.app.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@link AccountScreen}: who is logged in, the checkpoint this phone scans for, the server, the
 * login fields and the buttons; below them the hardware scanner's broadcast settings. Edits and taps go to
 * the model; registration and the choice of server open their own screens.
 */
public final class AccountActivity extends ScreenActivity<AccountScreen.State, AccountScreen> {
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
    private EditText scannerAction;
    private EditText scannerExtra;
    private TextView scannerMessage;
    private final List<Button> actions = new ArrayList<>();

    @Override
    protected Text title() {
        return Text.ACCOUNT_TITLE;
    }

    @Override
    protected AccountScreen createModel(AppGraph graph) {
        return graph.accountScreen();
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        server = Views.line(this, column, Views.BODY);
        action(column, Text.ACCOUNT_CHANGE_SERVER, () -> startActivity(new Intent(this, ServerActivity.class)));
        resident = Views.line(this, column, Views.BODY);
        officer = Views.line(this, column, Views.BODY);
        device = Views.line(this, column, Views.BODY);
        EditText login = Views.field(this, column, graph.words.text(Text.ACCOUNT_LOGIN), InputType.TYPE_CLASS_TEXT);
        login.setText(model.login());
        login.addTextChangedListener(new Edited(model::setLogin));
        loginError = Views.error(this, column);
        EditText password = Views.field(this, column, graph.words.text(Text.ACCOUNT_PASSWORD),
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PASSWORD);
        password.addTextChangedListener(new Edited(model::setPassword));
        passwordError = Views.error(this, column);
        action(column, Text.ACCOUNT_RESIDENT_LOG_IN, model::logInResident);
        EditText code = Views.field(this, column, graph.words.text(Text.ACCOUNT_ENROLLMENT_CODE),
                InputType.TYPE_CLASS_TEXT);
        code.setText(model.enrollmentCode());
        code.addTextChangedListener(new Edited(model::setEnrollmentCode));
        codeError = Views.error(this, column);
        action(column, Text.ACCOUNT_ENROLL, model::enroll);
        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        residentLogOut = action(column, Text.ACCOUNT_RESIDENT_LOG_OUT, model::logOutResident);
        officerLogOut = action(column, Text.ACCOUNT_OFFICER_LOG_OUT, model::logOutOfficer);
        action(column, Text.ACCOUNT_REGISTER, () -> startActivity(new Intent(this, RegistrationActivity.class)));
        scannerSettings(column);
        return scrolling(column);
    }

    /** The action and extra a broadcast-intent scanner sends (Zebra DataWedge, Honeywell). */
    private void scannerSettings(LinearLayout column) {
        TextView heading = Views.text(this, graph.words.text(Text.ACCOUNT_SCANNER), Views.TITLE);
        column.addView(heading, Views.fullWidth());
        ScannerBroadcast current = graph.settings.scanner();
        scannerAction = Views.field(this, column, graph.words.text(Text.ACCOUNT_SCANNER_ACTION), InputType.TYPE_CLASS_TEXT);
        scannerAction.setText(current.action());
        scannerExtra = Views.field(this, column, graph.words.text(Text.ACCOUNT_SCANNER_EXTRA), InputType.TYPE_CLASS_TEXT);
        scannerExtra.setText(current.extra());
        column.addView(Views.button(this, graph.words.text(Text.ACCOUNT_SCANNER_SAVE), v -> saveScanner()),
                Views.fullWidth());
        scannerMessage = Views.line(this, column, Views.BODY);
        scannerMessage.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        scannerMessage.setVisibility(View.GONE);
    }

    private void saveScanner() {
        Optional<ScannerBroadcast> typed = ScannerBroadcast.parse(scannerAction.getText().toString(),
                scannerExtra.getText().toString());
        typed.ifPresent(graph.settings::scanner);
        if (typed.isPresent()) {
            Views.setOrHide(scannerMessage, Optional.of(graph.words.text(Text.ACCOUNT_SCANNER_SAVED)));
        } else {
            Views.showError(scannerMessage, Optional.of(graph.words.text(Text.ACCOUNT_SCANNER_INVALID)));
        }
    }

    @Override
    protected void shown() {
        model.onShow();
    }

    @Override
    protected void render(AccountScreen.State state) {
        server.setText(state.server());
        resident.setText(state.resident());
        officer.setText(state.officer());
        device.setText(state.device());
        Views.showError(loginError, state.loginError());
        Views.showError(passwordError, state.passwordError());
        Views.showError(codeError, state.enrollmentCodeError());
        Views.setOrHide(message, state.message());
        for (Button button : actions) {
            button.setEnabled(state.actionsEnabled());
        }
        residentLogOut.setEnabled(state.actionsEnabled() && state.residentLoggedIn());
        officerLogOut.setEnabled(state.actionsEnabled() && state.officerLoggedIn());
        if (state.phase() == AccountScreen.Phase.DONE && state.enrolled()) {
            CheckpointSyncJob.schedule(this);
        }
    }

    private Button action(LinearLayout column, Text label, Runnable onTap) {
        Button button = Views.button(this, graph.words.text(label), v -> onTap.run());
        actions.add(button);
        column.addView(button, Views.fullWidth());
        return button;
    }
}
