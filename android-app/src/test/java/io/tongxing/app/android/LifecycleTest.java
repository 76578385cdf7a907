package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Activity;
import android.app.AlertDialog;
import android.content.Intent;
import android.widget.CheckBox;
import android.widget.RadioButton;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.verify.Reason;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.shadows.ShadowAlertDialog;

/**
 * Every screen survives being recreated (the phone turned) and being restored after Android killed the app in
 * the background: what the person typed and what the screen showed are still there; passwords are typed again.
 */
@RunWith(AppRunner.class)
public class LifecycleTest {
    private ScreenshotPhone phone;
    private Localizer words;

    @Before
    public void aPhoneWithACodeAPassAndACheckpoint() throws Exception {
        phone = new ScreenshotPhone();
        words = phone.phone.graph.words;
        shadowOf(phone.phone.app).grantPermissions(Manifest.permission.CAMERA);
    }

    /** Opens {@code screen}, does {@code before}, then checks {@code after} once turned and once after process death. */
    private <A extends Activity> void survives(Class<A> screen, Consumer<A> before, Consumer<A> after) {
        survives(screen, new Intent(phone.phone.app, screen), before, after);
    }

    /** As above, for a screen opened with {@code intent} (a family member's), which Android keeps with it. */
    private <A extends Activity> void survives(Class<A> screen, Intent intent, Consumer<A> before, Consumer<A> after) {
        ActivityController<A> running = phone.phone.open(screen, intent);
        before.accept(running.get());
        running.recreate();
        ViewTree.settle();
        after.accept(running.get());
        ActivityController<A> restored = phone.phone.afterProcessDeath(running, screen);
        ViewTree.settle();
        after.accept(restored.get());
    }

    @Test
    public void myEmployersAsksTheOpenQuestionAgainWithTheReasonTyped() {
        survives(EmployersActivity.class, screen -> {
            ViewTree.tap(screen, words.text(Text.EMPLOYERS_REFUSE));
            ViewTree.field(ShadowAlertDialog.getLatestAlertDialog(), words.text(Text.EMPLOYERS_REFUSE_REASON))
                    .setText("从未入职");
        }, screen -> {
            AlertDialog asked = ShadowAlertDialog.getLatestAlertDialog();
            assertTrue(asked.isShowing());
            assertEquals(words.text(Text.EMPLOYERS_REFUSE_CONFIRM, "北京通达物流有限公司", ScreenshotPhone.LOGISTICS),
                    shadowOf(asked).getMessage().toString());
            assertEquals("从未入职", ViewTree.field(asked, words.text(Text.EMPLOYERS_REFUSE_REASON)).getText().toString());
        });
    }

    @Test
    public void registrationKeepsEverythingTypedButThePasswords() {
        survives(RegistrationActivity.class, form -> {
            ViewTree.type(form, words.text(Text.REGISTER_NAME), "张三");
            ViewTree.type(form, words.text(Text.REGISTER_ID_NUMBER), "11010519850612001");
            ViewTree.type(form, words.text(Text.REGISTER_PHONE), "13812345678");
            ViewTree.type(form, words.text(Text.REGISTER_PASSWORD), "Resident-pass-1");
            ViewTree.tap(form, words.text(Text.REGISTER_SUBMIT));
        }, form -> {
            assertEquals("张三", ViewTree.field(form, words.text(Text.REGISTER_NAME)).getText().toString());
            assertEquals("11010519850612001", ViewTree.field(form, words.text(Text.REGISTER_ID_NUMBER)).getText().toString());
            assertEquals("13812345678", ViewTree.field(form, words.text(Text.REGISTER_PHONE)).getText().toString());
            assertEquals("", ViewTree.field(form, words.text(Text.REGISTER_PASSWORD)).getText().toString());
            assertTrue("the messages shown before are shown again", ViewTree.texts(form)
                    .contains("⚠ " + words.text(Text.REGISTER_ID_FORMAT)));
        });
    }

