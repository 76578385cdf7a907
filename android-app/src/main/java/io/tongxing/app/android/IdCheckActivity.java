package io.tongxing.app.android;

import android.text.InputType;
import android.view.KeyEvent;
import android.view.View;
import android.view.ViewGroup;
import android.view.WindowManager;
import android.view.inputmethod.EditorInfo;
import android.widget.Button;
import android.widget.EditText;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.RadioButton;
import android.widget.RadioGroup;
import android.widget.TextView;
import io.tongxing.app.model.checkpoint.IdCheckForm;
import io.tongxing.app.model.checkpoint.IdNumberCheck;
import io.tongxing.app.text.Text;
import io.tongxing.sync.IdCheckReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@link IdCheckForm}, the checkpoint's "no phone" entry: the ID number (typed, or by a card reader that
 * types it and Enter), the reason, "check", and the verdict over the whole screen exactly as a scan's. A tap on
 * the verdict goes back to scanning. Like the checkpoint screen it stays on and cannot be captured.
 */
public final class IdCheckActivity extends ScreenActivity<IdCheckForm.State, IdCheckForm> {
    private EditText idNumber;
    private TextView idError;
    private final List<RadioButton> reasons = new ArrayList<>();
    private Button check;
    private TextView message;
    private VerdictView verdictView;

    @Override
    protected Text title() {
        return Text.IDCHECK_TITLE;
    }

    @Override
    protected IdCheckForm createModel(AppGraph graph) {
        return new IdCheckForm(graph.device(), new IdNumberCheck(graph.device(), graph.deviceApi()), graph.scanLog(),
                graph.clock, new SoundAndVibration(this), graph.words, graph.background, IdCheckReason.NO_PHONE);
    }

    @Override
    protected View content() {
        getWindow().addFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON | WindowManager.LayoutParams.FLAG_SECURE);
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, graph.words.text(Text.IDCHECK_INTRO), Views.BODY), Views.fullWidth());
        idNumber = Views.boundField(this, column, graph.words.text(Text.IDCHECK_NUMBER), InputType.TYPE_CLASS_TEXT
                | InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS | InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS,
                model.state().idNumber(), model::setIdNumber);
        idNumber.setSingleLine(true);
        idNumber.setImeOptions(EditorInfo.IME_ACTION_DONE);
        // A card reader types the number and Enter; the keyboard's "done" does the same.
        idNumber.setOnEditorActionListener((v, action, event) -> {
            model.submit();
            return true;
        });
        idNumber.setOnKeyListener((v, key, event) -> {
            if (event.getAction() == KeyEvent.ACTION_UP
                    && (key == KeyEvent.KEYCODE_ENTER || key == KeyEvent.KEYCODE_NUMPAD_ENTER)) {
                model.submit();
                return true;
            }
            return key == KeyEvent.KEYCODE_ENTER || key == KeyEvent.KEYCODE_NUMPAD_ENTER;
        });
        idError = Views.error(this, column);
        column.addView(Views.text(this, graph.words.text(Text.IDCHECK_REASON), Views.BODY), Views.fullWidth());
        RadioGroup group = new RadioGroup(this);
        for (IdCheckForm.ReasonOption option : model.state().reasons()) {
            RadioButton button = new RadioButton(this);
            button.setText(option.label());
            button.setTextSize(Views.BODY);
            button.setContentDescription(option.label());
            button.setOnClickListener(v -> model.choose(option.reason()));
            group.addView(button, Views.fullWidth());
            reasons.add(button);
        }
        column.addView(group, Views.fullWidth());
        check = Views.button(this, graph.words.text(Text.IDCHECK_SUBMIT), v -> model.submit());
        column.addView(check, Views.fullWidth());
        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        column.addView(Views.text(this, graph.words.text(Text.IDCHECK_PRIVACY), Views.BODY), Views.fullWidth());

        FrameLayout root = new FrameLayout(this);
        root.addView(scrolling(column), matchParent());
        verdictView = new VerdictView(this, () -> {
            model.onVerdictTapped();
            finish();
        });
        root.addView(verdictView.view(), matchParent());
        return root;
    }

    /** The view a verdict is shown in (over everything else). */
    View verdictOverlay() {
        return verdictView.view();
    }

    @Override
    protected void render(IdCheckForm.State state) {
        Views.setIfChanged(idNumber, state.idNumber());
        Views.showError(idError, state.idError());
        for (int i = 0; i < reasons.size(); i++) {
            RadioButton button = reasons.get(i);
            if (button.isChecked() != state.reasons().get(i).chosen()) {
                button.setChecked(state.reasons().get(i).chosen());
                button.jumpDrawablesToCurrentState();
            }
        }
        check.setEnabled(state.submitEnabled());
        idNumber.setEnabled(state.submitEnabled());
        Views.setOrHide(message, state.message());
        verdictView.render(state.phase() == IdCheckForm.Phase.VERDICT ? state.verdict() : Optional.empty(),
                state.phase() == IdCheckForm.Phase.LOG_FAILED ? state.error() : Optional.empty());
    }

    private static FrameLayout.LayoutParams matchParent() {
        return new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.MATCH_PARENT);
    }
}
