package io.tongxing.app.android;

import android.Manifest;
import android.annotation.SuppressLint;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.content.pm.PackageManager;
import android.os.Build;
import android.view.KeyEvent;
import android.view.MotionEvent;
import android.view.TextureView;
import android.view.View;
import android.view.ViewGroup;
import android.view.WindowManager;
import android.widget.Button;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.model.checkpoint.ScannerBroadcast;
import io.tongxing.app.platform.Ticker;
import io.tongxing.app.text.Text;
import java.time.Duration;
import java.util.Optional;

/**
 * Renders {@link ScanLoop}: the data banner, the camera preview with its viewfinder, torch, camera and sync
 * buttons, and the verdict over the whole screen. Camera frames, keyboard-wedge keystrokes and broadcast-intent
 * scans go straight to the model. The screen stays on while open and cannot be captured (verdicts show other
 * people's masked names and ID digits).
 */
public final class CheckpointActivity extends ScreenActivity<ScanLoop.State, ScanLoop> {
    private static final int CAMERA_REQUEST = 1;
    /** Upload and sync every few minutes while the screen is on; {@link CheckpointSyncJob} does it while it is off. */
    private static final Duration SYNC_PERIOD = Duration.ofMinutes(5);

    private CameraFrames camera;
    private LinearLayout banner;
    private TextView hint;
    private Button torch;
    private Button switchCamera;
    private Button sync;
    private VerdictView verdictView;
    private boolean cameraAllowed;
    /** The camera runs only between onResume and onPause. */
    private boolean resumed;
    private Ticker.Cancellable periodicSync;
    private BroadcastReceiver scanner;

    @Override
    protected Text title() {
        return Text.CHECKPOINT_TITLE;
    }

    @Override
    protected ScanLoop createModel(AppGraph graph) {
        return new ScanLoop(graph.device(), graph.scanLog(), graph.clock, graph.ticker, new SoundAndVibration(this),
                graph.words, ScanLoop.Timing.defaults());
    }

