package io.tongxing.app.model.resident;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.token.Colour;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the background refresh tells a resident: each change once, in the app's language. */
class ResidentNoticesTest {
    private static final String PASS = TongzhouCheckpoint.commuterPass(42, Optional.empty());
    /** The pass ends 29 days after NOW; its last day starts 28 days after. */
    private static final Instant LAST_DAY = NOW.plus(Duration.ofDays(28));
    private final ResidentNotices english = new ResidentNotices(XmlLocalizer.inEnglish());

    private static ResidentSnapshot snapshot(Colour colour, PassRecord.Status pass, Instant at) {
        PassRecord record = new PassRecord("p1", pass, Optional.of(PASS), Optional.empty(), Collections.emptyList(),
                pass == PassRecord.Status.ISSUED ? Optional.empty() : Optional.of("健康码非绿码，通行证暂停使用"),
                Optional.empty());
        return new ResidentSnapshot(Optional.of(TongzhouCheckpoint.healthCode(colour, 7, Optional.empty())),
                List.of(record), at);
    }

    @Test
    void aCodeTurningRedAndItsPassSuspendedAreTwoNotices() {
        List<ResidentNotices.Notice> notices = english.between(
                Optional.of(snapshot(Colour.GREEN, PassRecord.Status.ISSUED, NOW)),
                snapshot(Colour.RED, PassRecord.Status.SUSPENDED, NOW.plusSeconds(3600)));

        assertEquals(List.of(
                new ResidentNotices.Notice(ResidentNotices.Channel.CODE, "health-code", "Your health code changed",
                        "It is now: Red code: do not travel"),
                new ResidentNotices.Notice(ResidentNotices.Channel.PASSES, "pass-p1", "Pass suspended",
                        "One letter, one card, one permit: 健康码非绿码，通行证暂停使用")), notices);
    }

    @Test
    void restoredAndRevokedPassesAreTold() {
        assertEquals("Pass valid again", english.between(
                Optional.of(snapshot(Colour.GREEN, PassRecord.Status.SUSPENDED, NOW)),
                snapshot(Colour.GREEN, PassRecord.Status.ISSUED, NOW.plusSeconds(60))).get(0).title());
        assertEquals("通行证已作废", new ResidentNotices(XmlLocalizer.inChinese()).between(
                Optional.of(snapshot(Colour.GREEN, PassRecord.Status.ISSUED, NOW)),
                snapshot(Colour.GREEN, PassRecord.Status.REVOKED, NOW.plusSeconds(60))).get(0).title());
    }

    @Test
    void aPassAboutToExpireIsToldOnceWhenItsLastDayBegins() {
        ResidentSnapshot before = snapshot(Colour.GREEN, PassRecord.Status.ISSUED, LAST_DAY.minusSeconds(3600));
        ResidentSnapshot after = snapshot(Colour.GREEN, PassRecord.Status.ISSUED, LAST_DAY.plusSeconds(3600));
        assertEquals(List.of(new ResidentNotices.Notice(ResidentNotices.Channel.PASSES, "pass-p1", "Pass expires soon",
                "One letter, one card, one permit is valid until 2026-12-21 16:00.")),
                english.between(Optional.of(before), after));

        ResidentSnapshot later = snapshot(Colour.GREEN, PassRecord.Status.ISSUED, LAST_DAY.plusSeconds(7200));
        assertEquals(List.of(), english.between(Optional.of(after), later), "told once");
    }

    @Test
    void nothingIsToldAtTheFirstFetchOrWhenNothingChanged() {
        ResidentSnapshot now = snapshot(Colour.GREEN, PassRecord.Status.ISSUED, NOW);
        assertEquals(List.of(), english.between(Optional.empty(), now));
        assertEquals(List.of(), english.between(Optional.of(now), snapshot(Colour.GREEN, PassRecord.Status.ISSUED,
                NOW.plusSeconds(3600))));
    }
}
