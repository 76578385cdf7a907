package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanLogUpload;
import io.tongxing.app.server.CheckpointSyncSource;
import io.tongxing.app.server.NotConnected;
import io.tongxing.app.testing.FakeScanServer;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.RecordingFeedback;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background sync: scans up, data down, the outcome said, and never two rounds at once. */
class BackgroundSyncTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeScanServer scans = new FakeScanServer();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<String>());
    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private CheckpointDevice device;
    private ScanLog log;
    private CheckpointSyncSource server;

    @BeforeEach
    void checkpointWithTwoScansNotYetUploaded() {
        device = TongzhouCheckpoint.syncedDevice(clock);
        log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        ScanLoop loop = new ScanLoop(device, log, clock, new ManualTicker(clock), new RecordingFeedback(),
                XmlLocalizer.inEnglish(), ScanLoop.Timing.defaults());
        for (long index : new long[] {42, TongzhouCheckpoint.REVOKED}) {
            loop.onScanned(QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(Colour.GREEN, index,
                    Optional.empty()))), false);
            loop.onVerdictTapped();
        }
        assertEquals(2, log.unsentCount());
        clock.advance(Duration.ofHours(1));
        server = () -> {
            calls.add("sync");
            return TongzhouCheckpoint.download(7, clock.instant());
        };
    }

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Test
    void itUploadsThePendingScansThenSyncsAndSaysSo() {
        BackgroundSync sync = gate();

        BackgroundSync.Report report = sync.run();

        assertEquals(BackgroundSync.Outcome.SYNCED, report.outcome());
        assertEquals(List.of("upload", "sync"), calls, "scans go up before data comes down");
        assertEquals(2, report.round().get().upload().acknowledged());
        assertEquals(0, log.unsentCount());
        assertEquals(clock.instant(), device.state().get().syncedAt());
        assertEquals(Optional.of(report), sync.last());
    }

    @Test
    void offlineNothingIsLostAndTheOutcomeSaysOffline() {
        scans.unreachable = true;
        server = new NotConnected();
        BackgroundSync sync = gate();

        BackgroundSync.Report report = sync.run();

        assertEquals(BackgroundSync.Outcome.OFFLINE, report.outcome());
        assertEquals(2, log.unsentCount());
        assertEquals(NOW.minus(Duration.ofMinutes(10)), device.state().get().syncedAt(), "the last data stays");
    }

    @Test
    void aDownloadTheDeviceRefusesIsReportedAsRefused() {
        server = () -> TongzhouCheckpoint.download(6, clock.instant());

        BackgroundSync.Report report = gate().run();

        assertEquals(BackgroundSync.Outcome.REFUSED, report.outcome());
        assertEquals(SyncResult.Kind.OLDER_BUNDLE, report.round().get().sync().get().kind());
        assertEquals(0, log.unsentCount(), "the upload half still went through");
    }

    @Test
    void aPhoneNotEnrolledTalksToNobody() {
        device = new CheckpointDevice(new MemorySecureStore(), clock, null);

        BackgroundSync.Report report = gate().run();

        assertEquals(BackgroundSync.Outcome.NOT_ENROLLED, report.outcome());
        assertTrue(calls.isEmpty());
        assertEquals(0, scans.receivedRecords);
    }

    @Test
    void whileOneRoundRunsASecondDoesNothingAndSaysSo() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = () -> {
            calls.add("sync");
            inside.countDown();
            await(release);
            return TongzhouCheckpoint.download(7, clock.instant());
        };
        BackgroundSync sync = gate();
        Future<BackgroundSync.Report> first = other.submit(sync::run);
        assertTrue(inside.await(10, TimeUnit.SECONDS));

        BackgroundSync.Report second = sync.run();

        assertEquals(BackgroundSync.Outcome.ALREADY_RUNNING, second.outcome());
        assertTrue(sync.running());
        assertEquals(List.of("upload", "sync"), calls, "the second call reached neither server");
        release.countDown();
        assertEquals(BackgroundSync.Outcome.SYNCED, first.get(10, TimeUnit.SECONDS).outcome());
        assertFalse(sync.running());
        assertEquals(BackgroundSync.Outcome.SYNCED, sync.run().outcome(), "the next round runs again");
    }

    @Test
    void aRoundThatBlowsUpStillOpensTheGateForTheNext() {
        server = () -> {
            throw new IllegalStateException("bug (test)");
        };
        BackgroundSync sync = gate();

        assertThrows(IllegalStateException.class, sync::run);

        assertFalse(sync.running());
        server = () -> TongzhouCheckpoint.download(7, clock.instant());
        assertEquals(BackgroundSync.Outcome.SYNCED, sync.run().outcome());
    }

    @Test
    void theCheckpointScreensSyncWaitsForTheBackgroundRoundAndSaysOneIsUnderWay() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = () -> {
            inside.countDown();
            await(release);
            return TongzhouCheckpoint.download(7, clock.instant());
        };
        BackgroundSync sync = gate();
        ScanLoop screen = new ScanLoop(device, log, clock, new ManualTicker(clock), new RecordingFeedback(),
                XmlLocalizer.inEnglish(), ScanLoop.Timing.defaults());
        Future<BackgroundSync.Report> job = other.submit(sync::run);
        assertTrue(inside.await(10, TimeUnit.SECONDS));

        screen.sync(sync, Runnable::run);

        assertEquals(Optional.of("A sync is already under way; the banner shows its result when it ends."),
                screen.state().message());
        assertFalse(screen.state().syncing());
        assertEquals("Data updated 1 h ago", screen.state().banner().signal().words());
        release.countDown();
        job.get(10, TimeUnit.SECONDS);
        screen.refresh();
        assertEquals("Data updated just now", screen.state().banner().signal().words(),
                "the banner shows what the background round brought");
    }

    private BackgroundSync gate() {
        return new BackgroundSync(device, () -> new SyncRound(device, () -> server.fetchBundle(),
                new ScanLogUpload(log, batch -> {
                    calls.add("upload");
                    return scans.upload(batch);
                }, 100)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
