package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.content.Intent;
import android.media.AudioManager;
import android.media.ToneGenerator;
import android.os.SystemClock;
import android.view.KeyCharacterMap;
import android.view.KeyEvent;
import android.view.MotionEvent;
import android.view.View;
import android.view.WindowManager;
import android.widget.Button;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.model.checkpoint.ScannerBroadcast;
import io.tongxing.app.model.checkpoint.Viewfinder;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import java.util.Optional;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowToneGenerator;

/**
 * The checkpoint screen on an enrolled, synced phone (Tongzhou's test data, no server): what the officer sees
 * and hears for each verdict, and every way a code comes in (camera frames through the camera seam, a
 * keyboard-wedge scanner, a broadcast-intent scanner).
 */
@RunWith(AppRunner.class)
public class CheckpointScreenTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private PhoneUnderTest phone;

    @Before
    public void anEnrolledSyncedPhone() throws Exception {
        phone = PhoneUnderTest.offline(TongzhouCheckpoint.NOW);
        shadowOf(phone.app).grantPermissions(Manifest.permission.CAMERA);
        phone.graph.deviceKeys.newKey();
        phone.graph.device().enroll(TongzhouCheckpoint.enrollment());
        phone.graph.device().apply(TongzhouCheckpoint.download());
        ShadowToneGenerator.reset();
    }

    static String green(long index) {
        return QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(Colour.GREEN, index, Optional.empty())));
    }

    static void showToCamera(CheckpointActivity screen, String qrText, long seed) {
        screen.onCameraFrame(NoisyFrames.frame(QrCode.encode(qrText), WIDTH, HEIGHT, 6, seed), WIDTH, HEIGHT);
        ViewTree.settle();
    }

    @Test
    public void aPassCoversTheWholeScreenAndTheButtonsBehindItCannotBeTapped() {
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();
        Button torch = ViewTree.find(screen, Button.class, "Turn torch on");
        int[] torchAt = new int[2];
        torch.getLocationInWindow(torchAt);

        showToCamera(screen, green(1), 1);

        assertEquals(ScanLoop.Mode.VERDICT, screen.model.state().mode());
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains("PASS"));
        View overlay = screen.verdictOverlay();
        View content = screen.findViewById(android.R.id.content);
        assertEquals(content.getWidth(), overlay.getWidth());
        assertEquals("the verdict covers the whole screen, not its top part", content.getHeight(), overlay.getHeight());

        tapAt(screen, torchAt[0] + torch.getWidth() / 2, torchAt[1] + torch.getHeight() / 2);
        assertFalse("the torch behind the verdict did not get the tap", screen.model.state().torchOn());
        assertEquals("the tap went to the verdict: back to scanning", ScanLoop.Mode.SCANNING,
                screen.model.state().mode());
    }

    @Test
    @Config(qualifiers = "+zh-rCN")
    public void aRevokedGreenCodeSaysStopAndRevokedAndNeverGreen() {
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();
        showToCamera(screen, green(TongzhouCheckpoint.REVOKED), 2);

        String shown = ViewTree.screenText(screen);
        assertTrue(shown, shown.contains("禁止通行"));
        assertTrue(shown, shown.contains("已作废"));
        assertFalse("no \"green\" under a revoked code:\n" + shown, shown.contains("绿码"));
    }

    @Test
    public void theVerdictToneIsOnTheAlarmStreamSoItSoundsWithTheRingerOff() {
        assertEquals(AudioManager.STREAM_ALARM, SoundAndVibration.STREAM);
        phone.app.getSystemService(AudioManager.class).setRingerMode(AudioManager.RINGER_MODE_SILENT);
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();

        showToCamera(screen, green(TongzhouCheckpoint.REVOKED), 3);

        assertEquals(1, ShadowToneGenerator.getPlayedTones().size());
        assertEquals(ToneGenerator.TONE_SUP_ERROR, ShadowToneGenerator.getPlayedTones().get(0).type());
    }

    @Test
    public void aKeyboardWedgeScannerTypesTheCodeAndEnter() {
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();
        KeyCharacterMap keys = KeyCharacterMap.load(KeyCharacterMap.VIRTUAL_KEYBOARD);
        for (KeyEvent event : keys.getEvents(green(1).toCharArray())) {
            screen.dispatchKeyEvent(event);
        }
        screen.dispatchKeyEvent(new KeyEvent(KeyEvent.ACTION_DOWN, KeyEvent.KEYCODE_ENTER));
        ViewTree.settle();

        assertEquals(ScanLoop.Mode.VERDICT, screen.model.state().mode());
        assertTrue(ViewTree.texts(screen).contains("PASS"));
    }

    @Test
    public void aBroadcastScannerIsHeardOnTheActionAndExtraTheOfficerSet() {
        phone.graph.settings.scanner(new ScannerBroadcast("com.honeywell.decode.intent.action.EDIT_DATA", "data"));
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();

        phone.app.sendBroadcast(new Intent(ScannerBroadcast.DEFAULT.action())
                .putExtra(ScannerBroadcast.DEFAULT.extra(), green(1)));
        ViewTree.settle();
        assertEquals("another action is not listened to", ScanLoop.Mode.SCANNING, screen.model.state().mode());

        phone.app.sendBroadcast(new Intent("com.honeywell.decode.intent.action.EDIT_DATA").putExtra("data", green(1)));
        ViewTree.settle();
        assertEquals(ScanLoop.Mode.VERDICT, screen.model.state().mode());
        assertTrue(ViewTree.texts(screen).contains("PASS"));
    }

    @Test
    public void theBroadcastScannerIsNotHeardOnceTheScreenIsLeft() {
        ActivityController<CheckpointActivity> running = phone.open(CheckpointActivity.class);
        running.pause();
        phone.app.sendBroadcast(new Intent(ScannerBroadcast.DEFAULT.action())
                .putExtra(ScannerBroadcast.DEFAULT.extra(), green(1)));
        ViewTree.settle();
        assertEquals(ScanLoop.Mode.SCANNING, running.get().model.state().mode());
    }

    @Test
    public void theScreenStaysOnAndCannotBeCaptured() {
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();
        int flags = screen.getWindow().getAttributes().flags;
        assertNotEquals(0, flags & WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON);
        assertNotEquals(0, flags & WindowManager.LayoutParams.FLAG_SECURE);
    }

    @Test
    public void theViewfinderMarksTheDecodedSquareAndATapFocusesThere() {
        CheckpointActivity screen = phone.open(CheckpointActivity.class).get();
        ViewTree.settle();
        ViewfinderView viewfinder = find(screen.getWindow().getDecorView(), ViewfinderView.class);
        Viewfinder square = viewfinder.square();
        assertEquals(Viewfinder.of(viewfinder.getWidth(), viewfinder.getHeight(), WIDTH, HEIGHT), square);
        assertTrue("a portrait preview: the square spans the width", square.right() - square.left() == viewfinder.getWidth());

        View preview = (View) viewfinder.getParent();
        View texture = ((android.view.ViewGroup) preview).getChildAt(0);
        long now = SystemClock.uptimeMillis();
        texture.dispatchTouchEvent(MotionEvent.obtain(now, now, MotionEvent.ACTION_DOWN, texture.getWidth() / 4f,
                texture.getHeight() / 2f, 0));
        texture.dispatchTouchEvent(MotionEvent.obtain(now, now + 50, MotionEvent.ACTION_UP, texture.getWidth() / 4f,
                texture.getHeight() / 2f, 0));
        double[] focus = screen.camera().lastFocus();
        assertEquals(0.25, focus[0], 0.01);
        assertEquals(0.5, focus[1], 0.01);
    }

    private static void tapAt(CheckpointActivity screen, float x, float y) {
        View decor = screen.getWindow().getDecorView();
        long now = SystemClock.uptimeMillis();
        decor.dispatchTouchEvent(MotionEvent.obtain(now, now, MotionEvent.ACTION_DOWN, x, y, 0));
        decor.dispatchTouchEvent(MotionEvent.obtain(now, now + 50, MotionEvent.ACTION_UP, x, y, 0));
        ViewTree.settle();
    }

    private static <V extends View> V find(View view, Class<V> type) {
        if (type.isInstance(view)) {
            return type.cast(view);
        }
        if (view instanceof android.view.ViewGroup) {
            android.view.ViewGroup group = (android.view.ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                V found = find(group.getChildAt(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
