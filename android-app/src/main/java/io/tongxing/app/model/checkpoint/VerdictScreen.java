package io.tongxing.app.model.checkpoint;

import io.tongxing.app.model.Ages;
import io.tongxing.app.model.ColourWords;
import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.model.resident.PassesScreen;
import io.tongxing.app.platform.Feedback;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import io.tongxing.token.PaperCard;
import io.tongxing.token.PassModel;
import io.tongxing.trust.Issuer;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import io.tongxing.verify.VerifiedCredential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A verdict as the officer sees, hears and feels it: PASS, STOP or REVIEW with its colour, icon and words,
 * the reason, and, when the signature verified, the masked name and last ID characters to compare with
 * the ID card, the issuer, and the pass's route and validity or the paper card's validity. Nothing from an
 * unverified token is shown. A paper card and an ID-number check come with the officer's hint (compare the
 * ID card), shown apart from the rest so that it is not missed.
 *
 * @param hint what the officer must check by hand, when the credential cannot show who holds it
 * @param details further lines: the code's colour, or the pass's route, employer's credit code, validity and plate; whether a live
 *     proof was checked; the age of the status data; the server's words when it refused an ID-number check
 * @param description one sentence for screen readers, announced when the verdict appears
 */
public record VerdictScreen(Outcome outcome, Signal signal, String reason, String reasonCode, Optional<String> kind,
        Optional<Signal> hint, Optional<String> name, Optional<String> idDigits, Optional<String> issuer,
        List<String> details, String sequence, String backHint, String description, Feedback.Cue cue) {

    public VerdictScreen {
        details = Collections.unmodifiableList(new ArrayList<>(details));
    }

    public static VerdictScreen of(Verdict verdict, ScanRecord record, Localizer words, Instant now) {
        return of(verdict, record, words, now, Optional.empty());
    }

    /** As {@link #of(Verdict, ScanRecord, Localizer, Instant)}, with the server's words when it refused to answer. */
    public static VerdictScreen of(Verdict verdict, ScanRecord record, Localizer words, Instant now,
            Optional<String> serverSaid) {
        Signal signal = signal(verdict.outcome(), words);
        String reason = words.reason(verdict.reason());
        Optional<String> kind = Optional.empty();
        Optional<String> name = Optional.empty();
        Optional<String> id = Optional.empty();
        Optional<String> issuer = Optional.empty();
        List<String> details = new ArrayList<>();
        if (verdict.credential().isPresent()) {
            VerifiedCredential verified = verdict.credential().get();
            Credential credential = verified.credential();
            name = Optional.of(words.text(Text.VERDICT_NAME, credential.maskedName()));
            id = Optional.of(words.text(Text.VERDICT_ID, credential.idLastFour()));
            issuer = Optional.of(words.text(Text.VERDICT_ISSUER, issuerName(verified.issuer(), words)));
            if (credential instanceof HealthCode) {
                kind = Optional.of(words.text(verdict.source() == Verdict.Source.ID_NUMBER ? Text.VERDICT_KIND_BY_ID
                        : Text.VERDICT_KIND_HC));
                if (colourTellsTheVerdict(verdict)) {
                    details.add(ColourWords.of(((HealthCode) credential).colour(), words));
                }
            } else if (credential instanceof PaperCard) {
                // No colour on paper: the card's status entry follows the holder's code, and the verdict says so.
                PaperCard card = (PaperCard) credential;
                kind = Optional.of(words.text(Text.VERDICT_KIND_PC));
                details.add(words.text(Text.PASS_VALIDITY, words.date(card.issuedAt()), words.date(card.expiresAt())));
            } else if (credential instanceof CommuterPass) {
                CommuterPass pass = (CommuterPass) credential;
                kind = Optional.of(words.text(Text.VERDICT_KIND_CP) + " · " + PassesScreen.modelWords(pass.model(), words));
                details.add(words.text(Text.PASS_ROUTE, PassesScreen.route(pass.route(), words)));
                // The token names the employer (or carrier) by credit code only: what the officer compares with
                // the work letter.
                details.add(words.text(pass.model() == PassModel.FREIGHT_VEHICLE ? Text.VERDICT_CARRIER
                        : Text.VERDICT_EMPLOYER, pass.enterprise()));
                details.add(words.text(Text.PASS_VALIDITY, words.date(pass.validityStart()), words.date(pass.expiresAt())));
                pass.vehiclePlate().ifPresent(plate -> details.add(words.text(Text.PASS_PLATE, plate)));
            }
            if (verified.holderProofChecked()) {
                details.add(words.text(Text.VERDICT_LIVE_PROOF));
            }
        }
        verdict.statusAge().ifPresent(age ->
                details.add(words.text(Text.VERDICT_STATUS_AGE, Ages.since(now.minus(age), now, words))));
        serverSaid.ifPresent(said -> details.add(words.text(Text.VERDICT_SERVER_SAID, said)));
        Optional<Signal> hint = verdict.hint().map(h -> hint(words.chinese() ? h.chinese() : h.english()));
        String description = words.text(Text.VERDICT_DESCRIPTION, signal.words(), reason)
                + hint.map(h -> ", " + h.words()).orElse("")
                + name.map(n -> ", " + n).orElse("") + id.map(d -> ", " + d).orElse("");
        return new VerdictScreen(verdict.outcome(), signal, reason,
                words.text(Text.VERDICT_REASON_CODE, verdict.reason().name()), kind, hint, name, id, issuer, details,
                words.text(Text.VERDICT_SEQUENCE, record.sequence()), words.text(Text.VERDICT_BACK), description,
                cue(verdict.outcome()));
    }

    /** The officer's hint: black on white with a warning sign, readable on every verdict's colour. */
    private static Signal hint(String words) {
        return new Signal(Signal.WHITE, Signal.BLACK, Icon.WARNING, words);
    }

    /** The verdict as strings, to be shown again after the screen is recreated ({@link #restored}). */
    public Map<String, String> saved() {
        Map<String, String> saved = new LinkedHashMap<>();
        saved.put("outcome", outcome.name());
        saved.put("reason", reason);
        saved.put("reasonCode", reasonCode);
        kind.ifPresent(k -> saved.put("kind", k));
        hint.ifPresent(h -> saved.put("hint", h.words()));
        name.ifPresent(n -> saved.put("name", n));
        idDigits.ifPresent(d -> saved.put("idDigits", d));
        issuer.ifPresent(i -> saved.put("issuer", i));
        saved.put("details", String.join("\n", details));
        saved.put("sequence", sequence);
        saved.put("backHint", backHint);
        saved.put("description", description);
        return saved;
    }

    /** A verdict {@link #saved} before, or empty if {@code saved} holds none. */
    public static Optional<VerdictScreen> restored(Map<String, String> saved, Localizer words) {
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(saved.getOrDefault("outcome", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String details = saved.getOrDefault("details", "");
        return Optional.of(new VerdictScreen(outcome, signal(outcome, words), saved.getOrDefault("reason", ""),
                saved.getOrDefault("reasonCode", ""), Optional.ofNullable(saved.get("kind")),
                Optional.ofNullable(saved.get("hint")).filter(h -> !h.isEmpty()).map(VerdictScreen::hint),
                Optional.ofNullable(saved.get("name")), Optional.ofNullable(saved.get("idDigits")),
                Optional.ofNullable(saved.get("issuer")),
                details.isEmpty() ? Collections.<String>emptyList() : Arrays.asList(details.split("\n")),
                saved.getOrDefault("sequence", ""), saved.getOrDefault("backHint", ""),
                saved.getOrDefault("description", ""), cue(outcome)));
    }

    static Signal signal(Outcome outcome, Localizer words) {
        switch (outcome) {
            case PASS:
                return Signal.green(Icon.CHECK, words.text(Text.VERDICT_PASS));
            case STOP:
                return Signal.red(Icon.CROSS, words.text(Text.VERDICT_STOP));
            default:
                return Signal.blue(Icon.QUESTION, words.text(Text.VERDICT_REVIEW));
        }
    }

    static Feedback.Cue cue(Outcome outcome) {
        switch (outcome) {
            case PASS:
                return Feedback.Cue.PASS;
            case STOP:
                return Feedback.Cue.STOP;
            default:
                return Feedback.Cue.REVIEW;
        }
    }

    /**
     * A code's colour is shown with a PASS, a REVIEW and a STOP for its colour; under any other STOP (revoked,
     * expired, a screenshot...) "green code" would read as "may pass" to an officer who only glances.
     */
    private static boolean colourTellsTheVerdict(Verdict verdict) {
        return verdict.outcome() != Outcome.STOP || verdict.reason() == Reason.CODE_RED
                || verdict.reason() == Reason.CODE_YELLOW;
    }

    private static String issuerName(Issuer issuer, Localizer words) {
        return (words.chinese() ? issuer.name() : issuer.nameEn()) + " (" + issuer.region().value() + ")";
    }

}
