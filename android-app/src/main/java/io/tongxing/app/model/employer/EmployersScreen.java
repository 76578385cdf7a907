package io.tongxing.app.model.employer;

import io.tongxing.app.model.Ages;
import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.ServerAction;
import io.tongxing.app.model.ServerList;
import io.tongxing.app.model.Signal;
import io.tongxing.app.server.EmployerService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * "My employers": every enterprise that listed this resident as its employee — with their name and ID number
 * together, as registered — with its credit code, when, and whether the listing links to them; the enterprises
 * they refused; refusing one ("this is not my employer") and taking a refusal back, each asked first in words
 * that say what it does. The list is kept on the phone and shown with its age when the server cannot be reached.
 * An open question and the reason typed into it survive the screen's recreation ({@link Restorable}).
 */
public final class EmployersScreen extends ScreenModel<EmployersScreen.State> implements Restorable {
    /** Longest reason the API takes ({@code Reason}, docs/openapi.yaml). */
    static final int REASON_MAX = 500;

    /** What a card's button does. */
    public enum Action { REFUSE, UNDO }

    /** One enterprise: its name, the state in words and icon, the details, and its button. */
    public record Card(String id, String title, Signal state, List<String> details, String button, Action action) {
        public Card {
            details = Collections.unmodifiableList(new ArrayList<>(details));
        }
    }

    /**
     * The question asked before refusing an enterprise or taking a refusal back: what it does, in words; for a
     * refusal, a field for an optional reason and what is wrong with it.
     */
    public record Question(Action action, String id, String text, Optional<String> reasonLabel, String reason,
            Optional<String> reasonError, String yes, String no) {
    }

    /**
     * @param copyAge said when the server could not be reached: the list on screen is the phone's copy, of this age
     * @param message what became of the last action, or why the list could not be had
     * @param busy an action is under way: the buttons wait
     */
    public record State(String intro, List<Card> listings, Optional<String> noListings, List<Card> refusals,
            Optional<String> copyAge, Optional<String> message, Optional<Question> question, boolean busy) {
        public State {
            listings = Collections.unmodifiableList(new ArrayList<>(listings));
            refusals = Collections.unmodifiableList(new ArrayList<>(refusals));
        }
    }

    private final EmployersSync sync;
    private final EmployersVault vault;
    private final EmployerService service;
    private final Clock clock;
    private final Localizer words;
    private final Executor background;

    private final ServerList<Employers> employers = new ServerList<>();
    /** Listings not seen before this screen showed them: marked "new" while it is open. */
    private final Set<String> fresh = new HashSet<>();
    private Optional<Action> asking = Optional.empty();
    private String askingAbout = "";
    private String reason = "";

