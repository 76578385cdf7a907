package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.AlertDialog;
import android.app.Notification;
import android.app.NotificationManager;
import android.content.DialogInterface;
import android.content.Intent;
import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.e2e.RegionServerFixture.Enterprise;
import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.shadows.ShadowAlertDialog;

/**
 * Issue 14 §1 through the app's real Activities against a real region server: an enterprise lists the resident
 * with their name and ID number and gets a pass for them; the background refresh tells the resident and the home
 * screen counts it; the resident sees the enterprise on "My employers", refuses it (the question saying what that
 * does, the reason kept across a rotation); the pass is revoked and the enterprise's application is refused with
 * the answer it gets for a listing that matches nobody, its own view of the listing unchanged; the resident takes
 * the refusal back and the enterprise may apply again.
 */
public class EmployersJourneyTest extends RegionServerTest {
    private PhoneUnderTest phone;
    private Localizer words;

    @Before
    public void aResidentsPhone() {
        phone = PhoneUnderTest.sharing(region.clock, region.baseUrl);
        words = phone.graph.words;
        shadowOf(phone.app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
    }

    @Test
    public void aResidentRefusesAnEnterpriseThatListedThemAndTakesItBack() throws Exception {
        RegionServerFixture.Resident resident = region.register(phone.graph.resident(), "刘洋", "19880614");
        LocalDate today = LocalDate.now(region.clock.withZone(ZoneId.of("Asia/Shanghai")));
        phone.graph.residentApi().submit(new CheckIn(today, new BigDecimal("36.5"), Collections.emptySet(),
                Collections.emptyList()));

        // An enterprise lists the resident by name and ID number, issues a work letter and gets a pass approved.
        Enterprise enterprise = region.enterprise("北京通达物流有限公司");
        String corridor = region.corridor("WORK_COMMUTE", enterprise);
        String employee = region.employ(enterprise.token(), "刘洋", resident.idNumber());
        region.workLetter(enterprise.token(), employee);
        String pass = region.approve(region.apply(enterprise.token(), employee, corridor));
        // Another gives the right number with a wrong name: the same 201, no link, nothing shown to the resident.
        Enterprise guessing = region.enterprise("冒名测试有限公司");
        String guessed = region.employ(guessing.token(), "刘阳", resident.idNumber());
        String guessingCorridor = region.corridor("WORK_COMMUTE", guessing);
        region.workLetter(guessing.token(), guessed);

        // The hourly background refresh tells the resident, once, and the home screen counts it.
        assertTrue(ResidentRefreshJob.refresh(phone.app, phone.graph));
        List<Notification> posted = shadowOf(phone.app.getSystemService(NotificationManager.class)).getAllNotifications();
        assertEquals(1, posted.size());
        Notification told = posted.get(0);
        assertEquals(ResidentNotifier.EMPLOYERS_CHANNEL, told.getChannelId());
        assertEquals(words.text(Text.NOTICE_EMPLOYER_TITLE), told.extras.getString(Notification.EXTRA_TITLE));
        assertEquals(words.text(Text.NOTICE_EMPLOYER_TEXT, "北京通达物流有限公司", enterprise.creditCode()),
                told.extras.getString(Notification.EXTRA_TEXT));
        assertEquals(EmployersActivity.class.getName(),
                shadowOf(told.contentIntent).getSavedIntent().getComponent().getClassName());
        assertTrue(ResidentRefreshJob.refresh(phone.app, phone.graph));
        assertEquals("told once", 1,
                shadowOf(phone.app.getSystemService(NotificationManager.class)).getAllNotifications().size());

        MainActivity home = phone.open(MainActivity.class).get();
        ViewTree.tap(home, words.text(Text.MAIN_EMPLOYERS_NEW, 1));
        Intent opened = shadowOf(home).getNextStartedActivity();
        ActivityController<EmployersActivity> running = phone.open(EmployersActivity.class, opened);
        EmployersActivity screen = running.get();
        List<String> shown = ViewTree.texts(screen);
        assertTrue(ViewTree.screenText(screen), shown.contains("北京通达物流有限公司"));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_CREDIT_CODE, enterprise.creditCode())));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_LISTED_ON, words.date(region.clock.instant()))));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_STATE_LINKED)));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_NEW)));
        assertFalse("no oracle: a listing under a wrong name is not the resident's", shown.contains("冒名测试有限公司"));

        // "This is not my employer": the question says what it does; the reason typed survives a rotation.
        ViewTree.tap(screen, words.text(Text.EMPLOYERS_REFUSE));
        AlertDialog asked = ShadowAlertDialog.getLatestAlertDialog();
        assertEquals(words.text(Text.EMPLOYERS_REFUSE_CONFIRM, "北京通达物流有限公司", enterprise.creditCode()),
                shadowOf(asked).getMessage().toString());
        ViewTree.field(asked, words.text(Text.EMPLOYERS_REFUSE_REASON)).setText("我从未在这家公司工作");
        running.recreate();
        ViewTree.settle();
        screen = running.get();
        AlertDialog again = ShadowAlertDialog.getLatestAlertDialog();
        assertTrue("asked again after the rotation", again.isShowing() && again != asked);
        assertEquals("我从未在这家公司工作",
                ViewTree.field(again, words.text(Text.EMPLOYERS_REFUSE_REASON)).getText().toString());
        again.getButton(DialogInterface.BUTTON_POSITIVE).performClick();
        ViewTree.settle();

        shown = ViewTree.texts(screen);
        assertTrue(ViewTree.screenText(screen), shown.contains(words.text(Text.EMPLOYERS_REFUSED_DONE, "北京通达物流有限公司")));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_STATE_REFUSED)));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_REASON, "我从未在这家公司工作")));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_NONE)));
        assertEquals("我从未在这家公司工作", RegionServerFixture.query("select reason from employer_refusals"
                + " where resident_id = ?::uuid", resident.accountId()).get(0).get("reason"));
        // The pass issued on the listing is revoked: the next background refresh tells it, the passes screen says so.
        assertTrue(ResidentRefreshJob.refresh(phone.app, phone.graph));
        assertTrue(shadowOf(phone.app.getSystemService(NotificationManager.class)).getAllNotifications().stream()
                .anyMatch(n -> words.text(Text.NOTICE_REVOKED_TITLE).equals(n.extras.getString(Notification.EXTRA_TITLE))));
        PassesActivity passes = phone.open(PassesActivity.class).get();
        assertTrue(ViewTree.screenText(passes), ViewTree.texts(passes).contains(words.text(Text.PASS_STATE_REVOKED)));
        assertEquals(pass, phone.graph.vault.load().get().passes().get(0).id());

        // The enterprise: its listing reads as before, and an application gets the answer a wrong name gets.
        Map<String, Object> listing = region.listing(enterprise.token(), employee);
        assertEquals("ACTIVE", listing.get("state"));
        assertEquals(Map.of("id", employee, "name", "刘洋", "kind", "RESIDENT"), Map.of("id", listing.get("id"),
                "name", listing.get("name"), "kind", listing.get("kind")));
        assertFalse("nothing in it says refused", listing.toString().toLowerCase(java.util.Locale.ROOT).contains("refus"));
        String refusedAnswer = region.refused(enterprise.token(), "POST", "/api/v1/enterprise/pass-applications",
                RegionServerFixture.application(employee, corridor));
        assertEquals("EMPLOYEE_NOT_CONFIRMED", refusedAnswer);
        assertEquals(refusedAnswer, region.refused(guessing.token(), "POST", "/api/v1/enterprise/pass-applications",
                RegionServerFixture.application(guessed, guessingCorridor)));

        // Home: nothing new any more.
        home = phone.open(MainActivity.class).get();
        assertTrue(ViewTree.screenText(home), ViewTree.texts(home).contains(words.text(Text.MAIN_EMPLOYERS)));

        // The resident takes the refusal back: linked again, and the enterprise may apply again.
        screen = phone.open(EmployersActivity.class).get();
        ViewTree.tap(screen, words.text(Text.EMPLOYERS_UNDO));
        AlertDialog undo = ShadowAlertDialog.getLatestAlertDialog();
        assertEquals(words.text(Text.EMPLOYERS_UNDO_CONFIRM, "北京通达物流有限公司"), shadowOf(undo).getMessage().toString());
        undo.getButton(DialogInterface.BUTTON_POSITIVE).performClick();
        ViewTree.settle();
        shown = ViewTree.texts(screen);
        assertTrue(ViewTree.screenText(screen), shown.contains(words.text(Text.EMPLOYERS_UNDONE, "北京通达物流有限公司")));
        assertTrue(shown.contains(words.text(Text.EMPLOYERS_STATE_LINKED)));
        assertFalse(shown.contains(words.text(Text.EMPLOYERS_STATE_REFUSED)));
        assertTrue(RegionServerFixture.query("select 1 from employer_refusals where resident_id = ?::uuid",
                resident.accountId()).isEmpty());
        assertFalse(region.apply(enterprise.token(), employee, corridor).isEmpty());
    }
}
