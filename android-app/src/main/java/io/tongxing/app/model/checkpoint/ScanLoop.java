package io.tongxing.app.model.checkpoint;

import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.platform.Feedback;
import io.tongxing.app.platform.Ticker;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.scanlog.StorageException;
import io.tongxing.app.server.Enrollment;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.qr.QrScanner;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The checkpoint's scanning screen: camera frames (luminance planes) or keyboard-wedge text in, verdict
 * out. Every scan is written to the scan log before its verdict is shown; if the log cannot be written
 * the verdict is withheld. A verdict stays until the officer taps it or a few seconds pass, and the same
 * code still in front of the camera just after is not scanned twice. Torch and camera are state the
 * Activity applies to the camera.
 */
public final class ScanLoop extends ScreenModel<ScanLoop.State> implements Restorable {
    /** What the screen is doing. */
    public enum Mode {
        /** Not enrolled or never synced: nothing can be verified. */
        NOT_READY,
        SCANNING,
        VERDICT,
        /** The scan could not be logged: no verdict is shown. */
        LOG_FAILED
    }

    /** Which camera is in use. */
    public enum Camera { BACK, FRONT }

    /**
     * @param torchLabel and {@code cameraLabel} say what the buttons will do (their content descriptions)
     * @param message the outcome of the last sync, when there is one to tell
     */
    public record State(Mode mode, DataBanner banner, String hint, boolean torchOn, String torchLabel, Camera camera,
            String cameraLabel, String syncLabel, boolean syncing, Optional<VerdictScreen> verdict,
            Optional<String> error, Optional<String> message) {
    }

