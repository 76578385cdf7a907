package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.AlertDialog;
import android.app.DatePickerDialog;
import android.app.Notification;
import android.app.NotificationManager;
import android.content.DialogInterface;
import android.graphics.Bitmap;
import android.graphics.drawable.BitmapDrawable;
import android.view.View;
import android.view.ViewGroup;
import android.widget.CheckBox;
import android.widget.ImageView;
import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.qr.QrScanner;
import io.tongxing.qr.QrText;
import io.tongxing.verify.Outcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.robolectric.shadows.ShadowAlertDialog;
import org.robolectric.shadows.ShadowDialog;

/**
 * A resident's day, through the app's real Activities against a real region server (embedded PostgreSQL):
 * register, check in choosing a county and a date, show a live code whose QR, read back from what the screen
 * draws, a checkpoint verifies; the code is redrawn, kept offline with its age, and the resident is told by
 * notification when it turns red and their pass is suspended.
 */
public class ResidentJourneyTest extends RegionServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private PhoneUnderTest phone;
    private Localizer words;
    private String mobile;
    private String idNumber;

    @Before
    public void aPhoneOnTheRegionsServer() {
        phone = PhoneUnderTest.sharing(region.clock, region.baseUrl);
        words = phone.graph.words;
        mobile = "137" + String.format("%08d", RANDOM.nextInt(100_000_000));
        String first17 = "110105" + "19900101" + String.format("%03d", RANDOM.nextInt(1000));
        idNumber = first17 + ResidentIdNumbers.checkCharacter(first17);
    }

    /** Registration through the registration screen: SMS code, the six fields, "register". */
    private void register() {
        RegistrationActivity form = phone.open(RegistrationActivity.class).get();
        ViewTree.type(form, words.text(Text.REGISTER_NAME), "张三");
        ViewTree.type(form, words.text(Text.REGISTER_ID_NUMBER), idNumber);
        ViewTree.type(form, words.text(Text.REGISTER_PHONE), mobile);
        ViewTree.tap(form, words.text(Text.REGISTER_SEND_CODE));
        ViewTree.type(form, words.text(Text.REGISTER_CODE), region.smsCodeFor(mobile));
        ViewTree.type(form, words.text(Text.REGISTER_PASSWORD), "Resident-pass-1");
        ViewTree.type(form, words.text(Text.REGISTER_PASSWORD_AGAIN), "Resident-pass-1");
        ViewTree.tap(form, words.text(Text.REGISTER_SUBMIT));
        assertTrue(ViewTree.screenText(form), ViewTree.texts(form).contains(words.text(Text.REGISTER_DONE)));
        region.afterAMinute();
    }

    @Test
    public void aResidentRegistersChecksInWithPickedCountyAndDateAndShowsALiveCodeACheckpointAccepts() throws Exception {
        register();

        CheckInActivity checkIn = phone.open(CheckInActivity.class).get();
        ViewTree.type(checkIn, words.text(Text.CHECKIN_TEMPERATURE), "36.6");
        ViewTree.find(checkIn, CheckBox.class, words.text(Text.SYMPTOM_NONE)).performClick();
        ViewTree.tap(checkIn, words.text(Text.CHECKIN_VISIT_ADD));
        ViewTree.tap(checkIn, words.text(Text.CHECKIN_VISIT_PICK_COUNTY));
        pick("河北省");
        pick("廊坊市");
        pick("三河市");
        ViewTree.tap(checkIn, words.text(Text.CHECKIN_VISIT_PICK_DATE));
        DatePickerDialog date = (DatePickerDialog) ShadowDialog.getLatestDialog();
        assertEquals("the picker offers the last 14 days only", 13,
                Duration.ofMillis(date.getDatePicker().getMaxDate() - date.getDatePicker().getMinDate()).toDays());
        date.updateDate(2026, 2, 13);
        date.getButton(DialogInterface.BUTTON_POSITIVE).performClick();
        ViewTree.settle();
        assertTrue(ViewTree.screenText(checkIn), ViewTree.texts(checkIn).contains("河北省 三河市 (131082)"));
        assertTrue(ViewTree.texts(checkIn).contains("2026-03-13"));
        ViewTree.tap(checkIn, words.text(Text.CHECKIN_SUBMIT));
        assertTrue(ViewTree.screenText(checkIn), ViewTree.texts(checkIn).contains(words.text(Text.CHECKIN_SENT)));
        List<Map<String, Object>> visits = RegionServerFixture.query("select v.county_code, v.visited_on::text as day"
                + " from check_in_visits v join check_ins c on c.id = v.check_in_id join residents r"
                + " on r.account_id = c.account_id order by c.id desc limit 1");
        assertEquals("131082", visits.get(0).get("county_code"));
        assertEquals("2026-03-13", visits.get(0).get("day"));

        // The code: a live QR, read back from the bitmap the screen draws, verified by a checkpoint.
        HealthCodeActivity code = phone.open(HealthCodeActivity.class).get();
        assertTrue(ViewTree.screenText(code), ViewTree.texts(code).contains(words.text(Text.CODE_GREEN)));
        String shown = readQr(code);
        assertTrue("bound to this phone: a fresh holder proof", QrText.decode(shown).holderProof().isPresent());
        Journeys.enrollAsCheckpoint(phone, region);
        assertEquals(Outcome.PASS, phone.graph.device().verifier().get().verify(shown).outcome());

        // Thirty seconds on, the QR is redrawn with a new proof, and the clock beside it has moved.
        String clockBefore = ViewTree.find(code, android.widget.TextView.class, "Live").getText().toString();
        phone.ticker.advance(Duration.ofSeconds(30));
        ViewTree.settle();
        String redrawn = readQr(code);
        assertNotEquals(shown, redrawn);
        assertNotEquals(clockBefore, ViewTree.find(code, android.widget.TextView.class, "Live").getText().toString());
        assertEquals(Outcome.PASS, phone.graph.device().verifier().get().verify(redrawn).outcome());

        // Offline two hours later: the phone shows the copy it holds, and says how old it is.
        new PhoneSettings(phone.app).confirmServer("http://127.0.0.1:9");
        phone.newProcess();
        region.clock.advance(Duration.ofHours(2));
        HealthCodeActivity offline = phone.open(HealthCodeActivity.class).get();
        assertTrue(ViewTree.screenText(offline), ViewTree.texts(offline).contains(words.text(Text.CODE_GREEN)));
        assertTrue(ViewTree.screenText(offline), ViewTree.texts(offline)
                .contains(words.text(Text.CODE_OFFLINE_COPY, words.text(Text.AGE_HOURS, 2L))));
        readQr(offline);
    }

    @Test
    public void aResidentSeesTheirPassAndIsNotifiedWhenTheCodeTurnsRedAndThePassIsSuspended() throws Exception {
        register();
        phone.graph.residentApi().submit(new io.tongxing.app.model.resident.CheckIn(
                java.time.LocalDate.now(region.clock), new java.math.BigDecimal("36.5"),
                java.util.Collections.emptySet(), java.util.Collections.emptyList()));
        RegionServerFixture.Enterprise enterprise = region.enterprise();
        String corridor = region.corridor("WORK_COMMUTE", enterprise);
        String employee = region.employ(enterprise.token(), "张三", idNumber);
        region.workLetter(enterprise.token(), employee);
        String passId = region.approve(region.apply(enterprise.token(), employee, corridor));

        // Opening the code screen asks for the notification permission (Android 13+) and schedules the refresh.
        HealthCodeActivity code = phone.open(HealthCodeActivity.class).get();
        assertEquals(Manifest.permission.POST_NOTIFICATIONS, shadowOf(code).getLastRequestedPermission().requestedPermissions[0]);
        assertTrue(phone.app.getSystemService(android.app.job.JobScheduler.class)
                .getPendingJob(ResidentRefreshJob.JOB_ID) != null);

        PassesActivity passes = phone.open(PassesActivity.class).get();
        assertTrue(ViewTree.screenText(passes), ViewTree.texts(passes).contains(words.text(Text.PASS_STATE_VALID)));
        assertTrue(ViewTree.screenText(passes), ViewTree.texts(passes)
                .contains(words.text(Text.PASS_ROUTE, "通州区 → 三河市")));
        ViewTree.tap(passes, words.text(Text.PASS_SHOW_CODE));
        String passQr = readQr(passes);
        assertTrue(QrText.decode(passQr).token().equals(phone.graph.vault.load().get().passes().get(0).token().get()));

        // The resident is confirmed a case; the background refresh finds it and tells them.
        shadowOf(phone.app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
        region.confirmCase(phone.graph.resident().accountId().get());
        region.clock.advance(Duration.ofSeconds(30));
        assertTrue(ResidentRefreshJob.refresh(phone.app, phone.graph));
        List<Notification> posted = shadowOf(phone.app.getSystemService(NotificationManager.class)).getAllNotifications();
        Map<String, Notification> byTitle = new java.util.TreeMap<>();
        for (Notification notification : posted) {
            byTitle.put(notification.extras.getString(Notification.EXTRA_TITLE), notification);
        }
        // The first refresh also finds the enterprise that listed the resident, never told of before.
        assertEquals(new java.util.TreeSet<>(Arrays.asList(words.text(Text.NOTICE_COLOUR_TITLE),
                words.text(Text.NOTICE_SUSPENDED_TITLE), words.text(Text.NOTICE_EMPLOYER_TITLE))), byTitle.keySet());
        Notification colour = byTitle.get(words.text(Text.NOTICE_COLOUR_TITLE));
        assertEquals(words.text(Text.NOTICE_COLOUR_TEXT, words.text(Text.CODE_RED)),
                colour.extras.getString(Notification.EXTRA_TEXT));
        assertEquals(ResidentNotifier.CODE_CHANNEL, colour.getChannelId());
        assertEquals(ResidentNotifier.PASSES_CHANNEL,
                byTitle.get(words.text(Text.NOTICE_SUSPENDED_TITLE)).getChannelId());

        // Told once: the next refresh finds nothing new.
        assertTrue(ResidentRefreshJob.refresh(phone.app, phone.graph));
        assertEquals(3, shadowOf(phone.app.getSystemService(NotificationManager.class)).getAllNotifications().size());
        assertFalse(passId.isEmpty());
    }

    /** Chooses {@code name} in the county picker's current list. */
    private static void pick(String name) {
        AlertDialog dialog = ShadowAlertDialog.getLatestAlertDialog();
        CharSequence[] items = shadowOf(dialog).getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].toString().equals(name)) {
                shadowOf(dialog).clickOnItem(i);
                ViewTree.settle();
                return;
            }
        }
        throw new AssertionError(name + " is not offered: " + Arrays.toString(items));
    }

    /** The QR the screen shows, decoded from the bitmap its image view draws. */
    static String readQr(android.app.Activity screen) {
        ImageView image = find(screen.getWindow().getDecorView());
        Bitmap bitmap = ((BitmapDrawable) image.getDrawable()).getBitmap();
        int[] pixels = new int[bitmap.getWidth() * bitmap.getHeight()];
        bitmap.getPixels(pixels, 0, bitmap.getWidth(), 0, 0, bitmap.getWidth(), bitmap.getHeight());
        return new QrScanner().scanArgb(pixels, bitmap.getWidth(), bitmap.getHeight())
                .orElseThrow(() -> new AssertionError("the QR on screen does not read"));
    }

    private static ImageView find(View view) {
        if (view instanceof ImageView && view.getVisibility() == View.VISIBLE
                && ((ImageView) view).getDrawable() instanceof BitmapDrawable) {
            return (ImageView) view;
        }
        if (view instanceof ViewGroup && view.getVisibility() == View.VISIBLE) {
            for (int i = 0; i < ((ViewGroup) view).getChildCount(); i++) {
                ImageView found = find(((ViewGroup) view).getChildAt(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