    public EmployersScreen(EmployersSync sync, EmployersVault vault, EmployerService service, Clock clock,
            Localizer words, Executor background) {
        super(new State(words.text(Text.EMPLOYERS_INTRO), Collections.<Card>emptyList(), Optional.empty(),
                Collections.<Card>emptyList(), Optional.empty(), Optional.empty(), Optional.empty(), false));
        this.sync = Objects.requireNonNull(sync, "sync");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** The home screen's button: "My employers", with how many listings the resident has not seen yet. */
    public static String homeButton(EmployersVault vault, Localizer words) {
        int unseen;
        try {
            unseen = vault.unseen().size();
        } catch (IOException e) {
            unseen = 0; // unreadable: the screen itself fetches the list again
        }
        return unseen == 0 ? words.text(Text.MAIN_EMPLOYERS) : words.text(Text.MAIN_EMPLOYERS_NEW, unseen);
    }

    /** The screen came to the front: the kept list at once, then the server's, off the main thread. */
    public synchronized void onShow() {
        try {
            employers.kept(vault.employers());
        } catch (IOException e) {
            employers.kept(Optional.empty()); // unreadable: as if none was kept; the server's replaces it
        }
        markSeen();
        render();
        ServerAction.fetch(background, sync::refresh, fetched -> {
            synchronized (this) {
                if (employers.fetched(fetched)) {
                    markSeen();
                }
                render();
            }
        });
    }

    /** "This is not my employer" on listing {@code listingId}: asks first. */
    public synchronized void askToRefuse(String listingId) {
        ask(Action.REFUSE, listingId);
    }

    /** "Undo" on the refusal of enterprise {@code enterpriseId}: asks first. */
    public synchronized void askToUndo(String enterpriseId) {
        ask(Action.UNDO, enterpriseId);
    }

    /** What the resident types as the refusal's reason. */
    public synchronized void setReason(String text) {
        reason = text == null ? "" : text;
        render();
    }

    /** The question was answered no (or dismissed). */
    public synchronized void cancel() {
        asking = Optional.empty();
        reason = "";
        render();
    }

    /** The question was answered yes: the refusal or its undoing goes to the server. */
    public void confirm() {
        Action action;
        String id;
        Optional<String> because;
        synchronized (this) {
            if (!asking.isPresent() || employers.busy() || reasonError().isPresent()) {
                return;
            }
            action = asking.get();
            id = askingAbout;
            because = Optional.of(trimmed(reason)).filter(r -> !r.isEmpty());
            asking = Optional.empty();
            reason = "";
        }
        if (action == Action.REFUSE) {
            Optional<EmployerListing> listing = listing(id);
            listing.ifPresent(found -> act(() -> {
                service.refuse(id, because);
                return words.text(Text.EMPLOYERS_REFUSED_DONE, found.enterprise().name());
            }));
        } else {
            Optional<EmployerRefusal> refusal = refusal(id);
            refusal.ifPresent(found -> act(() -> {
                service.withdraw(id);
                return words.text(Text.EMPLOYERS_UNDONE, found.enterprise().name());
            }));
        }
    }

    @Override
    public synchronized Map<String, String> saved() {
        Map<String, String> saved = new LinkedHashMap<>();
        asking.ifPresent(action -> {
            saved.put("asking", action.name());
            saved.put("about", askingAbout);
            saved.put("reason", reason);
        });
        return saved;
    }

    @Override
    public synchronized void restore(Map<String, String> saved) {
        for (Action action : Action.values()) {
            if (action.name().equals(saved.get("asking"))) {
                asking = Optional.of(action);
                askingAbout = saved.getOrDefault("about", "");
                reason = saved.getOrDefault("reason", "");
            }
        }
    }

    private void ask(Action action, String id) {
        if (employers.busy()) {
            return;
        }
        asking = Optional.of(action);
        askingAbout = id;
        reason = "";
        render();
    }

    /** One server action, off the main thread; the list is fetched again after it, whatever became of it. */
    private void act(ServerAction.Work work) {
        synchronized (this) {
            if (!employers.begin(words.text(Text.ACCOUNT_WORKING))) {
                return;
            }
            render();
        }
        ServerAction.run(background, work, words.text(Text.EMPLOYERS_OFFLINE), sync::refresh, (said, received) -> {
            synchronized (this) {
                if (employers.ended(said, received)) {
                    markSeen();
                }
                render();
            }
        });
    }

    /** The listings on screen now count as seen (the home screen's badge goes); those new to the resident stay marked. */
    private void markSeen() {
        if (!employers.list().isPresent()) {
            return;
        }
        try {
            List<String> ids = new ArrayList<>();
            for (EmployerListing listing : vault.unseen()) {
                fresh.add(listing.listingId());
                ids.add(listing.listingId());
            }
            vault.seen(ids);
        } catch (IOException e) {
            // The badge stays until the next time; the list is shown all the same.
        }
    }

    private synchronized Optional<EmployerListing> listing(String listingId) {
        return employers.list().flatMap(e -> e.listings().stream().filter(l -> l.listingId().equals(listingId)).findFirst());
    }

    private synchronized Optional<EmployerRefusal> refusal(String enterpriseId) {
        return employers.list().flatMap(e -> e.refusals().stream().filter(r -> r.enterprise().id().equals(enterpriseId))
                .findFirst());
    }

    private Optional<String> reasonError() {
        return trimmed(reason).length() > REASON_MAX
                ? Optional.of(words.text(Text.EMPLOYERS_REASON_TOO_LONG, REASON_MAX))
                : Optional.<String>empty();
    }

    /**
     * {@code text} without the spaces of every kind around it (the server refuses a reason of spaces alone, and
     * a full-width space is one; {@code String.strip} is newer than Android 8).
     */
    static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && space(text.charAt(start))) {
            start++;
        }
        while (end > start && space(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private void render() {
        List<Card> listings = new ArrayList<>();
        List<Card> refusals = new ArrayList<>();
        if (employers.list().isPresent()) {
            // Linked listings first, then those the enterprise ended; the server's order (newest first) within each.
            for (boolean active : new boolean[] {true, false}) {
                for (EmployerListing listing : employers.list().get().listings()) {
                    if (listing.active() == active) {
                        listings.add(card(listing));
                    }
                }
            }
            for (EmployerRefusal refusal : employers.list().get().refusals()) {
                refusals.add(card(refusal));
            }
        }
        Optional<String> copyAge = Optional.empty();
        if (employers.offline()) {
            copyAge = Optional.of(employers.list().isPresent()
                    ? words.text(Text.EMPLOYERS_COPY, Ages.since(employers.list().get().receivedAt(), clock.instant(), words))
                    : words.text(Text.EMPLOYERS_UNREACHABLE));
        }
        Optional<String> none = employers.list().isPresent() && listings.isEmpty()
                ? Optional.of(words.text(Text.EMPLOYERS_NONE)) : Optional.<String>empty();
        publish(new State(words.text(Text.EMPLOYERS_INTRO), listings, none, refusals, copyAge, employers.message(), question(),
                employers.busy()));
    }

    private Optional<Question> question() {
        if (!asking.isPresent()) {
            return Optional.empty();
        }
        if (asking.get() == Action.REFUSE) {
            return listing(askingAbout).map(listing -> new Question(Action.REFUSE, askingAbout,
                    words.text(Text.EMPLOYERS_REFUSE_CONFIRM, listing.enterprise().name(),
                            listing.enterprise().creditCode()),
                    Optional.of(words.text(Text.EMPLOYERS_REFUSE_REASON)), reason, reasonError(),
                    words.text(Text.EMPLOYERS_REFUSE_YES), words.text(Text.EMPLOYERS_CANCEL)));
        }
        return refusal(askingAbout).map(refusal -> new Question(Action.UNDO, askingAbout,
                words.text(Text.EMPLOYERS_UNDO_CONFIRM, refusal.enterprise().name()), Optional.<String>empty(), "",
                Optional.<String>empty(), words.text(Text.EMPLOYERS_UNDO), words.text(Text.EMPLOYERS_CANCEL)));
    }

    private Card card(EmployerListing listing) {
        List<String> details = new ArrayList<>();
        if (fresh.contains(listing.listingId())) {
            details.add(words.text(Text.EMPLOYERS_NEW));
        }
        details.add(words.text(Text.EMPLOYERS_CREDIT_CODE, listing.enterprise().creditCode()));
        details.add(words.text(Text.EMPLOYERS_LISTED_ON, words.date(listing.listedAt())));
        if (listing.active()) {
            details.add(words.text(Text.EMPLOYERS_MAY_APPLY));
        }
        Signal state = listing.active() ? Signal.green(Icon.CHECK, words.text(Text.EMPLOYERS_STATE_LINKED))
                : Signal.grey(Icon.CROSS, words.text(Text.EMPLOYERS_STATE_ENDED));
        return new Card(listing.listingId(), listing.enterprise().name(), state, details,
                words.text(Text.EMPLOYERS_REFUSE), Action.REFUSE);
    }

    private Card card(EmployerRefusal refusal) {
        List<String> details = new ArrayList<>();
        details.add(words.text(Text.EMPLOYERS_CREDIT_CODE, refusal.enterprise().creditCode()));
        details.add(words.text(Text.EMPLOYERS_REFUSED_ON, words.date(refusal.refusedAt())));
        refusal.reason().ifPresent(because -> details.add(words.text(Text.EMPLOYERS_REASON, because)));
        details.add(words.text(Text.EMPLOYERS_NOT_LINKED));
        return new Card(refusal.enterprise().id(), refusal.enterprise().name(),
                Signal.grey(Icon.CROSS, words.text(Text.EMPLOYERS_STATE_REFUSED)), details, words.text(Text.EMPLOYERS_UNDO),
                Action.UNDO);
    }
}