    /** How long verdicts stay and how long a code just scanned is ignored by the camera. */
    public record Timing(Duration afterPass, Duration afterStopOrReview, Duration repeatIgnored) {
        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofSeconds(4));
        }
    }

    private final CheckpointDevice device;
    private final ScanLog log;
    private final Clock clock;
    private final Ticker ticker;
    private final Feedback feedback;
    private final Localizer words;
    private final Timing timing;
    private final KeyboardWedge wedge = new KeyboardWedge();
    /** Only the camera thread scans frames; zxing's reader is not thread-safe. */
    private final QrScanner scanner = new QrScanner();

    private Mode mode;
    private boolean torchOn;
    private Camera camera = Camera.BACK;
    private Optional<VerdictScreen> verdict = Optional.empty();
    private Optional<String> error = Optional.empty();
    private Optional<String> message = Optional.empty();
    private boolean syncing;
    private Ticker.Cancellable autoReturn;
    private Ticker.Cancellable bannerTicks;
    private String lastText;
    private Instant ignoreLastUntil = Instant.MIN;

    public ScanLoop(CheckpointDevice device, ScanLog log, Clock clock, Ticker ticker, Feedback feedback,
            Localizer words, Timing timing) {
        super(placeholder(words));
        this.device = Objects.requireNonNull(device, "device");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.words = Objects.requireNonNull(words, "words");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.mode = ready() ? Mode.SCANNING : Mode.NOT_READY;
        render();
    }

    public synchronized void onShow() {
        if (bannerTicks == null) {
            bannerTicks = ticker.every(Duration.ofSeconds(30), this::refresh);
        }
        refresh();
    }

    public synchronized void onHide() {
        if (bannerTicks != null) {
            bannerTicks.cancel();
            bannerTicks = null;
        }
        wedge.clear();
        torchOn = false;
        render();
    }

    /**
     * A camera frame's luminance plane. Called on the camera thread; decoding happens outside the lock,
     * and frames are dropped unless the screen is scanning.
     */
    public void onFrame(byte[] luminance, int width, int height) {
        if (state().mode() != Mode.SCANNING) {
            return;
        }
        Optional<String> text = scanner.scanLuminance(luminance, width, height);
        if (text.isPresent()) {
            onScanned(text.get(), true);
        }
    }

    /** A character from a keyboard-wedge scanner (or a person typing); Enter completes the code. */
    public void onTyped(char c) {
        Optional<String> text = wedge.typed(c);
        if (text.isPresent()) {
            onScanned(text.get(), false);
        }
    }

    /** Text a hardware scanner sent as a broadcast intent: as deliberate as a keyboard-wedge scan. */
    public void onScannerBroadcast(String text) {
        if (text != null && !text.isEmpty()) {
            onScanned(text, false);
        }
    }

    /** The verdict on screen, if one is: it is shown again when the screen comes back. */
    @Override
    public synchronized Map<String, String> saved() {
        return mode == Mode.VERDICT && verdict.isPresent() ? verdict.get().saved() : Collections.<String, String>emptyMap();
    }

    @Override
    public synchronized void restore(Map<String, String> saved) {
        Optional<VerdictScreen> kept = VerdictScreen.restored(saved, words);
        if (!kept.isPresent() || !ready()) {
            return;
        }
        mode = Mode.VERDICT;
        verdict = kept;
        cancelAutoReturn();
        autoReturn = ticker.after(kept.get().outcome() == Outcome.PASS ? timing.afterPass() : timing.afterStopOrReview(),
                this::backToScanning);
        render();
    }

    /** Verifies scanned text, logs it, then shows the verdict. */
    synchronized void onScanned(String text, boolean fromCamera) {
        Optional<OfflineVerifier> verifier = device.verifier();
        Optional<Enrollment> enrollment = device.enrollment();
        if (!verifier.isPresent() || !enrollment.isPresent()) {
            mode = Mode.NOT_READY;
            render();
            return;
        }
        Instant now = clock.instant();
        if (fromCamera) {
            // A wedge scan is always deliberate; the camera sees the same code for a while.
            if (mode != Mode.SCANNING || (text.equals(lastText) && now.isBefore(ignoreLastUntil))) {
                return;
            }
        }
        cancelAutoReturn();
        lastText = text;
        Verdict result = verifier.get().verify(text);
        ScanRecord record;
        try {
            record = log.append(enrollment.get().checkpoint(), result);
        } catch (StorageException e) {
            mode = Mode.LOG_FAILED;
            verdict = Optional.empty();
            error = Optional.of(words.text(Text.SCAN_LOG_FAILED));
            render();
            feedback.play(Feedback.Cue.REVIEW);
            return;
        }
        mode = Mode.VERDICT;
        error = Optional.empty();
        verdict = Optional.of(VerdictScreen.of(result, record, words, now));
        render();
        feedback.play(verdict.get().cue());
        Duration stay = result.outcome() == Outcome.PASS ? timing.afterPass() : timing.afterStopOrReview();
        autoReturn = ticker.after(stay, this::backToScanning);
    }

    /** The officer tapped the verdict (or the error): scan the next code. */
    public synchronized void onVerdictTapped() {
        backToScanning();
    }

    public synchronized void toggleTorch() {
        torchOn = !torchOn;
        render();
    }

    public synchronized void switchCamera() {
        camera = camera == Camera.BACK ? Camera.FRONT : Camera.BACK;
        torchOn = false;
        render();
    }

    /** A sync is under way; the button waits. */
    public synchronized void onSyncStarted() {
        syncing = true;
        message = Optional.empty();
        render();
    }

    /**
     * Runs a round through {@code gate} (shared with the background job) on {@code background}, then shows
     * what it achieved, or that a round was already running.
     */
    public void sync(BackgroundSync gate, Executor background) {
        synchronized (this) {
            if (syncing) {
                return;
            }
            onSyncStarted();
        }
        background.execute(() -> onSyncFinished(gate.run()));
    }

    synchronized void onSyncFinished(BackgroundSync.Report outcome) {
        syncing = false;
        if (outcome.outcome() == BackgroundSync.Outcome.ALREADY_RUNNING) {
            message = Optional.of(words.text(Text.SYNC_ALREADY_RUNNING));
            render();
            return;
        }
        if (!outcome.round().isPresent()) {
            message = Optional.of(words.text(Text.SYNC_NOT_ENROLLED));
            render();
            return;
        }
        SyncRound.Report report = outcome.round().get();
        if (!report.sync().isPresent()) {
            message = Optional.of(words.text(Text.SYNC_UNAVAILABLE));
        } else {
            switch (report.sync().get().kind()) {
                case APPLIED:
                    message = Optional.of(words.text(Text.SYNC_DONE));
                    break;
                case OLDER_BUNDLE:
                    message = Optional.of(words.text(Text.SYNC_OLDER_BUNDLE));
                    break;
                default:
                    message = Optional.of(words.text(Text.SYNC_REFUSED));
            }
        }
        if (mode == Mode.NOT_READY && ready()) {
            mode = Mode.SCANNING;
        }
        render();
    }

    /** Banner ages move on; the ticker calls this every 30 s while the screen is shown. */
    public synchronized void refresh() {
        if (mode == Mode.NOT_READY && ready()) {
            mode = Mode.SCANNING;
        }
        render();
    }

    private void backToScanning() {
        cancelAutoReturn();
        if (mode == Mode.VERDICT || mode == Mode.LOG_FAILED) {
            ignoreLastUntil = clock.instant().plus(timing.repeatIgnored());
            mode = ready() ? Mode.SCANNING : Mode.NOT_READY;
            verdict = Optional.empty();
            error = Optional.empty();
            render();
        }
    }

    private void cancelAutoReturn() {
        if (autoReturn != null) {
            autoReturn.cancel();
            autoReturn = null;
        }
    }

    private boolean ready() {
        return device.verifier().isPresent() && device.enrollment().isPresent();
    }

    private void render() {
        DataBanner banner = DataBanner.of(device, clock.instant(), log.unsentCount(), words);
        publish(new State(mode, banner, words.text(mode == Mode.NOT_READY ? Text.BANNER_NOT_SYNCED : Text.SCAN_HINT),
                torchOn, words.text(torchOn ? Text.TORCH_OFF : Text.TORCH_ON), camera,
                words.text(camera == Camera.BACK ? Text.CAMERA_SWITCH_TO_FRONT : Text.CAMERA_SWITCH_TO_BACK),
                words.text(Text.SYNC_NOW), syncing, verdict, error, message));
    }

    private static State placeholder(Localizer words) {
        String none = words.text(Text.BANNER_NOT_SYNCED);
        return new State(Mode.NOT_READY, DataBanner.of(Optional.empty(), Instant.EPOCH, 0, words), none, false, none,
                Camera.BACK, none, none, false, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
