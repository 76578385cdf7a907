package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Activity;
import android.widget.CheckBox;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.android.controller.ActivityController;

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
        ActivityController<A> running = phone.phone.open(screen);
        before.accept(running.get());
        running.recreate();
        ViewTree.settle();
        after.accept(running.get());
        ActivityController<A> restored = phone.phone.afterProcessDeath(running, screen);
        ViewTree.settle();
        after.accept(restored.get());
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
    public void theOtherScreensComeBackWhole() {
        survives(MainActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.texts(screen).contains(words.text(Text.MAIN_HEALTH_CODE))));
        survives(ScanHistoryActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.texts(screen).contains(words.text(Text.HISTORY_TODAY))));
        survives(ServerActivity.class, screen -> { }, screen ->
                assertTrue(ViewTree.texts(screen).contains(words.text(Text.SERVER_CURRENT, "http://127.0.0.1:9"))));
    }
}
