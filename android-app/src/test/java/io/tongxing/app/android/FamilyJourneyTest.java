package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.AlertDialog;
import android.content.DialogInterface;
import android.content.Intent;
import android.net.Uri;
import android.widget.CheckBox;
import android.widget.RadioButton;
import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.e2e.RegionServerFixture.Resident;
import io.tongxing.app.testing.PaperCardFrames;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.verify.OfficerHint;
import io.tongxing.verify.Outcome;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.robolectric.shadows.ShadowAlertDialog;

/**
 * A guardian and her mother, who has only a basic phone, through the app's real Activities against a real region
 * server: the guardian adds her mother, who reads out the code she got by SMS; checks in for her; shows her code,
 * labelled with her name, which a checkpoint passes, also from the phone's copy offline; prints her paper card,
 * which opens in a viewer through a content URI and, printed, passes at the checkpoint with the hint to compare
 * the ID card. The mother, logged in on the same phone, sees who looks after her and ends it.
 */
public class FamilyJourneyTest extends RegionServerTest {
    private PhoneUnderTest phone;
    private Localizer words;

    @Before
    public void aGuardiansPhone() throws Exception {
        phone = PhoneUnderTest.sharing(region.clock, region.baseUrl);
        words = phone.graph.words;
        shadowOf(phone.app).grantPermissions(Manifest.permission.CAMERA);
    }

    /** The mother registered with her basic phone once (SMS only, never the app). */
    private static Resident mother() throws Exception {
        return region.register("王秀英", "19480305");
    }

    /** The guardian adds her mother through the form, by the code her mother reads out. */
    private String addByCode(Resident mother) {
        FamilyActivity family = phone.open(FamilyActivity.class).get();
        assertTrue(ViewTree.screenText(family), ViewTree.texts(family).contains(words.text(Text.FAMILY_NONE)));
        ViewTree.tap(family, words.text(Text.FAMILY_ADD));
        Intent started = shadowOf(family).getNextStartedActivity();
        FamilyMemberActivity form = phone.open(FamilyMemberActivity.class, started).get();
        ViewTree.type(form, words.text(Text.FAMILY_FORM_NAME), "王秀英");
        ViewTree.type(form, words.text(Text.FAMILY_FORM_ID), mother.idNumber());
        ViewTree.find(form, RadioButton.class, words.text(Text.RELATION_PARENT)).performClick();
        ViewTree.find(form, RadioButton.class, words.text(Text.FAMILY_FORM_BY_CODE)).performClick();
        ViewTree.tap(form, words.text(Text.FAMILY_FORM_SUBMIT));
        assertTrue(ViewTree.screenText(form), ViewTree.texts(form).contains(words.text(Text.FAMILY_FORM_AWAITING_CODE)));

        ViewTree.type(form, words.text(Text.FAMILY_FORM_CODE), region.smsCodeFor(mother.phone()));
        ViewTree.tap(form, words.text(Text.FAMILY_FORM_CONFIRM));
        assertTrue(ViewTree.screenText(form), ViewTree.texts(form).contains(words.text(Text.FAMILY_FORM_LINKED, "王秀英")));
        ViewTree.tap(form, words.text(Text.FAMILY_FORM_DONE));
        assertTrue(form.isFinishing());
        List<Map<String, Object>> links = RegionServerFixture.query("select id::text as id, state from dependants"
                + " where member_id = ?::uuid", mother.accountId());
        assertEquals("ACTIVE", links.get(0).get("state"));
        return (String) links.get(0).get("id");
    }

