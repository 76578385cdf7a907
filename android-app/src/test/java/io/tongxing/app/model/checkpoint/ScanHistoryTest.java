package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The officer's scan history: today's counts, the latest scans without names or ID digits, the upload state. */
class ScanHistoryTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW); // 16:00 in Beijing

    @Test
    void todaysScansAreCountedByVerdictAndTheLatestListedWithTheirUploadState() {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(clock);
        ScanLog log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        clock.set(NOW.minus(Duration.ofHours(17))); // 23:00 the day before: not today's
        log.append("tongzhou-east-1", device.verifier().get().verify(code(Colour.GREEN, 1)));
        clock.set(NOW);
        log.append("tongzhou-east-1", device.verifier().get().verify(code(Colour.GREEN, 2)));
        log.markSent(List.of(1L, 2L));
        log.append("tongzhou-east-1", device.verifier().get().verify(code(Colour.GREEN, TongzhouCheckpoint.REVOKED)));
        log.append("tongzhou-east-1", device.verifier().get().verify("not a code"));

        ScanHistory history = new ScanHistory(log, clock, XmlLocalizer.inEnglish());
        history.onShow();

        ScanHistory.State state = history.state();
        assertEquals(List.of(Signal.green(Icon.CHECK, "Passed: 1"), Signal.red(Icon.CROSS, "Stopped: 2"),
                Signal.blue(Icon.QUESTION, "Checked by hand: 0")), state.today());
        assertEquals(4, state.latest().size());
        assertEquals("16:00:00  STOP: Not a Tongxing code", state.latest().get(0).line());
        assertEquals("signature not verified: nothing kept from the code · not uploaded",
                state.latest().get(0).detail());
        assertEquals("16:00:00  STOP: Revoked", state.latest().get(1).line());
        assertEquals("Health code · holder …xJm2 · not uploaded", state.latest().get(1).detail());
        assertEquals("Health code · holder …xJm2 · uploaded", state.latest().get(2).detail());
        assertEquals("2 scans not yet uploaded", state.upload());
        for (ScanHistory.Entry entry : state.latest()) {
            assertFalse(entry.line().contains("张") || entry.detail().contains("123X"), "no name, no ID digits");
        }
    }

    @Test
    void paperCardsAndIdNumberChecksAreNamedAsSuch() {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(clock);
        ScanLog log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        OfflineVerifier verifier = device.verifier().get();
        log.append("tongzhou-east-1", verifier.verify(QrText.encode(Presentation.of(TongzhouCheckpoint.paperCard(42)))));
        log.append("tongzhou-east-1", verifier.verifyIdCheck(TongzhouCheckpoint.idCheckAnswer(TongzhouCheckpoint.TRUST_KEY,
                "request-1", Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 43, Optional.empty()))),
                device.trustKeys(), TongzhouCheckpoint.DEVICE, "request-1"));
        log.append("tongzhou-east-1", verifier.idCheckUnanswered(Reason.ID_CHECK_NEEDS_NETWORK));

        ScanHistory history = new ScanHistory(log, clock, XmlLocalizer.inChinese());
        history.onShow();

        List<ScanHistory.Entry> latest = history.state().latest();
        assertEquals("16:00:00  人工核验：身份证号查询需要网络，请人工核验", latest.get(0).line());
        assertEquals("按身份证号查询 · 未上传", latest.get(0).detail());
        assertEquals("健康码（按身份证号查询） · 持有人 …xJm2 · 未上传", latest.get(1).detail());
        assertEquals("纸质健康卡 · 持有人 …2Lq9 · 未上传", latest.get(2).detail());
    }

    @Test
    void anEmptyLogSaysSo() {
        ScanHistory history = new ScanHistory(ScanLog.open(new JdbcSqlDatabase(dir.resolve("empty.db"))), clock,
                XmlLocalizer.inChinese());
        history.onShow();
        assertEquals(Optional.of("还没有核验记录。"), history.state().empty());
        assertEquals("所有核验记录均已上传。", history.state().upload());
    }

    private static String code(Colour colour, long index) {
        return QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(colour, index, Optional.empty())));
    }
}
