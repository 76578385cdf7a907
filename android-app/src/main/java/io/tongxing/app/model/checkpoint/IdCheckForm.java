package io.tongxing.app.model.checkpoint;

import io.tongxing.app.model.IdNumberProblems;
import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.platform.Feedback;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.scanlog.StorageException;
import io.tongxing.app.server.Enrollment;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.sync.IdCheckReason;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The officer's "no phone" entry: the number from a person's ID card (typed, or typed by a card reader that ends
 * with Enter) and why they are checked by number. The number is checked here first (GB 11643), so a typo is
 * pointed out and nothing is sent; then {@link IdNumberCheck} asks the home server and verifies its answer, the
 * verdict is written to the scan log like a scan, and only then shown, on the same full-screen verdict as a scan.
 * The number is forgotten once checked: the scan log never holds it.
 */
public final class IdCheckForm extends ScreenModel<IdCheckForm.State> implements Restorable {
    /** Where the form stands. */
    public enum Phase {
        /** The device is not enrolled or holds no verified data: nothing can be checked. */
        NOT_READY,
        EDITING,
        CHECKING,
        VERDICT,
        /** The verdict could not be logged: it is withheld, the officer checks by hand. */
        LOG_FAILED
    }

    /** One of the four reasons, as a choice on screen. */
    public record ReasonOption(IdCheckReason reason, String label, boolean chosen) {
    }

    /**
     * @param message what became of the last try (checking, "fix the number"), or why nothing can be checked
     * @param error the scan log could not be written (with {@link Phase#LOG_FAILED})
     */
    public record State(Phase phase, String idNumber, Optional<String> idError, List<ReasonOption> reasons,
            Optional<String> message, boolean submitEnabled, Optional<VerdictScreen> verdict, Optional<String> error) {
        public State {
            reasons = Collections.unmodifiableList(new ArrayList<>(reasons));
        }
    }

    private static final String VERDICT = "verdict.";

    private final CheckpointDevice device;
    private final IdNumberCheck check;
    private final ScanLog log;
    private final Clock clock;
    private final Feedback feedback;
    private final Localizer words;
    private final Executor background;

    private String idNumber = "";
    private IdCheckReason reason;
    private boolean attempted;
    private Phase phase = Phase.EDITING;
    private Optional<String> message = Optional.empty();
    private Optional<VerdictScreen> verdict = Optional.empty();
    private Optional<String> error = Optional.empty();

    public IdCheckForm(CheckpointDevice device, IdNumberCheck check, ScanLog log, Clock clock, Feedback feedback,
            Localizer words, Executor background, IdCheckReason initialReason) {
        super(new State(Phase.NOT_READY, "", Optional.empty(), Collections.<ReasonOption>emptyList(), Optional.empty(),
                false, Optional.empty(), Optional.empty()));
        this.device = Objects.requireNonNull(device, "device");
        this.check = Objects.requireNonNull(check, "check");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
        this.reason = Objects.requireNonNull(initialReason, "initialReason");
        render();
    }

    public synchronized void setIdNumber(String text) {
        idNumber = text == null ? "" : text;
        edited();
    }

    public synchronized void choose(IdCheckReason chosen) {
        reason = Objects.requireNonNull(chosen, "chosen");
        edited();
    }

    /** Checks the number here; if it is a valid one, asks the server off the main thread. */
    public synchronized void submit() {
        if (phase == Phase.CHECKING || phase == Phase.VERDICT || !ready()) {
            render();
            return;
        }
        attempted = true;
        if (problem().isPresent()) {
            phase = Phase.EDITING;
            message = Optional.of(words.text(Text.IDCHECK_FIX));
            render();
            return;
        }
        String number = ResidentIdNumbers.normalize(idNumber);
        IdCheckReason why = reason;
        String checkpoint = device.enrollment().map(Enrollment::checkpoint).get();
        phase = Phase.CHECKING;
        message = Optional.of(words.text(Text.IDCHECK_CHECKING));
        render();
        background.execute(() -> answered(checkpoint, check.check(number, why)));
    }

