package io.tongxing.app.model.resident;

import io.tongxing.app.model.Ages;
import io.tongxing.app.model.Icon;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.Signal;
import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.app.platform.Screen;
import io.tongxing.app.platform.Ticker;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.qr.QrCode;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resident's passes and pass applications: for each its model, route, validity and state (valid,
 * suspended or revoked with the reason; pending or refused applications), and, for a valid pass, its QR
 * on request, kept bright, uncapturable and refreshed like the health code.
 */
public final class PassesScreen extends ScreenModel<PassesScreen.State> {
    private final SnapshotSource vault;
    /** The masked name of the family member whose passes these are; empty for the phone's own resident. */
    private final Optional<String> familyMember;
    private final HolderKeyStore keys;
    private final Clock clock;
    private final Localizer words;
    private final CodeDisplay display;

    private Optional<ResidentSnapshot> snapshot = Optional.empty();
    private final Map<String, CommuterPass> tokens = new LinkedHashMap<>();
    private Optional<String> shownId = Optional.empty();
    private LiveCode shownCode;

    /**
     * What the screen shows; {@code message} is set when there is nothing to list; {@code owner} names the family
     * member whose passes these are, when they are not the phone owner's.
     */
    public record State(List<PassCard> passes, Optional<String> message, List<String> notices, Optional<ShownPass> shown,
            Optional<Signal> owner) {
        public State {
            passes = Collections.unmodifiableList(new ArrayList<>(passes));
            notices = Collections.unmodifiableList(new ArrayList<>(notices));
        }
    }

    /** One pass or application in the list. */
    public record PassCard(String id, String title, Signal state, List<String> details, boolean canShowCode,
            String showCodeLabel) {
        public PassCard {
            details = Collections.unmodifiableList(new ArrayList<>(details));
        }
    }

    /** A pass's QR on screen, with the running clock. */
    public record ShownPass(String id, QrCode qr, String qrText, String qrDescription, String title, String binding,
            String clock, String hideLabel) {
    }

    public PassesScreen(SnapshotSource vault, HolderKeyStore keys, Clock clock, Ticker ticker, Screen screen,
            Localizer words) {
        this(vault, keys, clock, ticker, screen, words, Optional.empty());
    }

    /** @param familyMember the masked name of the family member whose passes these are, or empty for one's own */
    public PassesScreen(SnapshotSource vault, HolderKeyStore keys, Clock clock, Ticker ticker, Screen screen,
            Localizer words, Optional<String> familyMember) {
        super(new State(Collections.emptyList(), Optional.empty(), Collections.emptyList(), Optional.empty(),
                Optional.empty()));
        this.vault = Objects.requireNonNull(vault, "vault");
        this.familyMember = Objects.requireNonNull(familyMember, "familyMember");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
        this.display = new CodeDisplay(screen, ticker);
    }

    public synchronized void onShow() {
        tokens.clear();
        try {
            snapshot = vault.load();
        } catch (IOException e) {
            snapshot = Optional.empty();
        }
        if (snapshot.isPresent()) {
            for (PassRecord pass : snapshot.get().passes()) {
                pass.token().flatMap(OwnTokens::read).filter(c -> c instanceof CommuterPass)
                        .ifPresent(c -> tokens.put(pass.id(), (CommuterPass) c));
            }
        }
        render();
    }

    public synchronized void onHide() {
        hideCode();
    }

    /** Shows the QR of pass {@code id}, if it may be shown (issued and within its validity). */
    public synchronized void showCode(String id) {
        Optional<PassRecord> pass = find(id);
        if (!pass.isPresent() || !showable(pass.get(), clock.instant())) {
            return;
        }
        shownId = Optional.of(id);
        shownCode = LiveCode.of(pass.get().token().get(), tokens.get(id), keys);
        display.show(this::refresh, this::tick);
        render();
    }

    public synchronized void hideCode() {
        display.hide();
        shownId = Optional.empty();
        shownCode = null;
        render();
    }

    synchronized void refresh() {
        render();
    }

    /** Moves the running clock; the QR stays the one drawn last. */
    synchronized void tick() {
        State current = state();
        if (current.shown().isPresent()) {
            ShownPass shown = current.shown().get();
            publish(new State(current.passes(), current.message(), current.notices(), Optional.of(new ShownPass(
                    shown.id(), shown.qr(), shown.qrText(), shown.qrDescription(), shown.title(), shown.binding(),
                    CodeDisplay.clockText(words, clock), shown.hideLabel())), current.owner()));
        }
    }

    public boolean showingCode() {
        return display.showing();
    }

