package io.tongxing.app.android;

import android.app.AlertDialog;
import android.content.DialogInterface;
import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.employer.EmployersScreen;
import io.tongxing.app.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@link EmployersScreen}: the enterprises that listed this resident as their employee and those they
 * refused, each with a button; the model's question (what a refusal or its undoing does, and an optional reason)
 * as a dialog, shown again after the screen is recreated.
 */
public final class EmployersActivity extends ScreenActivity<EmployersScreen.State, EmployersScreen> {
    private TextView copyAge;
    private TextView message;
    private LinearLayout listings;
    private TextView refusedHeader;
    private LinearLayout refusals;
    private final List<Button> actions = new ArrayList<>();
    private AlertDialog question;
    private TextView reasonError;

    @Override
    protected Text title() {
        return Text.EMPLOYERS_TITLE;
    }

    @Override
    protected EmployersScreen createModel(AppGraph graph) {
        return new EmployersScreen(graph.employersSync(), graph.employers, graph.employerApi(), graph.clock,
                graph.words, graph.background);
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, graph.words.text(Text.EMPLOYERS_INTRO), Views.BODY), Views.fullWidth());
        copyAge = Views.line(this, column, Views.BODY);
        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        column.addView(Views.text(this, graph.words.text(Text.EMPLOYERS_LISTED_HEADER), Views.TITLE), Views.fullWidth());
        listings = Views.slot(this, column);
        refusedHeader = Views.text(this, graph.words.text(Text.EMPLOYERS_REFUSED_HEADER), Views.TITLE);
        LinearLayout.LayoutParams apart = Views.fullWidth();
        apart.topMargin = Views.dp(this, 24);
        column.addView(refusedHeader, apart);
        refusals = Views.slot(this, column);
        return scrolling(column);
    }

    @Override
    protected void shown() {
        model.onShow();
    }

    @Override
    protected void hidden() {
        // The question stays in the model (and in the saved state): it is asked again when the screen is back.
        takeDown();
    }

    @Override
    protected void render(EmployersScreen.State state) {
        Views.setOrHide(copyAge, state.copyAge());
        Views.setOrHide(message, state.message());
        actions.clear();
        cards(listings, state.listings());
        state.noListings().ifPresent(none -> listings.addView(Views.text(this, none, Views.BODY), Views.fullWidth()));
        cards(refusals, state.refusals());
        Views.showIf(!state.refusals().isEmpty(), refusedHeader, refusals);
        for (Button button : actions) {
            button.setEnabled(!state.busy());
        }
        ask(state.question());
    }

    private void cards(LinearLayout list, List<EmployersScreen.Card> cards) {
        list.removeAllViews();
        for (EmployersScreen.Card card : cards) {
            Views.card(this, list, card.title(), card.state(), card.details());
            Button button = Views.button(this, card.button(), v -> {
                if (card.action() == EmployersScreen.Action.REFUSE) {
                    model.askToRefuse(card.id());
                } else {
                    model.askToUndo(card.id());
                }
            });
            list.addView(button, Views.fullWidth());
            actions.add(button);
        }
    }

    /** Shows the model's question, keeps its reason's message current, or takes it down once answered. */
    private void ask(Optional<EmployersScreen.Question> asked) {
        if (!asked.isPresent()) {
            takeDown();
            return;
        }
        EmployersScreen.Question q = asked.get();
        if (question == null) {
            LinearLayout column = Views.column(this);
            q.reasonLabel().ifPresent(label -> {
                Views.boundField(this, column, label, InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_FLAG_CAP_SENTENCES,
                        q.reason(), model::setReason);
                reasonError = Views.error(this, column);
            });
            question = new AlertDialog.Builder(this)
                    .setMessage(q.text())
                    .setView(column)
                    .setPositiveButton(q.yes(), (dialog, which) -> model.confirm())
                    .setNegativeButton(q.no(), (dialog, which) -> model.cancel())
                    .setOnCancelListener(dialog -> model.cancel())
                    .show();
        }
        if (reasonError != null) {
            Views.showError(reasonError, q.reasonError());
        }
        Button yes = question.getButton(DialogInterface.BUTTON_POSITIVE);
        if (yes != null) {
            yes.setEnabled(!q.reasonError().isPresent());
        }
    }

    private void takeDown() {
        if (question != null) {
            question.dismiss();
            question = null;
            reasonError = null;
        }
    }
}
