package io.tongxing.app.model.checkpoint;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.Signal;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The officer's look back: today's scans counted by verdict, the latest scans, and what is not uploaded yet.
 * A scan shows its time, verdict, reason, the kind of code and the last characters of the issuer's pseudonym
 * for the holder: the log keeps no name or ID digits (docs/android.md, "Scan log"), so neither does this.
 */
public final class ScanHistory extends ScreenModel<ScanHistory.State> {
    static final int SHOWN = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** @param upload how many scans wait for upload, or that all are uploaded */
    public record State(List<Signal> today, List<Entry> latest, Optional<String> empty, String upload) {
        public State {
            today = Collections.unmodifiableList(new ArrayList<>(today));
            latest = Collections.unmodifiableList(new ArrayList<>(latest));
        }
    }

    /** One scan: "10:23:45 通过：核验通过…" and its details. */
    public record Entry(Signal verdict, String line, String detail) {
    }

    private final ScanLog log;
    private final Clock clock;
    private final Localizer words;

    public ScanHistory(ScanLog log, Clock clock, Localizer words) {
        super(new State(Collections.<Signal>emptyList(), Collections.<Entry>emptyList(), Optional.empty(), ""));
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
    }

    /** Reads the log again (the screen came to the front). */
    public synchronized void onShow() {
        Instant midnight = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        Map<Outcome, Long> counts = log.countsSince(midnight);
        List<Signal> today = new ArrayList<>();
        today.add(Signal.green(Icon.CHECK, words.text(Text.HISTORY_COUNT_PASS, counts.getOrDefault(Outcome.PASS, 0L))));
        today.add(Signal.red(Icon.CROSS, words.text(Text.HISTORY_COUNT_STOP, counts.getOrDefault(Outcome.STOP, 0L))));
        today.add(Signal.blue(Icon.QUESTION,
                words.text(Text.HISTORY_COUNT_REVIEW, counts.getOrDefault(Outcome.REVIEW, 0L))));
        List<Entry> latest = new ArrayList<>();
        for (ScanLog.Logged logged : log.latest(SHOWN)) {
            latest.add(entry(logged));
        }
        long unsent = log.unsentCount();
        publish(new State(today, latest,
                latest.isEmpty() ? Optional.of(words.text(Text.HISTORY_NONE)) : Optional.<String>empty(),
                unsent > 0 ? words.text(Text.BANNER_UNSENT, unsent) : words.text(Text.HISTORY_ALL_SENT)));
    }

    private Entry entry(ScanLog.Logged logged) {
        ScanRecord record = logged.record();
        Signal verdict = VerdictScreen.signal(record.outcome(), words);
        String line = words.text(Text.HISTORY_ENTRY, TIME.withZone(clock.getZone()).format(record.scannedAt()),
                verdict.words(), words.reason(record.reason()));
        String sent = words.text(logged.sent() ? Text.HISTORY_SENT : Text.HISTORY_NOT_SENT);
        boolean byId = record.source() == Verdict.Source.ID_NUMBER;
        String detail;
        if (record.kind().isPresent() && record.subject().isPresent()) {
            String subject = record.subject().get();
            detail = words.text(Text.HISTORY_DETAIL, byId ? words.text(Text.VERDICT_KIND_BY_ID) : kind(record.kind().get()),
                    subject.substring(Math.max(0, subject.length() - 4)), sent);
        } else {
            // An ID-number check without an answer to verify had no code to keep anything from.
            detail = words.text(byId ? Text.HISTORY_BY_ID : Text.HISTORY_UNVERIFIED) + " · " + sent;
        }
        return new Entry(verdict, line, detail);
    }

    private String kind(TokenKind kind) {
        switch (kind) {
            case HEALTH_CODE:
                return words.text(Text.VERDICT_KIND_HC);
            case PAPER_CARD:
                return words.text(Text.VERDICT_KIND_PC);
            default:
                return words.text(Text.VERDICT_KIND_CP);
        }
    }
}
