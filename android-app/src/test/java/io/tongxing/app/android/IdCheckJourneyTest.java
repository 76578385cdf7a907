package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.content.Intent;
import android.view.KeyCharacterMap;
import android.view.KeyEvent;
import android.widget.EditText;
import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.sync.IdCheckReason;
import io.tongxing.verify.OfficerHint;
import io.tongxing.verify.Reason;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;

/**
 * An officer checks people who have no code, through the app's real Activities against a real region server: the
 * "no phone" entry on the checkpoint screen, the number typed by a card reader (keys, then Enter), the signed
 * request, the answer verified on the phone and shown on the full-screen verdict — PASS with the hint to compare
 * the ID card's photo, a red STOP — a typo pointed out with nothing sent, REVIEW "needs a network" offline, REVIEW
 * in the server's words beyond the hourly limit; every check in the scan history and uploaded like a scan.
 */
public class IdCheckJourneyTest extends RegionServerTest {
    private PhoneUnderTest phone;
    private Localizer words;

    @Before
    public void anOfficersPhone() {
        phone = PhoneUnderTest.sharing(region.clock, region.baseUrl);
        words = phone.graph.words;
        shadowOf(phone.app).grantPermissions(Manifest.permission.CAMERA);
    }

    /** From the checkpoint screen's "no phone" button to the ID-check screen. */
    private IdCheckActivity openIdCheck() {
        CheckpointActivity checkpoint = phone.open(CheckpointActivity.class).get();
        ViewTree.tap(checkpoint, words.text(Text.CHECKPOINT_NO_PHONE));
        Intent started = shadowOf(checkpoint).getNextStartedActivity();
        return phone.open(IdCheckActivity.class, started).get();
    }

    /** A card reader types the number into the focused field, then Enter. */
    private static void cardReader(IdCheckActivity screen, String idNumber) {
        EditText field = ViewTree.field(screen, screen.graph.words.text(Text.IDCHECK_NUMBER));
        field.requestFocus();
        KeyCharacterMap keys = KeyCharacterMap.load(KeyCharacterMap.VIRTUAL_KEYBOARD);
        for (KeyEvent event : keys.getEvents(idNumber.toCharArray())) {
            screen.dispatchKeyEvent(event);
        }
        screen.dispatchKeyEvent(new KeyEvent(KeyEvent.ACTION_DOWN, KeyEvent.KEYCODE_ENTER));
        screen.dispatchKeyEvent(new KeyEvent(KeyEvent.ACTION_UP, KeyEvent.KEYCODE_ENTER));
        ViewTree.settle();
    }

    private static String hint(Localizer words) {
        return words.chinese() ? OfficerHint.COMPARE_ID_PHOTO.chinese() : OfficerHint.COMPARE_ID_PHOTO.english();
    }

    @Test
    public void anOfficerChecksPeopleWithoutACodeByIdNumberOnlineAndOffline() throws Exception {
        String green = region.register("周桂兰", "19420101").idNumber();
        RegionServerFixture.Resident red = region.register("吴建国", "19420202");
        region.confirmCase(red.accountId());
        Journeys.enrollAsCheckpoint(phone, region);

        // A green resident: PASS over the whole screen, the hint to compare the photo set apart, the masked name.
        IdCheckActivity screen = openIdCheck();
        cardReader(screen, green);
        List<String> shown = ViewTree.texts(screen);
        assertTrue(ViewTree.screenText(screen), shown.contains(words.text(Text.VERDICT_PASS)));
        assertTrue(shown.contains(hint(words)));
        assertTrue(shown.contains(words.text(Text.VERDICT_KIND_BY_ID)));
        assertTrue(shown.contains(words.text(Text.VERDICT_NAME, "周*兰")));
        assertEquals(screen.findViewById(android.R.id.content).getHeight(), screen.verdictOverlay().getHeight());
        ViewTree.tapText(screen, words.text(Text.VERDICT_BACK));
        assertTrue("a tap goes back to scanning", screen.isFinishing());

        // A confirmed case: a red STOP, the colour in words.
        screen = openIdCheck();
        cardReader(screen, red.idNumber());
        shown = ViewTree.texts(screen);
        assertTrue(ViewTree.screenText(screen), shown.contains(words.text(Text.VERDICT_STOP)));
        assertTrue(shown.contains(words.reason(Reason.CODE_RED)));
        assertTrue(shown.contains(words.text(Text.COLOUR_RED)));
        ViewTree.tapText(screen, words.text(Text.VERDICT_BACK));

        // A typo: said next to the number, nothing sent.
        long checksBefore = countIdChecks();
        screen = openIdCheck();
        String typo = green.substring(0, 17) + (green.charAt(17) == '1' ? '2' : '1');
        cardReader(screen, typo);
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains("⚠ " + words.text(Text.REGISTER_ID_CHECK)));
        assertEquals(checksBefore, countIdChecks());

        // Beyond the hourly limit (60 a device): REVIEW, in the server's own words.
        for (int i = 2; i < 60; i++) {
            phone.graph.deviceApi().check(green, IdCheckReason.CONFIRM_SCAN);
        }
        screen = openIdCheck();
        cardReader(screen, green);
        shown = ViewTree.texts(screen);
        assertTrue(ViewTree.screenText(screen), shown.contains(words.text(Text.VERDICT_REVIEW)));
        assertTrue(shown.contains(words.reason(Reason.ID_CHECK_REFUSED)));
        assertTrue(ViewTree.screenText(screen), shown.stream().anyMatch(line -> line.startsWith(
                words.text(Text.VERDICT_SERVER_SAID, "").trim()) && line.contains("ID-number checks")));
        ViewTree.tapText(screen, words.text(Text.VERDICT_BACK));

        // The scan history names them; "sync now" uploads them like scans, and the server takes them.
        ScanHistoryActivity history = phone.open(ScanHistoryActivity.class).get();
        assertTrue(ViewTree.screenText(history), ViewTree.texts(history).stream()
                .anyMatch(line -> line.startsWith(words.text(Text.VERDICT_KIND_BY_ID))));
        CheckpointActivity checkpoint = phone.open(CheckpointActivity.class).get();
        ViewTree.tap(checkpoint, words.text(Text.SYNC_NOW));
        List<Map<String, Object>> uploaded = RegionServerFixture.query("select reason from scan_records"
                + " where device_id = ?::uuid order by sequence", phone.graph.device().enrollment().get().deviceId());
        assertEquals(List.of("ACCEPTED", "CODE_RED", "ID_CHECK_REFUSED"),
                uploaded.stream().map(row -> row.get("reason")).toList());

        // No network: REVIEW, "needs a network"; nothing is pretended.
        new PhoneSettings(phone.app).confirmServer("http://127.0.0.1:9");
        phone.newProcess();
        screen = openIdCheck();
        cardReader(screen, green);
        shown = ViewTree.texts(screen);
        assertTrue(ViewTree.screenText(screen), shown.contains(words.text(Text.VERDICT_REVIEW)));
        assertTrue(shown.contains(words.reason(Reason.ID_CHECK_NEEDS_NETWORK)));
        assertEquals(4, phone.graph.scanLog().count());
    }

    private static long countIdChecks() {
        return (Long) RegionServerFixture.query("select count(*) as n from id_checks").get(0).get("n");
    }
}
