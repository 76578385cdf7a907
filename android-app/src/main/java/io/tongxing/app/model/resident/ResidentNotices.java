package io.tongxing.app.model.resident;

import io.tongxing.app.model.employer.EmployerListing;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a resident is told after the background job fetched their codes: the code changed colour, a pass was
 * suspended, restored or revoked, or a pass expires within a day; and that an enterprise listed them as its
 * employee. Found by comparing the copy the phone held with the new one (there is no push service: many phones
 * in China have no Google services), so each change is told once, in the app's language.
 */
public final class ResidentNotices {
    /** How long before its end a pass is "about to expire". */
    static final Duration EXPIRY_WARNING = Duration.ofHours(24);

    /** Which channel a notice goes to. */
    public enum Channel { CODE, PASSES, EMPLOYERS }

    /** One notification; {@code key} identifies its subject, so a newer notice about it replaces the older. */
    public record Notice(Channel channel, String key, String title, String text) {
    }

    private final Localizer words;

    public ResidentNotices(Localizer words) {
        this.words = Objects.requireNonNull(words, "words");
    }

    /** The changes from {@code before} (nothing, the first time: nothing to tell) to {@code after}. */
    public List<Notice> between(Optional<ResidentSnapshot> before, ResidentSnapshot after) {
        List<Notice> notices = new ArrayList<>();
        if (!before.isPresent()) {
            return notices;
        }
        Optional<HealthCode> oldCode = healthCode(before.get());
        Optional<HealthCode> newCode = healthCode(after);
        if (oldCode.isPresent() && newCode.isPresent() && oldCode.get().colour() != newCode.get().colour()) {
            notices.add(new Notice(Channel.CODE, "health-code", words.text(Text.NOTICE_COLOUR_TITLE),
                    words.text(Text.NOTICE_COLOUR_TEXT, HealthCodeScreen.band(newCode.get(), words).words())));
        }
        Map<String, PassRecord> held = new HashMap<>();
        for (PassRecord pass : before.get().passes()) {
            held.put(pass.id(), pass);
        }
        for (PassRecord pass : after.passes()) {
            PassRecord old = held.get(pass.id());
            Optional<CommuterPass> token = pass.token().flatMap(OwnTokens::read)
                    .filter(c -> c instanceof CommuterPass).map(c -> (CommuterPass) c);
            String name = token.map(t -> PassesScreen.modelWords(t.model(), words))
                    .orElse(words.text(Text.PASSES_TITLE));
            if (old != null && old.status() != pass.status()) {
                Optional<Text> title = statusTitle(old.status(), pass.status());
                if (title.isPresent()) {
                    notices.add(new Notice(Channel.PASSES, "pass-" + pass.id(), words.text(title.get()),
                            words.text(Text.NOTICE_PASS_TEXT, name, pass.reason().orElse(words.text(title.get())))));
                    continue;
                }
            }
            if (pass.status() == PassRecord.Status.ISSUED && token.isPresent()) {
                Instant warnFrom = token.get().expiresAt().minus(EXPIRY_WARNING);
                Instant lastLook = before.get().receivedAt();
                boolean crossed = lastLook.isBefore(warnFrom) && !after.receivedAt().isBefore(warnFrom)
                        && after.receivedAt().isBefore(token.get().expiresAt());
                if (crossed) {
                    notices.add(new Notice(Channel.PASSES, "pass-" + pass.id(), words.text(Text.NOTICE_EXPIRING_TITLE),
                            words.text(Text.NOTICE_EXPIRING_TEXT, name, words.dateTime(token.get().expiresAt()))));
                }
            }
        }
        return notices;
    }

    /** One notice for each enterprise that newly listed the resident as its employee. */
    public List<Notice> listedBy(List<EmployerListing> listings) {
        List<Notice> notices = new ArrayList<>();
        for (EmployerListing listing : listings) {
            notices.add(new Notice(Channel.EMPLOYERS, "employer-" + listing.listingId(),
                    words.text(Text.NOTICE_EMPLOYER_TITLE), words.text(Text.NOTICE_EMPLOYER_TEXT,
                            listing.enterprise().name(), listing.enterprise().creditCode())));
        }
        return notices;
    }

    private static Optional<Text> statusTitle(PassRecord.Status from, PassRecord.Status to) {
        if (to == PassRecord.Status.SUSPENDED) {
            return Optional.of(Text.NOTICE_SUSPENDED_TITLE);
        }
        if (to == PassRecord.Status.REVOKED) {
            return Optional.of(Text.NOTICE_REVOKED_TITLE);
        }
        if (to == PassRecord.Status.ISSUED && from == PassRecord.Status.SUSPENDED) {
            return Optional.of(Text.NOTICE_RESTORED_TITLE);
        }
        return Optional.empty();
    }

    private static Optional<HealthCode> healthCode(ResidentSnapshot snapshot) {
        Optional<Credential> credential = snapshot.healthCode().flatMap(OwnTokens::read);
        return credential.filter(c -> c instanceof HealthCode).map(c -> (HealthCode) c);
    }
}
