package io.tongxing.app.model.family;

import io.tongxing.app.model.Ages;
import io.tongxing.app.model.ColourWords;
import io.tongxing.app.model.Icon;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.ServerAction;
import io.tongxing.app.model.ServerList;
import io.tongxing.app.model.Signal;
import io.tongxing.app.platform.DocumentViewer;
import io.tongxing.app.server.FamilyService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The family screen: the people this resident looks after (or asked to), each with the link's state — waiting
 * for consent, linked, ended — and what can be done for them; and, for a resident who is someone's family
 * member, who looks after them, with a way to end it. The list is kept on the phone and shown with its age when
 * the server cannot be reached; the members' codes can be shown from the phone's copy, offline.
 */
public final class FamilyScreen extends ScreenModel<FamilyScreen.State> {
    /** What a member's button does. */
    public enum Action { ENTER_CODE, CHECK_IN, SHOW_CODE, SHOW_PASSES, PRINT_CARD, END }

    /** A button for a member; {@code confirm} is the question to ask before doing it, when it cannot be undone. */
    public record Button(Action action, String label, Optional<String> confirm) {
    }

    /** One member: the name the guardian gave, the state in words and icon, the details, the buttons. */
    public record MemberCard(String id, String name, String title, Signal state, List<String> details,
            List<Button> buttons) {
        public MemberCard {
            details = Collections.unmodifiableList(new ArrayList<>(details));
            buttons = Collections.unmodifiableList(new ArrayList<>(buttons));
        }
    }

    /** Someone who looks after this resident; {@code end} is present while the link is active. */
    public record GuardianCard(String id, String title, Signal state, List<String> details, Optional<Button> end) {
        public GuardianCard {
            details = Collections.unmodifiableList(new ArrayList<>(details));
        }
    }

    /**
     * @param copyAge said when the list on screen is the phone's copy because the server could not be reached
     * @param message what became of the last action
     * @param busy an action is under way: the buttons wait
     */
    public record State(List<MemberCard> members, Optional<String> noMembers, List<GuardianCard> guardians,
            Optional<String> noGuardians, Optional<String> copyAge, Optional<String> message, boolean busy) {
        public State {
            members = Collections.unmodifiableList(new ArrayList<>(members));
            guardians = Collections.unmodifiableList(new ArrayList<>(guardians));
        }
    }

    private final FamilySync sync;
    private final FamilyVault vault;
    private final FamilyService service;
    private final DocumentViewer viewer;
    private final Clock clock;
    private final Localizer words;
    private final Executor background;

    private final ServerList<Family> family = new ServerList<>();