    @Test
    public void aGuardianAddsHerMotherChecksInForHerShowsHerCodeAndPrintsACardThatPassesWithTheHint() throws Exception {
        Resident mother = mother();
        region.register(phone.graph.resident(), "张丽", "19750812");
        String link = addByCode(mother);

        FamilyActivity family = phone.open(FamilyActivity.class).get();
        assertTrue(ViewTree.screenText(family), ViewTree.texts(family).contains(words.text(Text.FAMILY_STATE_ACTIVE)));
        assertTrue(ViewTree.texts(family).contains(words.text(Text.FAMILY_COLOUR, words.text(Text.COLOUR_GREEN))));

        // Check in for her: the form says whose check-in it is; the server stores it as hers.
        ViewTree.tap(family, words.text(Text.FAMILY_CHECK_IN));
        CheckInActivity checkIn = phone.open(CheckInActivity.class, shadowOf(family).getNextStartedActivity()).get();
        assertTrue(ViewTree.screenText(checkIn), ViewTree.texts(checkIn).contains(words.text(Text.FAMILY_CHECKIN_FOR, "王秀英")));
        assertEquals(words.text(Text.FAMILY_CHECKIN_TITLE), checkIn.getTitle().toString());
        ViewTree.type(checkIn, words.text(Text.CHECKIN_TEMPERATURE), "36.3");
        ViewTree.find(checkIn, CheckBox.class, words.text(Text.SYMPTOM_NONE)).performClick();
        ViewTree.tap(checkIn, words.text(Text.CHECKIN_SUBMIT));
        assertTrue(ViewTree.screenText(checkIn), ViewTree.texts(checkIn).contains(words.text(Text.CHECKIN_SENT)));
        assertEquals(List.of("36.3"), RegionServerFixture.query("select temperature::text as t from check_ins"
                + " where account_id = ?::uuid", mother.accountId()).stream().map(row -> row.get("t")).toList());

        // Show her code: labelled with her masked name; a checkpoint passes the QR read back from the screen.
        ViewTree.tap(family, words.text(Text.FAMILY_SHOW_CODE));
        Intent showCode = shadowOf(family).getNextStartedActivity();
        HealthCodeActivity code = phone.open(HealthCodeActivity.class, showCode).get();
        assertTrue(ViewTree.screenText(code), ViewTree.texts(code).contains(words.text(Text.FAMILY_CODE_HEADER, "王*英")));
        assertTrue(ViewTree.texts(code).contains(words.text(Text.CODE_NAME, "王*英")));
        assertTrue(ViewTree.texts(code).contains(words.text(Text.FAMILY_CODE_NOT_BOUND)));
        String shown = ResidentJourneyTest.readQr(code);
        Journeys.enrollAsCheckpoint(phone, region);
        assertEquals(Outcome.PASS, phone.graph.device().verifier().get().verify(shown).outcome());

        // Print her card: the PDF goes to a viewer through a content URI the viewer may read.
        family = phone.open(FamilyActivity.class).get();
        ViewTree.tap(family, words.text(Text.FAMILY_PRINT_CARD));
        AlertDialog ask = ShadowAlertDialog.getLatestAlertDialog();
        assertEquals(words.text(Text.FAMILY_PRINT_CONFIRM, "王秀英"), shadowOf(ask).getMessage().toString());
        ask.getButton(DialogInterface.BUTTON_POSITIVE).performClick();
        ViewTree.settle();
        Intent chooser = shadowOf(family).getNextStartedActivity();
        assertEquals(Intent.ACTION_CHOOSER, chooser.getAction());
        Intent view = chooser.getParcelableExtra(Intent.EXTRA_INTENT, Intent.class);
        assertEquals(Intent.ACTION_VIEW, view.getAction());
        assertEquals("application/pdf", view.getType());
        assertTrue((view.getFlags() & Intent.FLAG_GRANT_READ_URI_PERMISSION) != 0);
        Uri card = view.getData();
        assertEquals("content://io.tongxing.app.cards/card-" + link + ".pdf", card.toString());
        byte[] pdf;
        try (InputStream in = phone.app.getContentResolver().openInputStream(card)) {
            pdf = in.readAllBytes();
        }
        assertTrue(ViewTree.screenText(family), ViewTree.texts(family).contains(words.text(Text.FAMILY_CARD_VALID,
                words.date(region.clock.instant().plus(Duration.ofDays(90))))));

        // The printed card at the checkpoint: PASS, its own words, and the hint to compare the ID card.
        CheckpointActivity checkpoint = phone.open(CheckpointActivity.class).get();
        checkpoint.onCameraFrame(PaperCardFrames.frame(pdf), PaperCardFrames.WIDTH, PaperCardFrames.HEIGHT);
        ViewTree.settle();
        List<String> verdict = ViewTree.texts(checkpoint);
        assertTrue(ViewTree.screenText(checkpoint), verdict.contains(words.text(Text.VERDICT_PASS)));
        assertTrue(verdict.contains(words.text(Text.VERDICT_KIND_PC)));
        assertTrue(verdict.contains(words.chinese() ? OfficerHint.COMPARE_ID_CARD.chinese()
                : OfficerHint.COMPARE_ID_CARD.english()));
        assertTrue(verdict.contains(words.text(Text.VERDICT_NAME, "王*英")));

        // Offline two hours later, the mother's code is still shown from the phone's copy, with its age.
        new PhoneSettings(phone.app).confirmServer("http://127.0.0.1:9");
        phone.newProcess();
        region.clock.advance(Duration.ofHours(2));
        HealthCodeActivity offline = phone.open(HealthCodeActivity.class, showCode).get();
        assertTrue(ViewTree.screenText(offline), ViewTree.texts(offline).contains(words.text(Text.FAMILY_CODE_HEADER, "王*英")));
        assertTrue(ViewTree.texts(offline).contains(words.text(Text.CODE_OFFLINE_COPY, words.text(Text.AGE_HOURS, 2L))));
        ResidentJourneyTest.readQr(offline);
    }