    @Test
    public void checkInKeepsTemperatureSymptomsAndVisits() {
        survives(CheckInActivity.class, form -> {
            ViewTree.type(form, words.text(Text.CHECKIN_TEMPERATURE), "37.9");
            ViewTree.find(form, CheckBox.class, words.text(Text.SYMPTOM_COUGH)).performClick();
            form.model.addVisit();
            form.model.setVisit(0, "131082", "2026-11-20");
        }, form -> {
            assertEquals("37.9", ViewTree.field(form, words.text(Text.CHECKIN_TEMPERATURE)).getText().toString());
            assertTrue(ViewTree.find(form, CheckBox.class, words.text(Text.SYMPTOM_COUGH)).isChecked());
            assertTrue(ViewTree.screenText(form), ViewTree.texts(form).contains("河北省 三河市 (131082)"));
            assertTrue(ViewTree.texts(form).contains("2026-11-20"));
        });
    }

    @Test
    public void theAccountScreenKeepsTheLoginAndEnrollmentCodeButNotThePassword() {
        survives(AccountActivity.class, account -> {
            ViewTree.type(account, words.text(Text.ACCOUNT_LOGIN), "officer.wang");
            ViewTree.type(account, words.text(Text.ACCOUNT_PASSWORD), "Officer-pass-01");
            ViewTree.type(account, words.text(Text.ACCOUNT_ENROLLMENT_CODE), "K7Q2-9XW4");
        }, account -> {
            assertEquals("officer.wang", ViewTree.field(account, words.text(Text.ACCOUNT_LOGIN)).getText().toString());
            assertEquals("", ViewTree.field(account, words.text(Text.ACCOUNT_PASSWORD)).getText().toString());
            assertEquals("K7Q2-9XW4", ViewTree.field(account, words.text(Text.ACCOUNT_ENROLLMENT_CODE)).getText().toString());
        });
    }

