package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.content.Intent;
import android.view.KeyCharacterMap;
import android.view.KeyEvent;
import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.model.checkpoint.ScannerBroadcast;
import io.tongxing.app.model.resident.HealthCodeScreen;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.server.http.AccountSession;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.HttpResidentApi;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.RecordingScreen;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.qr.QrCode;
import io.tongxing.verify.Reason;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.robolectric.android.controller.ActivityController;

/**
 * An officer's shift, through the app's real Activities against a real region server: log in and enroll the
 * phone, sync, scan a resident's live code with the camera (PASS), then after the resident is confirmed a case
 * with a keyboard-wedge scanner (STOP, revoked) and a broadcast scanner (STOP, red), see the day in the scan
 * history, upload, and with the server gone for seven hours get REVIEW.
 */
public class OfficerJourneyTest extends RegionServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private PhoneUnderTest phone;
    private Localizer words;

    @Before
    public void anOfficersPhone() {
        phone = PhoneUnderTest.sharing(region.clock, region.baseUrl);
        words = phone.graph.words;
        shadowOf(phone.app).grantPermissions(Manifest.permission.CAMERA);
    }

    /** The resident's own phone: the app's clients and screen model, outside this phone's app. */
    private final class ResidentPhone {
        final MemorySecureStore store = new MemorySecureStore();
        final AccountSession session = new AccountSession(
                new ApiClient(UrlConnectionTransport.to(region.baseUrl), () -> Locale.ENGLISH), store,
                "resident-session", XmlLocalizer.inEnglish());
        final SoftwareHolderKeys keys = new SoftwareHolderKeys();
        final ResidentSync sync = new ResidentSync(new HttpResidentApi(session, region.clock), new ResidentVault(store),
                keys, region.clock);
        final HealthCodeScreen screen = new HealthCodeScreen(new ResidentVault(store), keys, region.clock,
                new ManualTicker(region.clock), new RecordingScreen(), XmlLocalizer.inEnglish(),
                new HttpResidentApi(session, region.clock), Runnable::run);

        ResidentPhone() throws Exception {
            String mobile = "136" + String.format("%08d", RANDOM.nextInt(100_000_000));
            String first17 = "110105" + "19800101" + String.format("%03d", RANDOM.nextInt(1000));
            session.requestRegistrationCode(mobile);
            session.registerResident("李四", first17 + ResidentIdNumbers.checkCharacter(first17), mobile,
                    "Resident-pass-2", region.smsCodeFor(mobile));
            region.afterAMinute();
            sync.registerPhone();
            sync.refresh();
        }

        /** The QR on the resident's screen now (a fresh live proof). */
        String qr() throws Exception {
            sync.refresh();
            screen.onHide();
            screen.onShow();
            return screen.state().code().get().qrText();
        }
    }

    @Test
    public void anOfficerScansPassThenStopByWedgeAndBroadcastSeesTheDayUploadsAndGetsReviewOnStaleData()
            throws Exception {
        ResidentPhone resident = new ResidentPhone();
        String checkpoint = Journeys.enrollAsCheckpoint(phone, region);

        ActivityController<CheckpointActivity> running = phone.open(CheckpointActivity.class);
        CheckpointActivity screen = running.get();
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen)
                .contains(words.text(Text.BANNER_FRESH, words.text(Text.AGE_JUST_NOW))));

        // The camera sees the resident's live code: PASS, logged before it is shown.
        screen.onCameraFrame(NoisyFrames.frame(QrCode.encode(resident.qr()), 1280, 720, 6, 1), 1280, 720);
        ViewTree.settle();
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.VERDICT_PASS)));
        assertTrue(ViewTree.texts(screen).contains(words.text(Text.VERDICT_NAME, "李*")));
        assertEquals(1, phone.graph.scanLog().count());
        ViewTree.tapText(screen, words.text(Text.VERDICT_BACK)); // the verdict takes the tap
        assertEquals(ScanLoop.Mode.SCANNING, screen.model.state().mode());

        // The resident is confirmed a case. "Sync now" uploads the first scan and brings the new status list.
        region.confirmCase(resident.session.accountId().get());
        region.clock.advance(Duration.ofSeconds(30));
        ViewTree.tap(screen, words.text(Text.SYNC_NOW));
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.SYNC_DONE)));
        assertEquals(0, phone.graph.scanLog().unsentCount());

        // A keyboard-wedge scanner types the same green code: revoked.
        String green = resident.screen.state().code().get().qrText();
        KeyCharacterMap keys = KeyCharacterMap.load(KeyCharacterMap.VIRTUAL_KEYBOARD);
        for (KeyEvent event : keys.getEvents(green.toCharArray())) {
            screen.dispatchKeyEvent(event);
        }
        screen.dispatchKeyEvent(new KeyEvent(KeyEvent.ACTION_DOWN, KeyEvent.KEYCODE_ENTER));
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.VERDICT_STOP)));
        assertTrue(ViewTree.texts(screen).contains(words.reason(Reason.REVOKED)));
        ViewTree.tapText(screen, words.text(Text.VERDICT_BACK));

        // A broadcast scanner sends the resident's new, red code.
        phone.app.sendBroadcast(new Intent(ScannerBroadcast.DEFAULT.action())
                .putExtra(ScannerBroadcast.DEFAULT.extra(), resident.qr()));
        ViewTree.settle();
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.reason(Reason.CODE_RED)));
        ViewTree.tapText(screen, words.text(Text.VERDICT_BACK));
        running.pause();

        // The day so far: one PASS, two STOPs, two scans waiting for upload.
        ScanHistoryActivity history = phone.open(ScanHistoryActivity.class).get();
        List<String> shown = ViewTree.texts(history);
        assertTrue(ViewTree.screenText(history), shown.contains(words.text(Text.HISTORY_COUNT_PASS, 1L)));
        assertTrue(shown.contains(words.text(Text.HISTORY_COUNT_STOP, 2L)));
        assertTrue(shown.contains(words.text(Text.BANNER_UNSENT, 2L)));

        // Upload: the server holds the three scans once each; the history says all are up.
        running.resume();
        ViewTree.tap(screen, words.text(Text.SYNC_NOW));
        List<Map<String, Object>> stored = RegionServerFixture.query("select sequence, outcome from scan_records"
                + " where device_id = ?::uuid order by sequence", phone.graph.device().enrollment().get().deviceId());
        assertEquals(List.of("PASS", "STOP", "STOP"), stored.stream().map(r -> r.get("outcome")).toList());
        history = phone.open(ScanHistoryActivity.class).get();
        assertTrue(ViewTree.texts(history).contains(words.text(Text.HISTORY_ALL_SENT)));

        // Seven hours without the server: the status data is too old and every verdict is REVIEW.
        new PhoneSettings(phone.app).confirmServer("http://127.0.0.1:9");
        phone.newProcess();
        region.clock.advance(Duration.ofHours(7));
        CheckpointActivity stale = phone.open(CheckpointActivity.class).get();
        stale.onCameraFrame(NoisyFrames.frame(QrCode.encode(resident.qr()), 1280, 720, 6, 2), 1280, 720);
        ViewTree.settle();
        assertTrue(ViewTree.screenText(stale), ViewTree.texts(stale).contains(words.text(Text.VERDICT_REVIEW)));
        assertTrue(ViewTree.texts(stale).contains(words.reason(Reason.STATUS_STALE)));
        assertEquals(checkpoint, phone.graph.device().enrollment().get().checkpoint());
    }
}