    public FamilyScreen(FamilySync sync, FamilyVault vault, FamilyService service, DocumentViewer viewer, Clock clock,
            Localizer words, Executor background) {
        super(new State(Collections.<MemberCard>emptyList(), Optional.empty(), Collections.<GuardianCard>emptyList(),
                Optional.empty(), Optional.empty(), Optional.empty(), false));
        this.sync = Objects.requireNonNull(sync, "sync");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.service = Objects.requireNonNull(service, "service");
        this.viewer = Objects.requireNonNull(viewer, "viewer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** The screen came to the front: the kept list at once, then the server's, off the main thread. */
    public synchronized void onShow() {
        try {
            family.kept(vault.family());
        } catch (IOException e) {
            family.kept(Optional.empty()); // unreadable: as if none was kept; the server's replaces it
        }
        render();
        ServerAction.fetch(background, sync::refreshFamily, fetched -> {
            synchronized (this) {
                family.fetched(fetched);
                render();
            }
        });
    }

    /** The guardian ends the link with member {@code id}, or withdraws the request. */
    public void end(String id) {
        Optional<FamilyMember> member = member(id);
        if (!member.isPresent()) {
            return;
        }
        act(() -> {
            service.end(id, words.text(Text.FAMILY_END_REASON_GUARDIAN));
            return words.text(Text.FAMILY_ENDED, member.get().name());
        });
    }

    /** The resident ends guardian link {@code id}: that person no longer looks after them. */
    public void endGuardian(String id) {
        Optional<Guardian> guardian = guardian(id);
        if (!guardian.isPresent()) {
            return;
        }
        act(() -> {
            service.endGuardian(id, words.text(Text.FAMILY_END_REASON_MEMBER));
            return words.text(Text.FAMILY_ENDED, guardian.get().maskedName());
        });
    }

    /** Prints a new paper card for member {@code id} and offers it to the phone's apps to print or share. */
    public void printCard(String id) {
        Optional<FamilyMember> member = member(id);
        if (!member.isPresent()) {
            return;
        }
        act(() -> {
            byte[] pdf = service.paperCard(id);
            viewer.openPdf("card-" + id, pdf);
            return words.text(Text.FAMILY_CARD_PRINTED, member.get().name(), words.dateTime(clock.instant()));
        });
    }

    /** One server action, off the main thread; the list is fetched again after it, whatever became of it. */
    private void act(ServerAction.Work work) {
        synchronized (this) {
            if (!family.begin(words.text(Text.ACCOUNT_WORKING))) {
                return;
            }
            render();
        }
        ServerAction.run(background, work, words.text(Text.FAMILY_OFFLINE), sync::refreshFamily, (said, fresh) -> {
            synchronized (this) {
                family.ended(said, fresh);
                render();
            }
        });
    }

    private synchronized Optional<FamilyMember> member(String id) {
        if (family.list().isPresent()) {
            for (FamilyMember member : family.list().get().members()) {
                if (member.id().equals(id)) {
                    return Optional.of(member);
                }
            }
        }
        return Optional.empty();
    }

    private synchronized Optional<Guardian> guardian(String id) {
        if (family.list().isPresent()) {
            for (Guardian guardian : family.list().get().guardians()) {
                if (guardian.id().equals(id)) {
                    return Optional.of(guardian);
                }
            }
        }
        return Optional.empty();
    }

    private void render() {
        Instant now = clock.instant();
        List<MemberCard> members = new ArrayList<>();
        List<GuardianCard> guardians = new ArrayList<>();
        if (family.list().isPresent()) {
            // Those looked after first, then requests waiting, then ended links; the server's order within each.
            for (FamilyMember.State state : FamilyMember.State.values()) {
                for (FamilyMember member : family.list().get().members()) {
                    if (member.state() == state) {
                        members.add(card(member));
                    }
                }
            }
            for (Guardian guardian : family.list().get().guardians()) {
                guardians.add(card(guardian));
            }
        }
        Optional<String> copyAge = family.offline() && family.list().isPresent()
                ? Optional.of(words.text(Text.FAMILY_COPY, Ages.since(family.list().get().receivedAt(), now, words)))
                : Optional.<String>empty();
        publish(new State(members, members.isEmpty() ? Optional.of(words.text(Text.FAMILY_NONE)) : Optional.empty(),
                guardians, guardians.isEmpty() ? Optional.of(words.text(Text.FAMILY_NO_GUARDIANS)) : Optional.empty(),
                copyAge, family.message(), family.busy()));
    }

    private MemberCard card(FamilyMember member) {
        List<String> details = new ArrayList<>();
        List<Button> buttons = new ArrayList<>();
        details.add(words.text(Text.FAMILY_ID, member.maskedIdNumber()));
        details.add(words.text(member.consent() == Consent.PHONE_CODE ? Text.FAMILY_CONSENT_BY_CODE
                : Text.FAMILY_CONSENT_AT_DESK));
        Signal state;
        switch (member.state()) {
            case PENDING:
                state = Signal.blue(Icon.HOURGLASS, words.text(Text.FAMILY_STATE_PENDING));
                details.add(words.text(member.consent() == Consent.PHONE_CODE ? Text.FAMILY_PENDING_CODE
                        : Text.FAMILY_PENDING_DESK));
                details.add(words.text(Text.FAMILY_REQUESTED, words.date(member.requestedAt())));
                if (member.consent() == Consent.PHONE_CODE) {
                    buttons.add(new Button(Action.ENTER_CODE, words.text(Text.FAMILY_ENTER_CODE), Optional.empty()));
                }
                buttons.add(new Button(Action.END, words.text(Text.FAMILY_WITHDRAW),
                        Optional.of(words.text(Text.FAMILY_WITHDRAW_CONFIRM, member.name()))));
                break;
            case ACTIVE:
                state = Signal.green(Icon.CHECK, words.text(Text.FAMILY_STATE_ACTIVE));
                member.consentedAt().ifPresent(at -> details.add(words.text(Text.FAMILY_SINCE, words.date(at))));
                member.colour().ifPresent(colour -> details.add(words.text(Text.FAMILY_COLOUR,
                        ColourWords.of(colour, words))));
                details.add(paperCard(member.paperCard()));
                buttons.add(new Button(Action.CHECK_IN, words.text(Text.FAMILY_CHECK_IN), Optional.empty()));
                buttons.add(new Button(Action.SHOW_CODE, words.text(Text.FAMILY_SHOW_CODE), Optional.empty()));
                buttons.add(new Button(Action.SHOW_PASSES, words.text(Text.FAMILY_SHOW_PASSES), Optional.empty()));
                buttons.add(new Button(Action.PRINT_CARD, words.text(Text.FAMILY_PRINT_CARD),
                        Optional.of(words.text(Text.FAMILY_PRINT_CONFIRM, member.name()))));
                buttons.add(new Button(Action.END, words.text(Text.FAMILY_END),
                        Optional.of(words.text(Text.FAMILY_END_CONFIRM, member.name()))));
                break;
            default:
                state = Signal.grey(Icon.CROSS, words.text(Text.FAMILY_STATE_ENDED));
                member.endedAt().ifPresent(at -> details.add(words.text(Text.FAMILY_ENDED_ON, words.date(at))));
        }
        return new MemberCard(member.id(), member.name(),
                words.text(Text.FAMILY_MEMBER_TITLE, member.name(), words.text(member.relation().label())), state,
                details, buttons);
    }

    private GuardianCard card(Guardian guardian) {
        List<String> details = new ArrayList<>();
        details.add(words.text(Text.FAMILY_YOU_ARE, words.text(guardian.relation().label())));
        guardian.since().ifPresent(at -> details.add(words.text(Text.FAMILY_SINCE, words.date(at))));
        details.add(words.text(guardian.consent() == Consent.PHONE_CODE ? Text.FAMILY_YOU_AGREED_BY_CODE
                : Text.FAMILY_YOU_AGREED_AT_DESK));
        Signal state = guardian.active() ? Signal.green(Icon.PERSON, words.text(Text.FAMILY_GUARDIAN_ACTIVE))
                : Signal.grey(Icon.CROSS, words.text(Text.FAMILY_STATE_ENDED));
        Optional<Button> end = guardian.active()
                ? Optional.of(new Button(Action.END, words.text(Text.FAMILY_END_GUARDIAN),
                        Optional.of(words.text(Text.FAMILY_END_GUARDIAN_CONFIRM, guardian.maskedName()))))
                : Optional.<Button>empty();
        return new GuardianCard(guardian.id(), guardian.maskedName(), state, details, end);
    }

    private String paperCard(Optional<FamilyMember.PaperCardInfo> card) {
        if (!card.isPresent()) {
            return words.text(Text.FAMILY_CARD_NONE);
        }
        switch (card.get().status()) {
            case "VALID":
                return words.text(Text.FAMILY_CARD_VALID, words.date(card.get().expiresAt()));
            case "SUSPENDED":
                return words.text(Text.FAMILY_CARD_SUSPENDED, words.date(card.get().expiresAt()));
            default:
                return words.text(Text.FAMILY_CARD_INVALID);
        }
    }
}