    @Test
    public void aVerdictOnScreenIsStillThereAndIsNotScannedAgain() {
        String revoked = QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(Colour.GREEN,
                TongzhouCheckpoint.REVOKED, Optional.empty())));
        survives(CheckpointActivity.class, screen -> {
            screen.onCameraFrame(NoisyFrames.frame(QrCode.encode(revoked), 1280, 720, 6, 4), 1280, 720);
            ViewTree.settle();
        }, screen -> {
            assertEquals(ScanLoop.Mode.VERDICT, screen.model.state().mode());
            assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.VERDICT_STOP)));
            assertTrue(ViewTree.texts(screen).contains(words.text(Text.VERDICT_SEQUENCE, 1L)));
            assertEquals(1, phone.phone.graph.scanLog().count());
        });
    }

    @Test
    public void theCodeAndThePassesAreShownAgainFromTheStoredCopy() {
        survives(HealthCodeActivity.class, screen -> { }, screen -> {
            assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.CODE_GREEN)));
            ResidentJourneyTest.readQr(screen);
        });
        survives(PassesActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.PASS_STATE_VALID))));
    }

    @Test
    public void addingAFamilyMemberKeepsWhatWasTypedAndChosenAndTheCodeStep() {
        survives(FamilyMemberActivity.class, form -> {
            ViewTree.type(form, words.text(Text.FAMILY_FORM_NAME), "王秀英");
            ViewTree.type(form, words.text(Text.FAMILY_FORM_ID), "1101051948");
            ViewTree.find(form, RadioButton.class, words.text(Text.RELATION_PARENT)).performClick();
            ViewTree.tap(form, words.text(Text.FAMILY_FORM_SUBMIT));
        }, form -> {
            assertEquals("王秀英", ViewTree.field(form, words.text(Text.FAMILY_FORM_NAME)).getText().toString());
            assertEquals("1101051948", ViewTree.field(form, words.text(Text.FAMILY_FORM_ID)).getText().toString());
            assertTrue(ViewTree.find(form, RadioButton.class, words.text(Text.RELATION_PARENT)).isChecked());
            assertTrue(ViewTree.screenText(form), ViewTree.texts(form).contains("⚠ " + words.text(Text.FAMILY_FORM_CONSENT_MISSING)));
        });
        Intent forCode = new FamilyMemberExtras(ScreenshotPhone.SON, "张小明").intent(phone.phone.app,
                FamilyMemberActivity.class);
        survives(FamilyMemberActivity.class, forCode, form -> ViewTree.type(form, words.text(Text.FAMILY_FORM_CODE), "1357"),
                form -> {
                    assertEquals("1357", ViewTree.field(form, words.text(Text.FAMILY_FORM_CODE)).getText().toString());
                    assertTrue(ViewTree.screenText(form), ViewTree.texts(form).contains(words.text(Text.FAMILY_FORM_FOR, "张小明")));
                });
    }

    @Test
    public void theIdNumberCheckKeepsTheTypedNumberAndReasonAndAVerdictIsNotAskedForAgain() {
        survives(IdCheckActivity.class, screen -> {
            ViewTree.type(screen, words.text(Text.IDCHECK_NUMBER), "11010519491231002");
            ViewTree.find(screen, RadioButton.class, words.text(Text.IDCHECK_REASON_CODE_UNREADABLE)).performClick();
        }, screen -> {
            assertEquals("11010519491231002", ViewTree.field(screen, words.text(Text.IDCHECK_NUMBER)).getText().toString());
            assertTrue(ViewTree.find(screen, RadioButton.class, words.text(Text.IDCHECK_REASON_CODE_UNREADABLE)).isChecked());
        });
        // Offline, the check ends in REVIEW "needs a network": that verdict is kept, not asked for again.
        survives(IdCheckActivity.class, screen -> {
            ViewTree.type(screen, words.text(Text.IDCHECK_NUMBER), "11010519491231002X");
            ViewTree.tap(screen, words.text(Text.IDCHECK_SUBMIT));
        }, screen -> {
            assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.reason(Reason.ID_CHECK_NEEDS_NETWORK)));
            assertEquals(1, phone.phone.graph.scanLog().count());
        });
    }

    @Test
    public void aFamilyMembersScreensComeBackForTheSameMember() {
        survives(FamilyActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(
                        words.text(Text.FAMILY_MEMBER_TITLE, "王秀英", words.text(Text.RELATION_PARENT)))));
        survives(HealthCodeActivity.class, ScreenshotPhone.forMother(HealthCodeActivity.class), screen -> { }, screen -> {
            assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.FAMILY_CODE_HEADER, "王*英")));
            assertTrue(ViewTree.texts(screen).contains(words.text(Text.CODE_NAME, "王*英")));
        });
        survives(PassesActivity.class, ScreenshotPhone.forMother(PassesActivity.class), screen -> { }, screen ->
                assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.FAMILY_CODE_HEADER, "王*英"))));
        survives(CheckInActivity.class, ScreenshotPhone.forMother(CheckInActivity.class),
                form -> ViewTree.type(form, words.text(Text.CHECKIN_TEMPERATURE), "36.2"), form -> {
                    assertEquals("36.2", ViewTree.field(form, words.text(Text.CHECKIN_TEMPERATURE)).getText().toString());
                    assertTrue(ViewTree.screenText(form), ViewTree.texts(form).contains(words.text(Text.FAMILY_CHECKIN_FOR, "王秀英")));
                });
    }

    @Test
    public void theOtherScreensComeBackWhole() {
        survives(MainActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.texts(screen).contains(words.text(Text.MAIN_HEALTH_CODE))));
        survives(ScanHistoryActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.texts(screen).contains(words.text(Text.HISTORY_TODAY))));
        survives(ServerActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.texts(screen).contains(words.text(Text.SERVER_CURRENT, "http://127.0.0.1:9"))));
    }
}