    /** Logs the resident on this phone out and {@code next} in, on the account screen. */
    private void switchAccount(Resident next) {
        AccountActivity account = phone.open(AccountActivity.class).get();
        ViewTree.tap(account, words.text(Text.ACCOUNT_RESIDENT_LOG_OUT));
        ViewTree.type(account, words.text(Text.ACCOUNT_LOGIN), next.phone());
        ViewTree.type(account, words.text(Text.ACCOUNT_PASSWORD), next.password());
        ViewTree.tap(account, words.text(Text.ACCOUNT_RESIDENT_LOG_IN));
        assertTrue(ViewTree.screenText(account), ViewTree.texts(account).contains(words.text(Text.ACCOUNT_RESIDENT_DONE)));
    }

    @Test
    public void theMotherLoggedInSeesWhoLooksAfterHerAndEndsItAndTheGuardiansPhoneForgetsHerCode() throws Exception {
        Resident mother = mother();
        Resident guardian = region.register(phone.graph.resident(), "张丽", "19750812");
        String link = addByCode(mother);
        assertTrue(ResidentRefreshJob.refresh(phone.app, phone.graph));
        assertTrue("the background refresh keeps the mother's code for offline use",
                phone.graph.family.snapshot(link).isPresent());

        // The mother, on this phone with her own account, sees her guardian and ends the link.
        switchAccount(mother);
        assertFalse("the guardian's logout forgets the family kept on the phone", phone.graph.family.snapshot(link).isPresent());
        FamilyActivity hers = phone.open(FamilyActivity.class).get();
        List<String> shown = ViewTree.texts(hers);
        assertTrue(ViewTree.screenText(hers), shown.contains("张*"));
        assertTrue(shown.contains(words.text(Text.FAMILY_GUARDIAN_ACTIVE)));
        assertTrue(shown.contains(words.text(Text.FAMILY_YOU_ARE, words.text(Text.RELATION_PARENT))));
        ViewTree.tap(hers, words.text(Text.FAMILY_END_GUARDIAN));
        ShadowAlertDialog.getLatestAlertDialog().getButton(DialogInterface.BUTTON_POSITIVE).performClick();
        ViewTree.settle();
        assertTrue(ViewTree.screenText(hers), ViewTree.texts(hers).contains(words.text(Text.FAMILY_ENDED, "张*")));
        assertEquals("ENDED", RegionServerFixture.query("select state from dependants where id = ?::uuid", link)
                .get(0).get("state"));

        // The guardian, back on her phone: the link is ended there too, and her mother's code is gone from it.
        switchAccount(guardian);
        FamilyActivity again = phone.open(FamilyActivity.class).get();
        assertTrue(ViewTree.screenText(again), ViewTree.texts(again).contains(words.text(Text.FAMILY_STATE_ENDED)));
        assertFalse(phone.graph.family.snapshot(link).isPresent());
    }
}
