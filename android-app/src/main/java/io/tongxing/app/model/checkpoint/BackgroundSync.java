package io.tongxing.app.model.checkpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The one gate every sync round of a checkpoint device goes through, whether the checkpoint screen asks
 * or the system's job scheduler runs it while the screen is off: scans not yet acknowledged are uploaded,
 * then the bundle is synced, and what came of it is reported. Never two rounds at once: a second caller
 * while one runs is told so and does nothing (two uploads of the same batch would be harmless, but two
 * syncs would spend two requests for one answer).
 */
public final class BackgroundSync {

    /** What became of one call. */
    public enum Outcome {
        /** Uploaded what could be, and the sync was applied. */
        SYNCED,
        /** The server answered, but the device refused what it sent (see the round's sync result). */
        REFUSED,
        /** The server was not reached; nothing held was lost, and the next round tries again. */
        OFFLINE,
        /** The device is not enrolled: there is no server to talk to, so nothing was tried. */
        NOT_ENROLLED,
        /** Another round was running; this call did nothing. */
        ALREADY_RUNNING
    }

    /** What one call achieved: the outcome and, if a round ran, its report. */
    public record Report(Outcome outcome, Optional<SyncRound.Report> round) {
        public Report {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(round, "round");
        }
    }

    private final CheckpointDevice device;
    private final Supplier<SyncRound> rounds;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Optional<Report> last = Optional.empty();

    /** @param rounds makes the round to run (its clients may change when the officer enrolls again) */
    public BackgroundSync(CheckpointDevice device, Supplier<SyncRound> rounds) {
        this.device = Objects.requireNonNull(device, "device");
        this.rounds = Objects.requireNonNull(rounds, "rounds");
    }

    /** Runs one round unless one is under way; blocking, so off the main thread. */
    public Report run() {
        if (!device.enrollment().isPresent()) {
            return remember(new Report(Outcome.NOT_ENROLLED, Optional.<SyncRound.Report>empty()));
        }
        if (!running.compareAndSet(false, true)) {
            return new Report(Outcome.ALREADY_RUNNING, Optional.<SyncRound.Report>empty());
        }
        try {
            SyncRound.Report round = rounds.get().run();
            Outcome outcome = !round.sync().isPresent() ? Outcome.OFFLINE
                    : round.sync().get().kind() == SyncResult.Kind.APPLIED ? Outcome.SYNCED : Outcome.REFUSED;
            return remember(new Report(outcome, Optional.of(round)));
        } finally {
            running.set(false);
        }
    }

    /** True while a round runs. */
    public boolean running() {
        return running.get();
    }

    /** The last round's report (not calls refused because one was running), for the screen and the log. */
    public Optional<Report> last() {
        return last;
    }

    private Report remember(Report report) {
        last = Optional.of(report);
        return report;
    }
}
