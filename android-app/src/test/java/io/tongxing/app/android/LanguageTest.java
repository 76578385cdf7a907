package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.AlertDialog;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.text.AppLanguage;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowAlertDialog;

/** The app's own language: chosen in the app, followed by every screen and by the verifier's reasons. */
@RunWith(AppRunner.class)
public class LanguageTest {

    private static String scanRevoked(PhoneUnderTest phone) throws Exception {
        shadowOf(phone.app).grantPermissions(Manifest.permission.CAMERA);
        phone.graph.deviceKeys.newKey();
        phone.graph.device().enroll(TongzhouCheckpoint.enrollment());
        phone.graph.device().apply(TongzhouCheckpoint.download());
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();
        String revoked = QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(Colour.GREEN,
                TongzhouCheckpoint.REVOKED, Optional.empty())));
        screen.onCameraFrame(NoisyFrames.frame(QrCode.encode(revoked), 1280, 720, 6, 9), 1280, 720);
        return ViewTree.screenText(screen);
    }

    @Test
    @Config(qualifiers = "zh-rCN")
    public void onAChinesePhoneEnglishChosenInTheAppIsSpokenAtOnceReasonsIncluded() throws Exception {
        PhoneUnderTest phone = PhoneUnderTest.offline(TongzhouCheckpoint.NOW);
        org.robolectric.android.controller.ActivityController<MainActivity> running = phone.open(MainActivity.class);
        assertTrue(ViewTree.texts(running.get()).contains("我的健康码"));

        ViewTree.tap(running.get(), "语言：跟随手机");
        AlertDialog dialog = ShadowAlertDialog.getLatestAlertDialog();
        shadowOf(dialog).clickOnItem(AppLanguage.ENGLISH.ordinal());
        ViewTree.settle();

        assertEquals(AppLanguage.ENGLISH, phone.graph.settings.language());
        assertTrue("the main screen was recreated in English: " + ViewTree.texts(running.get()),
                ViewTree.texts(running.get()).contains("My health code"));
        String verdict = scanRevoked(phone);
        assertTrue(verdict, verdict.contains("STOP"));
        assertTrue("the verifier's reason in English too:\n" + verdict, verdict.contains("Revoked"));
        phone.newProcess();
        assertTrue("kept for the next start", phone.open(MainActivity.class).get().getTitle().toString()
                .equals("Tongxing"));
    }

    @Test
    @Config(qualifiers = "zh-rTW")
    public void aTraditionalChinesePhoneGetsEnglishScreensAndEnglishReasonsNotAMix() throws Exception {
        String verdict = scanRevoked(PhoneUnderTest.offline(TongzhouCheckpoint.NOW));
        assertTrue(verdict, verdict.contains("STOP"));
        assertTrue(verdict, verdict.contains("Revoked"));
        assertTrue("no Chinese reason under English words:\n" + verdict, !verdict.contains("已作废"));
    }

    @Test
    public void onAnEnglishPhoneChineseCanBeChosen() {
        PhoneUnderTest phone = PhoneUnderTest.offline(TongzhouCheckpoint.NOW);
        phone.graph.useLanguage(AppLanguage.CHINESE);
        assertTrue(ViewTree.texts(phone.open(MainActivity.class).get()).contains("我的健康码"));
        assertTrue("reasons, dates and the server's refusals follow (Accept-Language zh-CN)", phone.graph.words.chinese());
    }
}
