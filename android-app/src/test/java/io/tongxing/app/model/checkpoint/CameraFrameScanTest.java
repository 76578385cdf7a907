package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.RecordingFeedback;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.holder.HolderProof;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the JVM: a real token rendered as a QR by shared's encoder, drawn into a noisy 1280 × 720
 * luminance plane as the phone's camera would deliver it, through the scan loop to a verdict and a record
 * in a real SQLite scan log.
 */
class CameraFrameScanTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private ScanLog log;
    private ScanLoop loop;

    @BeforeEach
    void checkpoint() {
        log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        loop = new ScanLoop(TongzhouCheckpoint.syncedDevice(clock), log, clock, new ManualTicker(clock),
                new RecordingFeedback(), XmlLocalizer.inEnglish(), ScanLoop.Timing.defaults());
    }

    @Test
    void aFreightPassSeenByTheCameraPassesAndIsLogged() {
        String text = QrText.encode(Presentation.of(TongzhouCheckpoint.freightPass(77)));
        QrCode code = QrCode.encode(text);
        assertEquals(13, code.version(), "the largest pass there is");

        loop.onFrame(NoisyFrames.noise(WIDTH, HEIGHT, 1), WIDTH, HEIGHT);
        assertEquals(ScanLoop.Mode.SCANNING, loop.state().mode(), "no code in view: nothing happens");
        assertEquals(0, log.count());

        loop.onFrame(NoisyFrames.frame(code, WIDTH, HEIGHT, 6, 2), WIDTH, HEIGHT);

        assertEquals(ScanLoop.Mode.VERDICT, loop.state().mode());
        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Outcome.PASS, verdict.outcome());
        assertEquals(Optional.of("Name 王*明"), verdict.name());
        assertTrue(verdict.details().contains("Vehicle: 冀RD12345"), verdict.details().toString());
        assertTrue(verdict.details().contains("Carrier (credit code): " + TongzhouCheckpoint.ENTERPRISE),
                verdict.details().toString());
        List<ScanRecord> records = log.unsent(10);
        assertEquals(1, records.size());
        assertEquals(Optional.of(TokenKind.COMMUTER_PASS), records.get(0).kind());
        assertEquals(Optional.of("Fv2Rt7Kc"), records.get(0).subject());
        assertEquals(TongzhouCheckpoint.CHECKPOINT, records.get(0).checkpoint());
    }

    @Test
    void aPhoneBoundCodeWithItsLiveProofIsReadFromTheFrameAndPasses() throws Exception {
        SoftwareHolderKeys phone = new SoftwareHolderKeys();
        String token = TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.of(phone.holderKey()));
        QrCode code = QrCode.encode(QrText.encode(Presentation.of(token, HolderProof.create(token, NOW, phone.signer()))));

        loop.onFrame(NoisyFrames.frame(code, WIDTH, HEIGHT, 6, 3), WIDTH, HEIGHT);

        assertEquals(Outcome.PASS, loop.state().verdict().get().outcome());
        assertTrue(loop.state().verdict().get().details().contains("Live code checked: not a screenshot"));
        assertEquals(1, log.count());
    }
}
