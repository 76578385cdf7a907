package io.tongxing.app.model.checkpoint;

import io.tongxing.app.model.Ages;
import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The banner over the scanner: how old the device's data is, and whether verdicts can be trusted yet. It
 * warns before the verifier starts answering REVIEW (at half the policy's status age) and says why once it
 * does; it also counts scans not yet uploaded.
 */
public record DataBanner(Signal signal, Optional<String> unsent) {

    /** The banner for {@code device}: its data, or why the data it had stored was refused. */
    public static DataBanner of(CheckpointDevice device, Instant now, long unsent, Localizer words) {
        if (!device.state().isPresent() && device.storedDataProblem().isPresent()) {
            return new DataBanner(Signal.blue(Icon.QUESTION, words.text(Text.BANNER_STORED_REFUSED)),
                    pending(unsent, words));
        }
        return of(device.state(), now, unsent, words);
    }

    public static DataBanner of(Optional<CheckpointState> state, Instant now, long unsent, Localizer words) {
        return new DataBanner(signal(state, now, words), pending(unsent, words));
    }

    private static Optional<String> pending(long unsent, Localizer words) {
        return unsent > 0 ? Optional.of(words.text(Text.BANNER_UNSENT, unsent)) : Optional.<String>empty();
    }

    private static Signal signal(Optional<CheckpointState> held, Instant now, Localizer words) {
        if (!held.isPresent()) {
            return Signal.blue(Icon.QUESTION, words.text(Text.BANNER_NOT_SYNCED));
        }
        CheckpointState state = held.get();
        if (now.plus(state.policy().clockSkew()).isBefore(state.latestSignedTime())) {
            return Signal.blue(Icon.QUESTION, words.text(Text.BANNER_CLOCK_BEHIND));
        }
        if (!now.isBefore(state.trust().expiresAt())) {
            return Signal.blue(Icon.QUESTION, words.text(Text.BANNER_BUNDLE_EXPIRED));
        }
        Instant signed = state.oldestStatusSignedAt().orElse(state.syncedAt());
        String age = Ages.since(signed, now, words);
        Duration maxAge = state.policy().maxStatusAge();
        Duration statusAge = Duration.between(signed, now);
        if (!state.oldestStatusSignedAt().isPresent() || state.statusExpired(now) || statusAge.compareTo(maxAge) > 0) {
            return Signal.blue(Icon.QUESTION, words.text(Text.BANNER_STALE, age));
        }
        if (statusAge.compareTo(maxAge.dividedBy(2)) > 0) {
            return Signal.yellow(Icon.WARNING, words.text(Text.BANNER_AGING, age));
        }
        return Signal.green(Icon.CHECK, words.text(Text.BANNER_FRESH, age));
    }
}
