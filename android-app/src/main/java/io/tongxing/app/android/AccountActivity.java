package io.tongxing.app.android;

import android.app.Activity;
import android.os.Bundle;
import android.text.InputType;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Text;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Logging in: a resident with phone and password (then this phone's holder key is registered), or an
 * officer with user name, password and the checkpoint's one-time code (then this phone is enrolled as the
 * checkpoint's device). The work is {@code AccountSession}, {@code ResidentSync} and {@code HttpEnrollment},
 * tested against a real server; this screen only collects the fields and shows the outcome.
 */
public final class AccountActivity extends Activity {
    private AppGraph graph;
    private TextView outcome;

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        graph = TongxingApplication.graph(this);
        setTitle(graph.words.text(Text.ACCOUNT_TITLE));
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, graph.words.text(Text.ACCOUNT_SERVER, graph.serverUrl), Views.BODY),
                Views.fullWidth());
        EditText login = field(column, Text.ACCOUNT_LOGIN, InputType.TYPE_CLASS_TEXT);
        EditText password = field(column, Text.ACCOUNT_PASSWORD,
                InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PASSWORD);
        column.addView(Views.button(this, graph.words.text(Text.ACCOUNT_RESIDENT_LOG_IN),
                v -> residentLogin(login.getText().toString(), password.getText().toString())), Views.fullWidth());
        EditText code = field(column, Text.ACCOUNT_ENROLLMENT_CODE, InputType.TYPE_CLASS_TEXT);
        column.addView(Views.button(this, graph.words.text(Text.ACCOUNT_ENROLL),
                v -> enroll(login.getText().toString(), password.getText().toString(), code.getText().toString())),
                Views.fullWidth());
        outcome = Views.text(this, "", Views.BODY);
        outcome.setAccessibilityLiveRegion(TextView.ACCESSIBILITY_LIVE_REGION_POLITE);
        column.addView(outcome, Views.fullWidth());
        ScrollView scroll = new ScrollView(this);
        scroll.addView(column);
        setContentView(scroll);
    }

    private EditText field(LinearLayout column, Text label, int type) {
        column.addView(Views.text(this, graph.words.text(label), Views.BODY), Views.fullWidth());
        EditText field = new EditText(this);
        field.setInputType(type);
        field.setContentDescription(graph.words.text(label));
        column.addView(field, Views.fullWidth());
        return field;
    }

    private void residentLogin(String login, String password) {
        show(graph.words.text(Text.ACCOUNT_WORKING));
        graph.background.execute(() -> {
            try {
                graph.resident.login(login.trim(), password);
                ResidentSync sync = new ResidentSync(graph.residentApi, graph.vault, graph.holderKeys, graph.clock);
                sync.registerPhone();
                sync.refresh();
                show(graph.words.text(Text.ACCOUNT_DONE));
            } catch (ServerRefusedException e) {
                show(e.getMessage());
            } catch (IOException | GeneralSecurityException e) {
                show(graph.words.text(Text.SYNC_UNAVAILABLE));
            }
        });
    }

    private void enroll(String login, String password, String code) {
        show(graph.words.text(Text.ACCOUNT_WORKING));
        graph.background.execute(() -> {
            try {
                graph.officer.login(login.trim(), password);
                graph.device().enroll(graph.enrollment().enroll(code));
                show(graph.words.text(Text.ACCOUNT_DONE));
            } catch (ServerRefusedException e) {
                show(e.getMessage());
            } catch (IOException e) {
                show(graph.words.text(Text.SYNC_UNAVAILABLE));
            }
        });
    }

    private void show(String text) {
        runOnUiThread(() -> outcome.setText(text));
    }
}
