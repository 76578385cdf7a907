package io.tongxing.app.model.resident;

import io.tongxing.app.model.Ages;
import io.tongxing.app.model.Icon;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.Signal;
import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.app.platform.Screen;
import io.tongxing.app.platform.Ticker;
import io.tongxing.app.server.ColourExplanations;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.qr.QrCode;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The resident's health code: a large QR (with a fresh holder proof every 30 s when the code is bound to
 * this phone), a band with the colour's icon and words, the masked name and last ID characters to
 * compare with the ID card, when it was issued and how long ago, and how old the phone's copy is. While
 * shown, the screen is bright and cannot be captured.
 */
public final class HealthCodeScreen extends ScreenModel<HealthCodeScreen.State> {
    /** Fourteen hidden characters and the four the token carries: the shape of an 18-character ID. */
    static final String HIDDEN_ID = "**************";

    private final SnapshotSource vault;
    /** The masked name of the family member whose code this is; empty for the phone's own resident. */
    private final Optional<String> familyMember;
    private final HolderKeyStore keys;
    private final Clock clock;
    private final Localizer words;
    private final ColourExplanations explanations;
    private final Executor background;
    private final CodeDisplay display;

    private Optional<ResidentSnapshot> snapshot = Optional.empty();
    private Optional<HealthCode> code = Optional.empty();
    private LiveCode live;
    private Optional<String> explanation = Optional.empty();
    private boolean explaining;

    /**
     * @param state what the screen shows; {@code code} is empty when there is no valid code to show,
     *     and {@code message} then says why
     * @param owner whose code it is, when it is not the phone owner's: a family member's, by masked name
     */
    public record State(Optional<Shown> code, Optional<String> message, List<String> notices, String whyLabel,
            boolean whyEnabled, Optional<String> explanation, Optional<Signal> owner) {
        public State {
            notices = Collections.unmodifiableList(new ArrayList<>(notices));
        }
    }

    /**
     * A code on screen. {@code qrText} is what the QR encodes (tests and accessibility need it); {@code clock}
     * is the phone's time to the second, running while the code is shown.
     */
    public record Shown(QrCode qr, String qrText, String qrDescription, Signal band, String name, String idNumber,
            String issued, String age, String clock, boolean live) {
    }

    public HealthCodeScreen(SnapshotSource vault, HolderKeyStore keys, Clock clock, Ticker ticker, Screen screen,
            Localizer words, ColourExplanations explanations, Executor background) {
        this(vault, keys, clock, ticker, screen, words, explanations, background, Optional.empty());
    }

    /**
     * @param familyMember the masked name of the family member whose code this is (the guardian shows it for
     *     them, labelled so that no officer takes it for the guardian's own), or empty for the resident's own
     */
    public HealthCodeScreen(SnapshotSource vault, HolderKeyStore keys, Clock clock, Ticker ticker, Screen screen,
            Localizer words, ColourExplanations explanations, Executor background, Optional<String> familyMember) {
        super(new State(Optional.empty(), Optional.empty(), Collections.emptyList(), words.text(Text.CODE_WHY),
                false, Optional.empty(), Optional.empty()));
        this.vault = Objects.requireNonNull(vault, "vault");
        this.familyMember = Objects.requireNonNull(familyMember, "familyMember");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
        this.explanations = Objects.requireNonNull(explanations, "explanations");
        this.background = Objects.requireNonNull(background, "background");
        this.display = new CodeDisplay(screen, ticker);
    }

    /** The screen came into view: read the stored code, raise brightness, block capture, start refreshing. */
    public synchronized void onShow() {
        load();
        display.show(this::refresh, this::tick);
        render();
    }

    /** The screen left view (or the app went to the background): stop refreshing, give the screen back. */
    public synchronized void onHide() {
        display.hide();
    }

    /** "Why is my code this colour?": asks the server, off the main thread (the resident's own code only). */
    public synchronized void onWhyRequested() {
        if (explaining || !code.isPresent() || familyMember.isPresent()) {
            return;
        }
        explaining = true;
        explanation = Optional.of(words.text(Text.CODE_WHY_LOADING));
        render();
        Locale language = words.chinese() ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        background.execute(() -> {
            String answer;
            try {
                answer = explanations.explain(language);
            } catch (IOException e) {
                answer = words.text(Text.CODE_WHY_UNAVAILABLE);
            } catch (ServerRefusedException e) {
                answer = e.getMessage();
            }
            synchronized (this) {
                explaining = false;
                explanation = Optional.of(answer);
                render();
            }
        });
    }

    /** Draws the QR anew (fresh holder proof, current ages); the ticker calls it every 30 s. */
    synchronized void refresh() {
        render();
    }