    private void render() {
        Instant now = clock.instant();
        List<String> notices = new ArrayList<>();
        snapshot.ifPresent(s -> notices.add(words.text(Text.CODE_OFFLINE_COPY, Ages.since(s.receivedAt(), now, words))));
        List<PassCard> cards = new ArrayList<>();
        if (snapshot.isPresent()) {
            for (PassRecord pass : snapshot.get().passes()) {
                cards.add(card(pass, now));
            }
        }
        Optional<ShownPass> shown = Optional.empty();
        if (shownId.isPresent()) {
            PassRecord pass = find(shownId.get()).get();
            if (showable(pass, now)) {
                CommuterPass credential = tokens.get(pass.id());
                String qrText = shownCode.qrText(now);
                String title = modelWords(credential.model());
                shown = Optional.of(new ShownPass(pass.id(), QrCode.encode(qrText), qrText,
                        words.text(Text.PASS_QR_DESCRIPTION, title, credential.maskedName()), title,
                        words.text(HealthCodeScreen.bindingText(shownCode.binding(), familyMember.isPresent())),
                        CodeDisplay.clockText(words, clock), words.text(Text.PASS_HIDE_CODE)));
            } else {
                // It expired while on screen: take it down.
                display.hide();
                shownId = Optional.empty();
            }
        }
        Optional<String> message = cards.isEmpty() ? Optional.of(words.text(Text.PASSES_NONE)) : Optional.empty();
        publish(new State(cards, message, notices, shown,
                familyMember.map(name -> HealthCodeScreen.owner(words.text(Text.FAMILY_CODE_HEADER, name)))));
    }

    private PassCard card(PassRecord pass, Instant now) {
        CommuterPass credential = tokens.get(pass.id());
        Optional<PassModel> model = credential != null ? Optional.of(credential.model()) : pass.model();
        String title = model.map(this::modelWords).orElse(words.text(Text.PASSES_TITLE));
        List<String> details = new ArrayList<>();
        List<RegionCode> route = credential != null ? credential.route() : pass.route();
        if (!route.isEmpty()) {
            details.add(words.text(Text.PASS_ROUTE, route(route, words)));
        }
        if (credential != null) {
            details.add(words.text(Text.PASS_VALIDITY, words.date(credential.validityStart()),
                    words.date(credential.expiresAt())));
            credential.vehiclePlate().ifPresent(plate -> details.add(words.text(Text.PASS_PLATE, plate)));
        }
        pass.appliedAt().ifPresent(at -> details.add(words.text(Text.PASS_APPLIED, words.date(at))));
        pass.reason().ifPresent(reason -> details.add(words.text(Text.PASS_REASON, reason)));
        return new PassCard(pass.id(), title, state(pass, credential, now), details, showable(pass, now),
                words.text(Text.PASS_SHOW_CODE));
    }

    private Signal state(PassRecord pass, CommuterPass credential, Instant now) {
        switch (pass.status()) {
            case SUSPENDED:
                return Signal.yellow(Icon.PAUSE, words.text(Text.PASS_STATE_SUSPENDED));
            case REVOKED:
                return Signal.red(Icon.CROSS, words.text(Text.PASS_STATE_REVOKED));
            case PENDING:
                return Signal.blue(Icon.HOURGLASS, words.text(Text.PASS_STATE_PENDING));
            case REFUSED:
                return Signal.red(Icon.CROSS, words.text(Text.PASS_STATE_REFUSED));
            default:
                if (credential == null || !now.isBefore(credential.expiresAt())) {
                    return Signal.grey(Icon.CROSS, words.text(Text.PASS_STATE_EXPIRED));
                }
                if (now.isBefore(credential.validityStart())) {
                    return Signal.blue(Icon.HOURGLASS, words.text(Text.PASS_STATE_NOT_YET_VALID));
                }
                return Signal.green(Icon.CHECK, words.text(Text.PASS_STATE_VALID));
        }
    }

    private boolean showable(PassRecord pass, Instant now) {
        CommuterPass credential = tokens.get(pass.id());
        return pass.status() == PassRecord.Status.ISSUED && credential != null
                && !now.isBefore(credential.validityStart()) && now.isBefore(credential.expiresAt());
    }

    private Optional<PassRecord> find(String id) {
        if (snapshot.isPresent()) {
            for (PassRecord pass : snapshot.get().passes()) {
                if (pass.id().equals(id)) {
                    return Optional.of(pass);
                }
            }
        }
        return Optional.empty();
    }

    private String modelWords(PassModel model) {
        return modelWords(model, words);
    }

    /** "廊坊市 → 北京市": the route by the regions' names, for this screen and the checkpoint's verdict. */
    public static String route(List<RegionCode> route, Localizer words) {
        StringBuilder text = new StringBuilder();
        for (RegionCode region : route) {
            if (text.length() > 0) {
                text.append(" → ");
            }
            text.append(words.region(region));
        }
        return text.toString();
    }

    /** The words for a pass model, for other screens (the checkpoint's verdict). */
    public static String modelWords(PassModel model, Localizer words) {
        switch (model) {
            case ONE_LETTER_ONE_CARD_ONE_PERMIT:
                return words.text(Text.PASS_MODEL_LCP);
            case TWO_COMMITMENTS_ONE_PERMIT:
                return words.text(Text.PASS_MODEL_CCP);
            case WORK_COMMUTE:
                return words.text(Text.PASS_MODEL_WC);
            default:
                return words.text(Text.PASS_MODEL_FV);
        }
    }
}
