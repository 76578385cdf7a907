package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.platform.Feedback;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanLogUpload;
import io.tongxing.app.scanlog.StorageException;
import io.tongxing.app.testing.FakeScanServer;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.RecordingFeedback;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.holder.HolderProof;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.verify.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The officer's scanning screen: input in, logged verdict out, and back to scanning. */
class ScanLoopTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private final ManualTicker ticker = new ManualTicker(clock);
    private final RecordingFeedback feedback = new RecordingFeedback();
    private CheckpointDevice device;
    private ScanLog log;
    private ScanLoop loop;

    @BeforeEach
    void syncedCheckpoint() {
        device = TongzhouCheckpoint.syncedDevice(clock);
        log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        loop = new ScanLoop(device, log, clock, ticker, feedback, XmlLocalizer.inEnglish(), ScanLoop.Timing.defaults());
        loop.onShow();
    }

    @Test
    void aGreenHealthCodeFromAHardwareScannerPassesWithEverythingToCompareWithTheIdCard() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())));

        ScanLoop.State state = loop.state();
        assertEquals(ScanLoop.Mode.VERDICT, state.mode());
        VerdictScreen verdict = state.verdict().get();
        assertEquals(Outcome.PASS, verdict.outcome());
        assertEquals(Signal.green(Icon.CHECK, "PASS"), verdict.signal());
        assertEquals("Verified: may pass", verdict.reason());
        assertEquals(Optional.of("Health code"), verdict.kind());
        assertEquals(Optional.of("Name 张*三"), verdict.name());
        assertEquals(Optional.of("ID ends in 123X"), verdict.idDigits());
        assertEquals(Optional.of("Issued by Beijing (110000)"), verdict.issuer());
        assertEquals(List.of("Green code", "Status data: 10 min ago"), verdict.details());
        assertEquals("Reason code ACCEPTED", verdict.reasonCode());
        assertEquals("Check no. 1", verdict.sequence());
        assertEquals("PASS. Verified: may pass, Name 张*三, ID ends in 123X", verdict.description());
        assertEquals(List.of(Feedback.Cue.PASS), feedback.played);
    }

    @Test
    void aRedCodeStopsInRedWithACrossAndItsOwnSound() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty())));

        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Signal.red(Icon.CROSS, "STOP"), verdict.signal());
        assertEquals("Red code", verdict.reason());
        assertEquals(List.of(Feedback.Cue.STOP), feedback.played);
    }

    @Test
    void aRevokedCodeStops() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, TongzhouCheckpoint.REVOKED, Optional.empty())));

        assertEquals("Revoked", loop.state().verdict().get().reason());
        assertEquals(Outcome.STOP, loop.state().verdict().get().outcome());
    }

    @Test
    void aPassShowsItsModelRouteAndValidityAndStopsWhenSuspended() {
        type(qr(TongzhouCheckpoint.commuterPass(42, Optional.empty())));
        VerdictScreen pass = loop.state().verdict().get();
        assertEquals(Outcome.PASS, pass.outcome());
        assertEquals(Optional.of("Pass · One letter, one card, one permit"), pass.kind());
        assertEquals(Optional.of("Name 李*华"), pass.name());
        assertTrue(pass.details().contains("Route: 廊坊市 → 北京市"), pass.details().toString());
        // The employer as the token names it, by credit code, to compare with the work letter.
        assertTrue(pass.details().contains("Employer (credit code): 91131000MA0CWXJ46P"), pass.details().toString());
        assertTrue(pass.details().contains("Valid 2026-11-21 to 2026-12-21"), pass.details().toString());

        loop.onVerdictTapped();
        type(qr(TongzhouCheckpoint.commuterPass(TongzhouCheckpoint.SUSPENDED, Optional.empty())));
        assertEquals("Suspended", loop.state().verdict().get().reason());
        assertEquals(Outcome.STOP, loop.state().verdict().get().outcome());
    }

    @Test
    void aForgedCodeStopsAndShowsNothingItClaims() {
        // A red code's signature under a green code's claims: the colour "changed" after signing.
        String[] red = TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty()).split("\\.");
        String[] green = TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()).split("\\.");
        type(qr(red[0] + "." + green[1] + "." + red[2]));

        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Outcome.STOP, verdict.outcome());
        assertEquals("Signature invalid: forged or altered", verdict.reason());
        assertEquals(Optional.empty(), verdict.name());
        assertEquals(Optional.empty(), verdict.idDigits());
    }

    @Test
    void anIssuerThisDeviceDoesNotKnowMeansReviewInBlueWithAQuestionMark() {
        type(qr(TongzhouCheckpoint.healthCode(TongzhouCheckpoint.SHANGHAI_KEY, Colour.GREEN,
                NOW.minus(Duration.ofHours(1)), 42, Optional.empty())));

        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Signal.blue(Icon.QUESTION, "REVIEW"), verdict.signal());
        assertEquals("Issuer unknown to this device: check by hand", verdict.reason());
        assertEquals(List.of(Feedback.Cue.REVIEW), feedback.played);
    }

    @Test
    void staleStatusDataMeansReview() {
        ticker.advance(Duration.ofHours(7));
        String code = TongzhouCheckpoint.healthCode(TongzhouCheckpoint.BEIJING_KEY, Colour.GREEN,
                clock.instant().minus(Duration.ofHours(1)), 42, Optional.empty());

        type(qr(code));

        assertEquals(Outcome.REVIEW, loop.state().verdict().get().outcome());
        assertEquals("Status data too old: sync the device", loop.state().verdict().get().reason());
        assertTrue(loop.state().banner().signal().words().startsWith("Data too old"));
    }

    @Test
    void aDeviceClockBehindTheLastSignedTimeMeansReview() {
        clock.set(NOW.minus(Duration.ofHours(1)));
        loop.refresh();

        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())));

        assertEquals(Outcome.REVIEW, loop.state().verdict().get().outcome());
        assertEquals("Device clock is behind: check the time", loop.state().verdict().get().reason());
        assertEquals("Device clock is behind the last sync: check the time", loop.state().banner().signal().words());
    }

    @Test
    void aLiveHolderProofIsReported() throws Exception {
        SoftwareHolderKeys phone = new SoftwareHolderKeys();
        String token = TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.of(phone.holderKey()));

        type(QrText.encode(Presentation.of(token, HolderProof.create(token, NOW, phone.signer()))));

        assertTrue(loop.state().verdict().get().details().contains("Live code checked: not a screenshot"));
    }

    @Test
    void everyScanIsLoggedBeforeItsVerdictIsShown() {
        List<Long> loggedWhenShown = new ArrayList<>();
        loop.observe(state -> {
            if (state.mode() == ScanLoop.Mode.VERDICT) {
                loggedWhenShown.add(log.count());
            }
        });

        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())));
        loop.onVerdictTapped();
        type("not a code");

        assertEquals(List.of(1L, 2L), loggedWhenShown);
        assertEquals("Not a Tongxing code", loop.state().verdict().get().reason());
    }

    @Test
    void whenTheLogCannotBeWrittenNoVerdictIsShown() {
        JdbcSqlDatabase broken = new JdbcSqlDatabase(dir.resolve("broken.db")) {
            @Override
            public void execute(String sql, Object... args) {
                if (sql.startsWith("INSERT INTO scan")) {
                    throw new StorageException("disk full (test)", null);
                }
                super.execute(sql, args);
            }
        };
        ScanLoop failing = new ScanLoop(device, ScanLog.open(broken), clock, ticker, feedback,
                XmlLocalizer.inEnglish(), ScanLoop.Timing.defaults());

        failing.onScanned(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())), true);

        assertEquals(ScanLoop.Mode.LOG_FAILED, failing.state().mode());
        assertEquals(Optional.empty(), failing.state().verdict());
        assertTrue(failing.state().error().get().startsWith("This scan could not be recorded"));
        assertEquals(List.of(Feedback.Cue.REVIEW), feedback.played);
        failing.onVerdictTapped();
        assertEquals(ScanLoop.Mode.SCANNING, failing.state().mode());
    }

    @Test
    void aPassVerdictGoesAwayByItselfAfterThreeSecondsAStopAfterEight() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())));
        ticker.advance(Duration.ofSeconds(2));
        assertEquals(ScanLoop.Mode.VERDICT, loop.state().mode());
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(ScanLoop.Mode.SCANNING, loop.state().mode());

        type(qr(TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty())));
        ticker.advance(Duration.ofSeconds(7));
        assertEquals(ScanLoop.Mode.VERDICT, loop.state().mode());
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(ScanLoop.Mode.SCANNING, loop.state().mode());
    }

    @Test
    void aTapGoesBackAtOnceAndCallsOffTheTimer() {
        int before = ticker.scheduled();
        type(qr(TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty())));
        assertEquals(before + 1, ticker.scheduled());

        loop.onVerdictTapped();

        assertEquals(ScanLoop.Mode.SCANNING, loop.state().mode());
        assertEquals(before, ticker.scheduled());
    }

    @Test
    void theSameCodeStillInFrontOfTheCameraIsNotScannedTwice() {
        String code = qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()));
        loop.onScanned(code, true);
        loop.onVerdictTapped();

        loop.onScanned(code, true);
        assertEquals(ScanLoop.Mode.SCANNING, loop.state().mode());
        assertEquals(1, log.count());

        ticker.advance(Duration.ofSeconds(5));
        loop.onScanned(code, true);
        assertEquals(ScanLoop.Mode.VERDICT, loop.state().mode());
        assertEquals(2, log.count());
    }

    @Test
    void aHardwareScanReplacesTheVerdictOnScreen() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty())));
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 43, Optional.empty())));

        assertEquals(Outcome.PASS, loop.state().verdict().get().outcome());
        assertEquals("Check no. 2", loop.state().verdict().get().sequence());
    }

    @Test
    void cameraFramesAreIgnoredWhileAVerdictIsShown() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())));

        loop.onScanned(qr(TongzhouCheckpoint.healthCode(Colour.RED, 43, Optional.empty())), true);

        assertEquals(Outcome.PASS, loop.state().verdict().get().outcome());
        assertEquals(1, log.count());
    }

    @Test
    void torchAndCameraAreStateWithLabelsThatSayWhatTheButtonsDo() {
        assertFalse(loop.state().torchOn());
        assertEquals("Turn torch on", loop.state().torchLabel());
        loop.toggleTorch();
        assertTrue(loop.state().torchOn());
        assertEquals("Turn torch off", loop.state().torchLabel());

        assertEquals("Use front camera", loop.state().cameraLabel());
        loop.switchCamera();
        assertEquals(ScanLoop.Camera.FRONT, loop.state().camera());
        assertFalse(loop.state().torchOn(), "front cameras have no torch");
        assertEquals("Use back camera", loop.state().cameraLabel());
    }

    @Test
    void beforeTheFirstSyncNothingIsVerifiedOrLoggedAndAfterItScanningStarts() throws Exception {
        CheckpointDevice fresh = new CheckpointDevice(new MemorySecureStore(), clock, null);
        fresh.enroll(TongzhouCheckpoint.enrollment());
        ScanLoop unsynced = new ScanLoop(fresh, log, clock, ticker, feedback, XmlLocalizer.inEnglish(),
                ScanLoop.Timing.defaults());
        assertEquals(ScanLoop.Mode.NOT_READY, unsynced.state().mode());

        unsynced.onScanned(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())), false);
        assertEquals(0, log.count());

        FakeScanServer server = new FakeScanServer();
        unsynced.sync(new BackgroundSync(fresh,
                () -> new SyncRound(fresh, TongzhouCheckpoint::download, new ScanLogUpload(log, server, 10))),
                Runnable::run);

        assertEquals(ScanLoop.Mode.SCANNING, unsynced.state().mode());
        assertEquals(Optional.of("Synced."), unsynced.state().message());
    }

    @Test
    void syncingUploadsTheLogAndSaysWhenTheServerCannotBeReached() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())));
        assertEquals(Optional.of("1 scans not yet uploaded"), loop.state().banner().unsent());
        FakeScanServer server = new FakeScanServer();

        loop.sync(new BackgroundSync(device, () -> new SyncRound(device, () -> {
            throw new IOException("offline (test)");
        }, new ScanLogUpload(log, server, 10))), Runnable::run);

        assertEquals(1, server.stored.size());
        assertEquals(Optional.empty(), loop.state().banner().unsent());
        assertEquals(Optional.of("Could not reach the server; the data on this device stays in use."),
                loop.state().message());
        assertFalse(loop.state().syncing());
    }

    @Test
    void aRollbackOfferedBySyncIsRefusedAndSaidSo() {
        loop.sync(new BackgroundSync(device, () -> new SyncRound(device, () -> TongzhouCheckpoint.download(3, NOW),
                new ScanLogUpload(log, new FakeScanServer(), 10))), Runnable::run);

        assertEquals(Optional.of("Sync refused: the server sent older trust data than this device holds."),
                loop.state().message());
    }

    @Test
    void inChineseTheVerdictReadsInChinese() {
        ScanLoop chinese = new ScanLoop(device, log, clock, ticker, feedback, XmlLocalizer.inChinese(),
                ScanLoop.Timing.defaults());

        chinese.onTyped('x');
        chinese.onTyped('\n');
        for (char c : qr(TongzhouCheckpoint.commuterPass(42, Optional.empty())).toCharArray()) {
            chinese.onTyped(c);
        }
        chinese.onTyped('\n');

        VerdictScreen verdict = chinese.state().verdict().get();
        assertEquals("通过", verdict.signal().words());
        assertEquals("核验通过，准予通行", verdict.reason());
        assertEquals(Optional.of("签发地：廊坊市 (131000)"), verdict.issuer());
        assertEquals(Optional.of("通行证 · 一信一卡一证"), verdict.kind());
        assertEquals("核验序号 2", verdict.sequence());
    }

    @Test
    void aVerdictOnScreenComesBackWhenTheScreenIsRebuiltAndStillGoesAwayByItself() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, TongzhouCheckpoint.REVOKED, Optional.empty())));
        VerdictScreen shown = loop.state().verdict().get();

        ScanLoop rebuilt = new ScanLoop(device, log, clock, ticker, feedback, XmlLocalizer.inEnglish(),
                ScanLoop.Timing.defaults());
        rebuilt.restore(loop.saved());

        assertEquals(ScanLoop.Mode.VERDICT, rebuilt.state().mode());
        VerdictScreen restored = rebuilt.state().verdict().get();
        assertEquals(shown.signal(), restored.signal());
        assertEquals(List.of(shown.reason(), shown.reasonCode(), shown.sequence(), shown.description()),
                List.of(restored.reason(), restored.reasonCode(), restored.sequence(), restored.description()));
        assertEquals(shown.name(), restored.name());
        assertEquals(shown.details(), restored.details());
        assertEquals(1, log.count(), "restoring shows the verdict again; it does not scan again");

        ticker.advance(Duration.ofSeconds(8));
        assertEquals(ScanLoop.Mode.SCANNING, rebuilt.state().mode());
    }

    @Test
    void whileScanningThereIsNothingToKeep() {
        assertEquals(java.util.Map.of(), loop.saved());
    }

    @Test
    void aRevokedGreenCodeDoesNotSayGreenButARedCodeSaysRed() {
        type(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, TongzhouCheckpoint.REVOKED, Optional.empty())));
        assertFalse(loop.state().verdict().get().details().contains("Green code"),
                loop.state().verdict().get().details().toString());
        loop.onVerdictTapped();
        type(qr(TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty())));
        assertTrue(loop.state().verdict().get().details().contains("Red code"),
                loop.state().verdict().get().details().toString());
    }

    @Test
    void aBroadcastScanIsVerifiedLikeATypedOneAndAnEmptyOneIgnored() {
        loop.onScannerBroadcast("");
        loop.onScannerBroadcast(null);
        assertEquals(ScanLoop.Mode.SCANNING, loop.state().mode());
        loop.onScannerBroadcast(qr(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())));
        assertEquals(Outcome.PASS, loop.state().verdict().get().outcome());
    }

    @Test
    void aPaperCardPassesInItsOwnWordsWithTheOfficersHintSetApart() {
        type(qr(TongzhouCheckpoint.paperCard(42)));

        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Outcome.PASS, verdict.outcome());
        assertEquals(Optional.of("Paper health card"), verdict.kind());
        assertEquals(Optional.of(new Signal(Signal.WHITE, Signal.BLACK, Icon.WARNING,
                "Paper card: check the ID card's photo, name and last four characters")), verdict.hint());
        assertEquals(Optional.of("Name 王*英"), verdict.name());
        assertEquals(Optional.of("ID ends in 0426"), verdict.idDigits());
        assertEquals(List.of("Valid 2026-11-12 to 2027-02-10", "Status data: 10 min ago"), verdict.details());
        assertEquals("PASS. Verified: may pass, Paper card: check the ID card's photo, name and last four characters,"
                + " Name 王*英, ID ends in 0426", verdict.description());

        VerdictScreen restored = VerdictScreen.restored(verdict.saved(), XmlLocalizer.inEnglish()).get();
        assertEquals(verdict.hint(), restored.hint(), "the hint comes back with a recreated screen");
    }

    @Test
    void aPaperCardWhoseHolderIsNotGreenIsStoppedAsSuspendedWithoutAnyColour() {
        type(qr(TongzhouCheckpoint.paperCard(TongzhouCheckpoint.SUSPENDED)));

        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Outcome.STOP, verdict.outcome());
        assertEquals("Reason code SUSPENDED", verdict.reasonCode());
        assertEquals(Optional.of("Paper health card"), verdict.kind());
        assertFalse(verdict.details().stream().anyMatch(line -> line.contains("code")), verdict.details().toString());
    }

    private void type(String text) {
        for (char c : text.toCharArray()) {
            loop.onTyped(c);
        }
        loop.onTyped('\r');
    }

    private static String qr(String token) {
        return QrText.encode(Presentation.of(token));
    }
}
