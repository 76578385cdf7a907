package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.app.model.Icon;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanLogUpload;
import io.tongxing.app.server.CheckpointDownload;
import io.tongxing.app.server.NotConnected;
import io.tongxing.app.storage.EncryptedFileStore;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.RecordingFeedback;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint's synced documents kept across an app restart, encrypted in files as on the phone: after
 * a restart without network the device verifies with what it kept, checked again against the pinned keys;
 * what was tampered with is refused and said, never used.
 */
class CheckpointRestartTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private SecretKey key;
    private EncryptedFileStore store;
    private ScanLog log;

    @BeforeEach
    void enrolledAndSyncedTenMinutesAgo() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        key = generator.generateKey();
        store = new EncryptedFileStore(dir.resolve("sealed").toFile(), () -> key);
        log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        CheckpointDevice before = new CheckpointDevice(store, clock, null);
        before.enroll(TongzhouCheckpoint.enrollment());
        assertEquals(SyncResult.Kind.APPLIED, before.apply(TongzhouCheckpoint.download()).kind());
    }

    @Test
    void afterARestartWithoutNetworkAScannedCodePassesAndTheBannerTellsTheDatasTrueAge() {
        clock.advance(Duration.ofHours(2));
        CheckpointDevice restarted = restarted();
        ScanLoop loop = loop(restarted);
        loop.sync(offlineRound(restarted), Runnable::run);

        scan(loop, TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()));

        assertEquals(Optional.of("Could not reach the server; the data on this device stays in use."),
                loop.state().message());
        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Outcome.PASS, verdict.outcome());
        assertTrue(verdict.details().contains("Status data: 2 h ago"), verdict.details().toString());
        assertEquals(Icon.CHECK, loop.state().banner().signal().icon());
        assertEquals("Data updated 2 h ago", loop.state().banner().signal().words());
        assertEquals(Optional.empty(), restarted.storedDataProblem());
    }

    @Test
    void theStatusListsKeptStillStopARevokedCodeAfterTheRestart() {
        CheckpointDevice restarted = restarted();
        ScanLoop loop = loop(restarted);

        scan(loop, TongzhouCheckpoint.healthCode(Colour.GREEN, TongzhouCheckpoint.REVOKED, Optional.empty()));

        assertEquals(Outcome.STOP, loop.state().verdict().get().outcome());
    }

    @Test
    void dataKeptPastThePolicysAgeGivesReviewAfterARestart() {
        clock.advance(Duration.ofHours(7));
        CheckpointDevice restarted = restarted();
        ScanLoop loop = loop(restarted);

        scan(loop, TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()));

        VerdictScreen verdict = loop.state().verdict().get();
        assertEquals(Outcome.REVIEW, verdict.outcome());
        assertEquals("Reason code " + Reason.STATUS_STALE, verdict.reasonCode());
        assertEquals("Data too old (updated 7 h ago): verdicts say REVIEW until you sync",
                loop.state().banner().signal().words());
    }

    @Test
    void aDamagedFileIsRefusedTheDeviceSaysSoAndScansNothingButStillRefusesARollback() throws Exception {
        Path file = dir.resolve("sealed").resolve(CheckpointDevice.DATA + ".sealed");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        CheckpointDevice restarted = restarted();
        ScanLoop loop = loop(restarted);
        scan(loop, TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()));

        assertFalse(restarted.state().isPresent());
        assertFalse(restarted.verifier().isPresent());
        assertTrue(restarted.storedDataProblem().get().contains(CheckpointDevice.DATA),
                restarted.storedDataProblem().get());
        assertEquals(ScanLoop.Mode.NOT_READY, loop.state().mode(), "no verdict from data that was refused");
        assertEquals(0, log.count());
        assertEquals("Stored data failed its check and was set aside: sync to scan again",
                loop.state().banner().signal().words());
        assertEquals(SyncResult.Kind.OLDER_BUNDLE, restarted.apply(TongzhouCheckpoint.download(6, NOW)).kind(),
                "the highest version is kept apart from the documents");
        assertEquals(SyncResult.Kind.APPLIED, restarted.apply(TongzhouCheckpoint.download(7, NOW)).kind());
        assertEquals(Optional.empty(), restarted.storedDataProblem(), "a good sync replaces what was refused");
    }

    @Test
    void aStoredSyncWithALaxerPolicySignedByAnotherKeyIsRefusedOnLoad() throws Exception {
        CheckpointDownload lax = TongzhouCheckpoint.download(TongzhouCheckpoint.ROGUE_KEY,
                CheckpointPolicy.builder(TongzhouCheckpoint.TONGZHOU).maxStatusAge(Duration.ofDays(365)).build(),
                TongzhouCheckpoint.download().trustBundle(), TongzhouCheckpoint.download().statusLists(), NOW);
        rewrite(store, json -> json.put("sync", lax.sync()));

        CheckpointDevice restarted = restarted();

        assertFalse(restarted.verifier().isPresent());
        assertTrue(restarted.storedDataProblem().get().contains("SYNC_REFUSED"), restarted.storedDataProblem().get());
    }

    @Test
    void aStoredBundleSwappedForAnotherIsRefusedOnLoad() throws Exception {
        String other = TongzhouCheckpoint.bundle(TongzhouCheckpoint.ROGUE_KEY, 7, NOW);
        rewrite(store, json -> json.put("bundle", other));

        CheckpointDevice restarted = restarted();

        assertFalse(restarted.verifier().isPresent());
        assertTrue(restarted.storedDataProblem().isPresent());
    }

    @Test
    void aStoredStatusListNotSignedByItsIssuerIsLeftOutAndSaid() throws Exception {
        List<String> lists = new ArrayList<>(TongzhouCheckpoint.download().statusLists());
        lists.set(0, TongzhouCheckpoint.statusList(TongzhouCheckpoint.BEIJING, TongzhouCheckpoint.ROGUE_KEY, NOW));
        rewrite(store, json -> json.put("status_lists", lists));

        CheckpointDevice restarted = restarted();

        assertEquals(1, restarted.state().get().statusLists().size(), "Langfang's list only");
        assertEquals(Optional.of("1 stored status lists did not verify"), restarted.storedDataProblem());
    }

    @Test
    void aTrustKeyInsertedIntoTheStoredAnchorsIsNotBelieved() throws Exception {
        String announcing = TongzhouCheckpoint.bundle(TongzhouCheckpoint.ROGUE_KEY, 7, NOW,
                List.of(TongzhouCheckpoint.publicKey(TongzhouCheckpoint.ROGUE_KEY)));
        Map<String, Object> anchors = JSONObjectUtils.parse(new String(store.read(CheckpointDevice.ANCHORS).get(),
                StandardCharsets.UTF_8));
        anchors.put("announcing_bundles", List.of(announcing));
        store.write(CheckpointDevice.ANCHORS, JSONObjectUtils.toJSONString(anchors).getBytes(StandardCharsets.UTF_8));

        CheckpointDevice restarted = restarted();

        assertEquals(1, restarted.trustKeys().size(), "only the key pinned at enrollment");
        assertTrue(restarted.storedDataProblem().get().contains("announcing trust keys"));
        assertEquals(SyncResult.Kind.SYNC_REFUSED, restarted.apply(TongzhouCheckpoint.download(
                TongzhouCheckpoint.ROGUE_KEY, TongzhouCheckpoint.policy(),
                TongzhouCheckpoint.bundle(TongzhouCheckpoint.ROGUE_KEY, 8, NOW),
                TongzhouCheckpoint.download().statusLists(), NOW)).kind());
    }

    @Test
    void whatTheDeviceHoldsAfterARestartIsWhatItsLastSyncNamed() {
        CheckpointDevice restarted = restarted();

        CheckpointDevice.Holdings held = restarted.holdings().get();

        assertEquals(7, held.trustBundleVersion());
        assertEquals(TongzhouCheckpoint.download().trustBundle().length(), held.trustBundle().length());
        assertEquals(2, held.statusLists().size());
        assertEquals(TongzhouCheckpoint.BEIJING, held.statusLists().get(0).named().issuer());
        assertEquals(TongzhouCheckpoint.LIST, held.statusLists().get(0).named().list());
    }

    private CheckpointDevice restarted() {
        // A new process: a new store object over the same files and key, a new device.
        CheckpointDevice device = new CheckpointDevice(new EncryptedFileStore(dir.resolve("sealed").toFile(), () -> key),
                clock, null);
        device.load();
        return device;
    }

    private ScanLoop loop(CheckpointDevice device) {
        ScanLoop loop = new ScanLoop(device, log, clock, new ManualTicker(clock), new RecordingFeedback(),
                XmlLocalizer.inEnglish(), ScanLoop.Timing.defaults());
        loop.onShow();
        return loop;
    }

    private BackgroundSync offlineRound(CheckpointDevice device) {
        NotConnected server = new NotConnected();
        return new BackgroundSync(device, () -> new SyncRound(device, server, new ScanLogUpload(log, server, 100)));
    }

    private static void scan(ScanLoop loop, String token) {
        QrCode code = QrCode.encode(QrText.encode(Presentation.of(token)));
        loop.onFrame(NoisyFrames.frame(code, WIDTH, HEIGHT, 6, 2), WIDTH, HEIGHT);
    }

    /** Someone holding the store's key rewrites the documents (validly encrypted, so only the signatures can tell). */
    private static void rewrite(SecureStore store, java.util.function.Consumer<Map<String, Object>> change)
            throws Exception {
        Map<String, Object> json = JSONObjectUtils.parse(new String(store.read(CheckpointDevice.DATA).get(),
                StandardCharsets.UTF_8));
        change.accept(json);
        store.write(CheckpointDevice.DATA, JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }
}
