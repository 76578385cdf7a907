package io.tongxing.app.android;

import android.view.View;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.resident.HealthCodeScreen;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Text;
import java.io.IOException;
import java.util.Optional;

/**
 * Renders {@link HealthCodeScreen}; nothing here decides anything. Opened from the family screen for a member
 * ({@link FamilyMemberExtras}), it shows that member's code, kept on this phone, under a band naming them.
 */
public final class HealthCodeActivity extends ScreenActivity<HealthCodeScreen.State, HealthCodeScreen> {
    private Optional<FamilyMemberExtras> member;
    private LinearLayout owner;
    private LinearLayout band;
    private CodeImage qr;
    private TextView name;
    private TextView idNumber;
    private TextView issued;
    private TextView age;
    private TextView clock;
    private TextView message;
    private LinearLayout notices;
    private Button why;
    private TextView explanation;

    @Override
    protected Text title() {
        return member().isPresent() ? Text.FAMILY_CODE_TITLE : Text.CODE_TITLE;
    }

    private Optional<FamilyMemberExtras> member() {
        if (member == null) {
            member = FamilyMemberExtras.of(getIntent());
        }
        return member;
    }

    @Override
    protected HealthCodeScreen createModel(AppGraph graph) {
        if (member().isPresent()) {
            return new HealthCodeScreen(graph.family.snapshots(member.get().id()), graph.holderKeys, graph.clock,
                    graph.ticker, new WindowScreen(this), graph.words, graph.residentApi(), graph.background,
                    Optional.of(member.get().maskedName()));
        }
        return new HealthCodeScreen(graph.vault, graph.holderKeys, graph.clock, graph.ticker, new WindowScreen(this),
                graph.words, graph.residentApi(), graph.background);
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        owner = Views.slot(this, column);
        band = Views.slot(this, column);
        qr = new CodeImage(this);
        column.addView(qr.view(), Views.fullWidth());
        clock = Views.clock(this, column);
        name = Views.line(this, column, Views.TITLE);
        idNumber = Views.line(this, column, Views.BODY);
        // The issue time and its age on lines of their own: "（1 小时前）" never breaks across two.
        issued = Views.line(this, column, Views.BODY);
        age = Views.line(this, column, Views.BODY);
        message = Views.line(this, column, Views.TITLE);
        notices = Views.slot(this, column);
        why = Views.button(this, "", v -> model.onWhyRequested());
        column.addView(why, Views.fullWidth());
        explanation = Views.line(this, column, Views.BODY);
        return scrolling(column);
    }

    private static final int NOTIFICATION_REQUEST = 2;

    /**
     * A resident who looks at their code is told about changes from now on: the background refresh is
     * scheduled and, on API 33+, the notification permission asked for (once granted or refused, the
     * system does not ask again).
     */
    @Override
    protected void onStart() {
        super.onStart();
        if (member().isPresent()) {
            return; // the guardian's own code screen schedules the refresh and asks for notifications
        }
        ResidentRefreshJob.schedule(this);
        if (!ResidentNotifier.allowed(this)) {
            requestPermissions(new String[] {android.Manifest.permission.POST_NOTIFICATIONS}, NOTIFICATION_REQUEST);
        }
    }

    @Override
    protected void shown() {
        model.onShow();
        graph.background.execute(() -> {
            try {
                if (member().isPresent()) {
                    graph.familySync().refreshMember(member().get().id());
                } else {
                    graph.residentSync().refresh();
                }
                runOnUiThread(() -> {
                    model.onHide();
                    model.onShow();
                });
            } catch (IOException | ServerRefusedException e) {
                // Offline or logged out: the stored copy stays on screen with its age.
            }
        });
    }

    @Override
    protected void hidden() {
        model.onHide();
    }

    @Override
    protected void render(HealthCodeScreen.State state) {
        owner.removeAllViews();
        state.owner().ifPresent(o -> owner.addView(Views.band(this, o, Views.TITLE), Views.spaced(this)));
        boolean shown = state.code().isPresent();
        Views.showIf(shown, band, qr.view(), clock, name, idNumber, issued, age);
        if (shown) {
            HealthCodeScreen.Shown code = state.code().get();
            band.removeAllViews();
            band.addView(Views.band(this, code.band(), Views.TITLE), Views.fullWidth());
            qr.show(code.qr(), code.qrText(), code.qrDescription());
            clock.setText(code.clock());
            name.setText(code.name());
            idNumber.setText(code.idNumber());
            issued.setText(code.issued());
            age.setText(code.age());
        }
        Views.setOrHide(message, state.message());
        Views.lines(this, notices, state.notices());
        why.setText(state.whyLabel());
        why.setContentDescription(state.whyLabel());
        Views.showIf(state.whyEnabled(), why);
        Views.setOrHide(explanation, state.explanation());
    }
}