    @Override
    protected View content() {
        getWindow().addFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON | WindowManager.LayoutParams.FLAG_SECURE);
        if (graph.device().enrollment().isPresent()) {
            CheckpointSyncJob.schedule(this);
        }
        FrameLayout root = new FrameLayout(this);
        LinearLayout column = Views.column(this);
        banner = Views.slot(this, column);
        FrameLayout previewArea = new FrameLayout(this);
        TextureView preview = new TextureView(this);
        preview.setContentDescription(graph.words.text(Text.SCAN_HINT));
        previewArea.addView(preview, matchParent());
        ViewfinderView viewfinder = new ViewfinderView(this);
        previewArea.addView(viewfinder, matchParent());
        column.addView(previewArea, new LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, 0, 1));
        hint = Views.line(this, column, Views.BODY);
        torch = Views.button(this, "", v -> model.toggleTorch());
        switchCamera = Views.button(this, "", v -> model.switchCamera());
        sync = Views.button(this, "", v -> model.sync(graph.backgroundSync(), graph.background));
        LinearLayout buttons = Views.row(this);
        buttons.addView(torch, Views.weighted());
        buttons.addView(switchCamera, Views.weighted());
        column.addView(buttons, Views.fullWidth());
        column.addView(sync, Views.fullWidth());
        column.addView(Views.button(this, graph.words.text(Text.CHECKPOINT_NO_PHONE),
                v -> startActivity(new Intent(this, IdCheckActivity.class))), Views.fullWidth());
        root.addView(column, matchParent());
        // The verdict covers the whole screen and takes every touch: nothing behind it can be tapped.
        verdictView = new VerdictView(this, () -> model.onVerdictTapped());
        root.addView(verdictView.view(), matchParent());

        camera = new CameraFrames(this, preview, this::onCameraFrame);
        preview.setOnTouchListener(this::onPreviewTouched);
        cameraAllowed = checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED;
        if (!cameraAllowed) {
            requestPermissions(new String[] {Manifest.permission.CAMERA}, CAMERA_REQUEST);
        }
        return root;
    }

    /** Where the camera's frames go (the camera seam): the model, on the camera's thread. */
    void onCameraFrame(byte[] luminance, int width, int height) {
        model.onFrame(luminance, width, height);
    }

    /** Tap to focus. */
    @SuppressLint("ClickableViewAccessibility")
    private boolean onPreviewTouched(View preview, MotionEvent event) {
        if (event.getAction() == MotionEvent.ACTION_UP && preview.getWidth() > 0 && preview.getHeight() > 0) {
            camera.focusAt(event.getX() / preview.getWidth(), event.getY() / preview.getHeight());
        }
        return true;
    }

    CameraFrames camera() {
        return camera;
    }

    /** The view a verdict is shown in (over everything else). */
    View verdictOverlay() {
        return verdictView.view();
    }

    @Override
    public void onRequestPermissionsResult(int request, String[] permissions, int[] results) {
        if (request == CAMERA_REQUEST) {
            cameraAllowed = results.length > 0 && results[0] == PackageManager.PERMISSION_GRANTED;
            render(model.state());
        }
    }

    @Override
    protected void shown() {
        resumed = true;
        model.onShow();
        model.sync(graph.backgroundSync(), graph.background);
        periodicSync = graph.ticker.every(SYNC_PERIOD, () -> model.sync(graph.backgroundSync(), graph.background));
        listenToScanner(graph.settings.scanner());
    }

    @Override
    protected void hidden() {
        resumed = false;
        periodicSync.cancel();
        unregisterReceiver(scanner);
        scanner = null;
        model.onHide();
        camera.stop();
    }

    /**
     * Hardware scanners that broadcast what they read (Zebra DataWedge, Honeywell): the action and extra the
     * officer set on the account screen. Other apps can send the same broadcast, as anyone can hold up a QR:
     * what arrives is only ever verified, never trusted, and changes no setting.
     */
    private void listenToScanner(ScannerBroadcast setting) {
        scanner = new BroadcastReceiver() {
            @Override
            public void onReceive(Context context, Intent intent) {
                model.onScannerBroadcast(intent.getStringExtra(setting.extra()));
            }
        };
        IntentFilter filter = new IntentFilter(setting.action());
        if (Build.VERSION.SDK_INT >= 33) {
            registerReceiver(scanner, filter, Context.RECEIVER_EXPORTED);
        } else {
            registerReceiver(scanner, filter);
        }
    }

    /** Keyboard-wedge scanners type the QR text and Enter; every printable key and Enter goes to the model. */
    @Override
    public boolean dispatchKeyEvent(KeyEvent event) {
        if (event.getAction() == KeyEvent.ACTION_DOWN) {
            if (event.getKeyCode() == KeyEvent.KEYCODE_ENTER || event.getKeyCode() == KeyEvent.KEYCODE_NUMPAD_ENTER) {
                model.onTyped('\n');
                return true;
            }
            int character = event.getUnicodeChar();
            if (character != 0 && !Character.isISOControl(character)) {
                model.onTyped((char) character);
                return true;
            }
        }
        return super.dispatchKeyEvent(event);
    }

    @Override
    protected void render(ScanLoop.State state) {
        banner.removeAllViews();
        banner.addView(Views.band(this, state.banner().signal(), Views.BODY), Views.fullWidth());
        state.banner().unsent().ifPresent(u -> banner.addView(Views.text(this, u, Views.BODY), Views.fullWidth()));
        state.message().ifPresent(m -> banner.addView(Views.text(this, m, Views.BODY), Views.fullWidth()));
        hint.setText(cameraAllowed ? state.hint() : graph.words.text(Text.CAMERA_PERMISSION_NEEDED));
        label(torch, state.torchLabel());
        label(switchCamera, state.cameraLabel());
        label(sync, state.syncLabel());
        sync.setEnabled(!state.syncing());
        if (cameraAllowed && resumed) {
            camera.apply(state.camera(), state.torchOn());
        }
        verdictView.render(state.mode() == ScanLoop.Mode.VERDICT ? state.verdict() : Optional.empty(),
                state.mode() == ScanLoop.Mode.LOG_FAILED ? state.error() : Optional.empty());
    }

    private static void label(Button button, String label) {
        button.setText(label);
        button.setContentDescription(label);
    }

    private static FrameLayout.LayoutParams matchParent() {
        return new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.MATCH_PARENT);
    }
}
