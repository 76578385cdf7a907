package io.tongxing.app.android;

import android.view.View;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.resident.PassesScreen;
import io.tongxing.app.text.Text;
import java.util.Optional;

/**
 * Renders {@link PassesScreen}: the list of passes, or one pass's QR with its running clock. Opened from the family
 * screen for a member ({@link FamilyMemberExtras}), the member's passes under a band naming them.
 */
public final class PassesActivity extends ScreenActivity<PassesScreen.State, PassesScreen> {
    private Optional<FamilyMemberExtras> member;
    private LinearLayout owner;
    private LinearLayout list;
    private LinearLayout code;
    private TextView codeTitle;
    private CodeImage qr;
    private TextView clock;
    private TextView binding;
    private Button hide;

    @Override
    protected Text title() {
        return member().isPresent() ? Text.FAMILY_PASSES_TITLE : Text.PASSES_TITLE;
    }

    private Optional<FamilyMemberExtras> member() {
        if (member == null) {
            member = FamilyMemberExtras.of(getIntent());
        }
        return member;
    }

    @Override
    protected PassesScreen createModel(AppGraph graph) {
        if (member().isPresent()) {
            return new PassesScreen(graph.family.snapshots(member.get().id()), graph.holderKeys, graph.clock,
                    graph.ticker, new WindowScreen(this), graph.words, Optional.of(member.get().maskedName()));
        }
        return new PassesScreen(graph.vault, graph.holderKeys, graph.clock, graph.ticker, new WindowScreen(this),
                graph.words);
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        owner = Views.slot(this, column);
        code = Views.slot(this, column);
        codeTitle = Views.line(this, code, Views.TITLE);
        qr = new CodeImage(this);
        code.addView(qr.view(), Views.fullWidth());
        clock = Views.clock(this, code);
        binding = Views.line(this, code, Views.BODY);
        hide = Views.button(this, "", v -> model.hideCode());
        code.addView(hide, Views.fullWidth());
        list = Views.slot(this, column);
        return scrolling(column);
    }

    @Override
    protected void shown() {
        model.onShow();
    }

    @Override
    protected void hidden() {
        model.onHide();
    }

    @Override
    protected void render(PassesScreen.State state) {
        owner.removeAllViews();
        state.owner().ifPresent(o -> owner.addView(Views.band(this, o, Views.TITLE), Views.spaced(this)));
        Views.showIf(state.shown().isPresent(), code);
        Views.showIf(!state.shown().isPresent(), list);
        if (state.shown().isPresent()) {
            PassesScreen.ShownPass shown = state.shown().get();
            codeTitle.setText(shown.title());
            qr.show(shown.qr(), shown.qrText(), shown.qrDescription());
            clock.setText(shown.clock());
            binding.setText(shown.binding());
            hide.setText(shown.hideLabel());
            hide.setContentDescription(shown.hideLabel());
            return;
        }
        list.removeAllViews();
        state.message().ifPresent(m -> list.addView(Views.text(this, m, Views.TITLE), Views.fullWidth()));
        for (PassesScreen.PassCard card : state.passes()) {
            Views.card(this, list, card.title(), card.state(), card.details());
            if (card.canShowCode()) {
                list.addView(Views.button(this, card.showCodeLabel(), v -> model.showCode(card.id())), Views.fullWidth());
            }
        }
        Views.lines(this, Views.slot(this, list), state.notices());
    }
}
