package io.tongxing.app.android;

import android.app.AlertDialog;
import android.content.Intent;
import android.view.View;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.family.FamilyScreen;
import io.tongxing.app.text.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@link FamilyScreen}: the people this resident looks after with each link's state and what can be
 * done for them, and who looks after this resident. What cannot be undone (ending a link, printing a card that
 * replaces the last one) is asked first.
 */
public final class FamilyActivity extends ScreenActivity<FamilyScreen.State, FamilyScreen> {
    private LinearLayout sections;
    private LinearLayout membersSection;
    private LinearLayout guardiansSection;
    private LinearLayout members;
    private LinearLayout guardians;
    private TextView copyAge;
    private TextView message;
    private Button add;
    private final List<Button> actions = new ArrayList<>();

    @Override
    protected Text title() {
        return Text.FAMILY_TITLE;
    }

    @Override
    protected FamilyScreen createModel(AppGraph graph) {
        return new FamilyScreen(graph.familySync(), graph.family, graph.familyApi(),
                new PaperCardFiles(this, graph.words.text(Text.FAMILY_PRINT_CARD)), graph.clock, graph.words,
                graph.background);
    }

    @Override
    protected View content() {
        LinearLayout column = Views.column(this);
        copyAge = Views.line(this, column, Views.BODY);
        message = Views.line(this, column, Views.BODY);
        message.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        sections = Views.slot(this, column);
        membersSection = section(Text.FAMILY_MEMBERS_HEADER);
        members = Views.slot(this, membersSection);
        add = Views.button(this, graph.words.text(Text.FAMILY_ADD),
                v -> startActivity(new Intent(this, FamilyMemberActivity.class)));
        membersSection.addView(add, Views.fullWidth());
        guardiansSection = section(Text.FAMILY_GUARDIANS_HEADER);
        guardians = Views.slot(this, guardiansSection);
        return scrolling(column);
    }

    /** A section under its heading, set apart from the one above it. */
    private LinearLayout section(Text heading) {
        LinearLayout section = new LinearLayout(this);
        section.setOrientation(LinearLayout.VERTICAL);
        section.setPadding(0, 0, 0, Views.dp(this, 24));
        section.addView(Views.text(this, graph.words.text(heading), Views.TITLE), Views.fullWidth());
        return section;
    }

    @Override
    protected void shown() {
        model.onShow();
    }

    @Override
    protected void render(FamilyScreen.State state) {
        // Someone who looks after nobody but is looked after (the member on their own phone) sees that first.
        boolean guardiansFirst = state.members().isEmpty() && !state.guardians().isEmpty();
        sections.removeAllViews();
        sections.addView(guardiansFirst ? guardiansSection : membersSection, Views.fullWidth());
        sections.addView(guardiansFirst ? membersSection : guardiansSection, Views.fullWidth());
        Views.setOrHide(copyAge, state.copyAge());
        Views.setOrHide(message, state.message());
        actions.clear();
        members.removeAllViews();
        state.noMembers().ifPresent(none -> members.addView(Views.text(this, none, Views.BODY), Views.fullWidth()));
        for (FamilyScreen.MemberCard card : state.members()) {
            Views.card(this, members, card.title(), card.state(), card.details());
            for (FamilyScreen.Button button : card.buttons()) {
                members.addView(button(button, () -> act(card, button.action())), Views.fullWidth());
            }
        }
        guardians.removeAllViews();
        state.noGuardians().ifPresent(none -> guardians.addView(Views.text(this, none, Views.BODY), Views.fullWidth()));
        for (FamilyScreen.GuardianCard card : state.guardians()) {
            Views.card(this, guardians, card.title(), card.state(), card.details());
            card.end().ifPresent(end -> guardians.addView(button(end, () -> model.endGuardian(card.id())),
                    Views.fullWidth()));
        }
        for (Button button : actions) {
            button.setEnabled(!state.busy());
        }
        add.setEnabled(!state.busy());
    }

    /** A member's or guardian's button: asks first when the model says so. */
    private Button button(FamilyScreen.Button button, Runnable action) {
        Button view = Views.button(this, button.label(), v -> {
            if (button.confirm().isPresent()) {
                new AlertDialog.Builder(this)
                        .setMessage(button.confirm().get())
                        .setPositiveButton(graph.words.text(Text.FAMILY_YES), (dialog, which) -> action.run())
                        .setNegativeButton(graph.words.text(Text.FAMILY_NO), null)
                        .show();
            } else {
                action.run();
            }
        });
        actions.add(view);
        return view;
    }

    private void act(FamilyScreen.MemberCard card, FamilyScreen.Action action) {
        FamilyMemberExtras member = new FamilyMemberExtras(card.id(), card.name());
        switch (action) {
            case ENTER_CODE:
                startActivity(member.intent(this, FamilyMemberActivity.class));
                break;
            case CHECK_IN:
                startActivity(member.intent(this, CheckInActivity.class));
                break;
            case SHOW_CODE:
                startActivity(member.intent(this, HealthCodeActivity.class));
                break;
            case SHOW_PASSES:
                startActivity(member.intent(this, PassesActivity.class));
                break;
            case PRINT_CARD:
                model.printCard(card.id());
                break;
            default:
                model.end(card.id());
        }
    }
}