    /** Moves the running clock (and nothing else: the QR stays the one drawn last). */
    synchronized void tick() {
        State current = state();
        if (current.code().isPresent()) {
            Shown shown = current.code().get();
            publish(new State(Optional.of(new Shown(shown.qr(), shown.qrText(), shown.qrDescription(), shown.band(),
                    shown.name(), shown.idNumber(), shown.issued(), shown.age(), CodeDisplay.clockText(words, clock),
                    shown.live())), current.message(), current.notices(), current.whyLabel(), current.whyEnabled(),
                    current.explanation(), current.owner()));
        }
    }



    private void load() {
        code = Optional.empty();
        live = null;
        try {
            snapshot = vault.load();
        } catch (IOException e) {
            snapshot = Optional.empty(); // Unreadable: shown as "no code yet"; the next refresh rewrites it.
            return;
        }
        if (snapshot.isPresent() && snapshot.get().healthCode().isPresent()) {
            String token = snapshot.get().healthCode().get();
            Optional<Credential> credential = OwnTokens.read(token);
            if (credential.isPresent() && credential.get() instanceof HealthCode) {
                code = Optional.of((HealthCode) credential.get());
                live = LiveCode.of(token, code.get(), keys);
            }
        }
    }

    private void render() {
        Instant now = clock.instant();
        List<String> notices = new ArrayList<>();
        snapshot.ifPresent(s -> notices.add(words.text(Text.CODE_OFFLINE_COPY, Ages.since(s.receivedAt(), now, words))));
        Optional<Signal> owner = familyMember.map(name -> owner(words.text(Text.FAMILY_CODE_HEADER, name)));
        if (!code.isPresent()) {
            publish(new State(Optional.empty(), Optional.of(words.text(Text.CODE_NONE)), notices,
                    words.text(Text.CODE_WHY), false, Optional.empty(), owner));
            return;
        }
        HealthCode health = code.get();
        if (!now.isBefore(health.expiresAt())) {
            publish(new State(Optional.empty(), Optional.of(words.text(Text.CODE_EXPIRED)), notices,
                    words.text(Text.CODE_WHY), false, Optional.empty(), owner));
            return;
        }
        notices.add(0, words.text(bindingText(live.binding(), familyMember.isPresent())));
        String qrText = live.qrText(now);
        Signal band = band(health, words);
        String name = words.text(Text.CODE_NAME, health.maskedName());
        String qrDescription = words.text(Text.CODE_QR_DESCRIPTION, health.maskedName(), band.words());
        Shown shown = new Shown(QrCode.encode(qrText), qrText, qrDescription, band, name,
                words.text(Text.CODE_ID, HIDDEN_ID + health.idLastFour()),
                words.text(Text.CODE_ISSUED, words.dateTime(health.issuedAt())),
                words.text(Text.CODE_ISSUED_AGE, Ages.since(health.issuedAt(), now, words)), CodeDisplay.clockText(words, clock),
                live.binding() == LiveCode.Binding.LIVE);
        publish(new State(Optional.of(shown), Optional.empty(), notices, words.text(Text.CODE_WHY),
                !explaining && !familyMember.isPresent(), explanation, owner));
    }

    /**
     * The band over a family member's code or passes: dark, with two people and the member's masked name, so
     * neither the guardian nor an officer takes it for the guardian's own.
     */
    static Signal owner(String words) {
        return new Signal(0xFF37474F, Signal.WHITE, Icon.PERSON, words);
    }

    /** The band for a code's colour: icon and words ("绿码：可通行"), the colour only repeating them. */
    static Signal band(HealthCode health, Localizer words) {
        switch (health.colour()) {
            case GREEN:
                return Signal.green(Icon.CHECK, words.text(Text.CODE_GREEN));
            case YELLOW:
                return Signal.yellow(Icon.WARNING, words.text(Text.CODE_YELLOW));
            default:
                return Signal.red(Icon.CROSS, words.text(Text.CODE_RED));
        }
    }

    /** What a code's binding means for the person showing it, who may be a family member's guardian. */
    static Text bindingText(LiveCode.Binding binding, boolean familyMember) {
        if (familyMember && binding != LiveCode.Binding.LIVE) {
            // The guardian's phone never holds the member's key: a bound code was bound to the member's own phone.
            return binding == LiveCode.Binding.NOT_BOUND ? Text.FAMILY_CODE_NOT_BOUND : Text.FAMILY_CODE_OTHER_PHONE;
        }
        switch (binding) {
            case LIVE:
                return Text.CODE_LIVE;
            case OTHER_KEY:
                return Text.CODE_KEY_MISMATCH;
            case KEY_UNAVAILABLE:
                return Text.CODE_KEY_UNAVAILABLE;
            default:
                return Text.CODE_NOT_BOUND;
        }
    }

    /** True while the code is on screen (brightness raised, capture blocked, refreshing). */
    public boolean showing() {
        return display.showing();
    }
}