    private void answered(String checkpoint, IdNumberCheck.Result result) {
        ScanRecord record;
        try {
            record = log.append(checkpoint, result.verdict());
        } catch (StorageException e) {
            synchronized (this) {
                phase = Phase.LOG_FAILED;
                error = Optional.of(words.text(Text.SCAN_LOG_FAILED));
                message = Optional.empty();
                render();
            }
            feedback.play(Feedback.Cue.REVIEW);
            return;
        }
        VerdictScreen shown = VerdictScreen.of(result.verdict(), record, words, clock.instant(), result.serverSaid());
        synchronized (this) {
            phase = Phase.VERDICT;
            verdict = Optional.of(shown);
            message = Optional.empty();
            // Checked: the number goes, for the next person, and is kept nowhere.
            idNumber = "";
            attempted = false;
            render();
        }
        feedback.play(shown.cue());
    }

    /** The officer tapped the verdict (or the error): the form is empty again. */
    public synchronized void onVerdictTapped() {
        if (phase == Phase.VERDICT || phase == Phase.LOG_FAILED) {
            phase = Phase.EDITING;
            verdict = Optional.empty();
            error = Optional.empty();
            render();
        }
    }

    /** What was typed, or the verdict on screen; never the number once it was checked. */
    @Override
    public synchronized Map<String, String> saved() {
        Map<String, String> saved = new LinkedHashMap<>();
        saved.put("reason", reason.code());
        if (phase == Phase.VERDICT && verdict.isPresent()) {
            for (Map.Entry<String, String> entry : verdict.get().saved().entrySet()) {
                saved.put(VERDICT + entry.getKey(), entry.getValue());
            }
        } else {
            saved.put("idNumber", idNumber);
            saved.put("attempted", Boolean.toString(attempted));
        }
        return saved;
    }

    @Override
    public synchronized void restore(Map<String, String> saved) {
        IdCheckReason.ofCode(saved.getOrDefault("reason", "")).ifPresent(r -> reason = r);
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : saved.entrySet()) {
            if (entry.getKey().startsWith(VERDICT)) {
                kept.put(entry.getKey().substring(VERDICT.length()), entry.getValue());
            }
        }
        verdict = VerdictScreen.restored(kept, words);
        if (verdict.isPresent()) {
            phase = Phase.VERDICT;
        } else {
            // A check under way when the app was killed never got its answer here: the officer sends it again.
            idNumber = saved.getOrDefault("idNumber", "");
            attempted = Boolean.parseBoolean(saved.get("attempted"));
            phase = Phase.EDITING;
        }
        render();
    }

    private void edited() {
        if (phase == Phase.EDITING) {
            message = Optional.empty();
        }
        render();
    }

    private Optional<String> problem() {
        return IdNumberProblems.of(idNumber, LocalDate.now(clock), words);
    }

    private boolean ready() {
        return device.verifier().isPresent() && device.enrollment().isPresent();
    }

    private void render() {
        Phase shown = phase == Phase.EDITING && !ready() ? Phase.NOT_READY : phase;
        List<ReasonOption> options = new ArrayList<>();
        for (IdCheckReason option : IdCheckReason.values()) {
            options.add(new ReasonOption(option, words.text(label(option)), option == reason));
        }
        Optional<String> said = shown == Phase.NOT_READY ? Optional.of(words.text(Text.BANNER_NOT_SYNCED)) : message;
        publish(new State(shown, idNumber, attempted ? problem() : Optional.<String>empty(), options, said,
                shown == Phase.EDITING, verdict, error));
    }

    static Text label(IdCheckReason reason) {
        switch (reason) {
            case NO_PHONE:
                return Text.IDCHECK_REASON_NO_PHONE;
            case PHONE_UNUSABLE:
                return Text.IDCHECK_REASON_PHONE_UNUSABLE;
            case CODE_UNREADABLE:
                return Text.IDCHECK_REASON_CODE_UNREADABLE;
            default:
                return Text.IDCHECK_REASON_CONFIRM_SCAN;
        }
    }
}
