package io.tongxing.app.android;

import android.Manifest;
import android.app.Activity;
import android.content.pm.PackageManager;
import android.graphics.Typeface;
import android.os.Bundle;
import android.view.KeyEvent;
import android.view.TextureView;
import android.view.View;
import android.view.ViewGroup;
import android.widget.FrameLayout;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.platform.Ticker;
import java.time.Duration;
import io.tongxing.app.model.checkpoint.VerdictScreen;
import io.tongxing.app.text.Text;

/**
 * Renders {@link ScanLoop}: the data banner, the camera preview with torch and camera buttons, and the
 * verdict over everything. Camera frames and hardware-scanner keystrokes go straight to the model.
 */
public final class CheckpointActivity extends Activity {
    private static final int CAMERA_REQUEST = 1;

    private AppGraph graph;
    private ScanLoop model;
    private CameraFrames camera;
    private LinearLayout banner;
    private TextView hint;
    private LinearLayout controls;
    private ScrollView verdictView;
    private boolean cameraAllowed;
    /** The camera runs only between onResume and onPause. */
    private boolean resumed;
    private ScanLoop.Mode shownMode;
    /** Upload and sync every few minutes while the screen is on; {@link CheckpointSyncJob} does it while it is off. */
    private static final Duration SYNC_PERIOD = Duration.ofMinutes(5);
    private Ticker.Cancellable periodicSync;
    private final ScreenModel.Observer<ScanLoop.State> observer = state -> runOnUiThread(() -> render(state));

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        graph = TongxingApplication.graph(this);
        setTitle(graph.words.text(Text.CHECKPOINT_TITLE));
        model = new ScanLoop(graph.device(), graph.scanLog(), graph.clock, graph.ticker, new SoundAndVibration(this),
                graph.words, ScanLoop.Timing.defaults());
        if (graph.device().enrollment().isPresent()) {
            CheckpointSyncJob.schedule(this);
        }

        FrameLayout root = new FrameLayout(this);
        LinearLayout column = Views.column(this);
        banner = new LinearLayout(this);
        banner.setOrientation(LinearLayout.VERTICAL);
        column.addView(banner, Views.fullWidth());
        TextureView preview = new TextureView(this);
        preview.setContentDescription(graph.words.text(Text.SCAN_HINT));
        column.addView(preview, new LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, 0, 1));
        hint = Views.text(this, "", Views.BODY);
        column.addView(hint, Views.fullWidth());
        controls = new LinearLayout(this);
        controls.setOrientation(LinearLayout.VERTICAL);
        column.addView(controls, Views.fullWidth());
        root.addView(column, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.MATCH_PARENT));
        verdictView = new ScrollView(this);
        verdictView.setVisibility(View.GONE);
        root.addView(verdictView, new FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT,
                ViewGroup.LayoutParams.MATCH_PARENT));
        setContentView(root);

        camera = new CameraFrames(this, preview, model::onFrame);
        cameraAllowed = checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED;
        if (!cameraAllowed) {
            requestPermissions(new String[] {Manifest.permission.CAMERA}, CAMERA_REQUEST);
        }
    }

    @Override
    public void onRequestPermissionsResult(int request, String[] permissions, int[] results) {
        if (request == CAMERA_REQUEST) {
            cameraAllowed = results.length > 0 && results[0] == PackageManager.PERMISSION_GRANTED;
            render(model.state());
        }
    }

    @Override
    protected void onResume() {
        super.onResume();
        resumed = true;
        model.observe(observer);
        model.onShow();
        model.sync(graph.backgroundSync(), graph.background);
        periodicSync = graph.ticker.every(SYNC_PERIOD, () -> model.sync(graph.backgroundSync(), graph.background));
    }

    @Override
    protected void onPause() {
        resumed = false;
        periodicSync.cancel();
        model.stopObserving(observer);
        model.onHide();
        camera.stop();
        super.onPause();
    }

    /** Hardware scanners type the QR text and Enter; every printable key and Enter goes to the model. */
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

    private void render(ScanLoop.State state) {
        banner.removeAllViews();
        banner.addView(Views.band(this, state.banner().signal(), Views.BODY), Views.fullWidth());
        state.banner().unsent().ifPresent(u -> banner.addView(Views.text(this, u, Views.BODY), Views.fullWidth()));
        state.message().ifPresent(m -> banner.addView(Views.text(this, m, Views.BODY), Views.fullWidth()));
        hint.setText(cameraAllowed ? state.hint() : graph.words.text(Text.CAMERA_PERMISSION_NEEDED));

        controls.removeAllViews();
        controls.addView(Views.button(this, state.torchLabel(), v -> model.toggleTorch()), Views.fullWidth());
        controls.addView(Views.button(this, state.cameraLabel(), v -> model.switchCamera()), Views.fullWidth());
        View sync = Views.button(this, state.syncLabel(),
                v -> model.sync(graph.backgroundSync(), graph.background));
        sync.setEnabled(!state.syncing());
        controls.addView(sync, Views.fullWidth());
        if (cameraAllowed && resumed) {
            camera.apply(state.camera(), state.torchOn());
        }

        if (state.mode() == ScanLoop.Mode.VERDICT && state.verdict().isPresent()) {
            showVerdict(state.verdict().get());
        } else if (state.mode() == ScanLoop.Mode.LOG_FAILED && state.error().isPresent()) {
            showError(state.error().get());
        } else {
            verdictView.setVisibility(View.GONE);
        }
        shownMode = state.mode();
    }

    private void showVerdict(VerdictScreen verdict) {
        LinearLayout column = Views.column(this);
        column.setBackgroundColor(verdict.signal().background());
        LinearLayout band = Views.band(this, verdict.signal(), Views.HUGE);
        column.addView(band, Views.fullWidth());
        TextView reason = Views.text(this, verdict.reason(), Views.TITLE);
        reason.setTextColor(verdict.signal().foreground());
        reason.setTypeface(Typeface.DEFAULT_BOLD);
        column.addView(reason, Views.fullWidth());
        for (String line : lines(verdict)) {
            TextView text = Views.text(this, line, line.equals(verdict.name().orElse("")) ? Views.TITLE : Views.BODY);
            text.setTextColor(verdict.signal().foreground());
            column.addView(text, Views.fullWidth());
        }
        column.setContentDescription(verdict.description());
        column.setOnClickListener(v -> model.onVerdictTapped());
        verdictView.removeAllViews();
        verdictView.addView(column);
        verdictView.setVisibility(View.VISIBLE);
        if (shownMode != ScanLoop.Mode.VERDICT) {
            column.announceForAccessibility(verdict.description());
        }
    }

    private static java.util.List<String> lines(VerdictScreen verdict) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        verdict.kind().ifPresent(lines::add);
        verdict.name().ifPresent(lines::add);
        verdict.idDigits().ifPresent(lines::add);
        verdict.issuer().ifPresent(lines::add);
        lines.addAll(verdict.details());
        lines.add(verdict.reasonCode());
        lines.add(verdict.sequence());
        lines.add(verdict.backHint());
        return lines;
    }

    private void showError(String error) {
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, error, Views.TITLE), Views.fullWidth());
        column.setContentDescription(error);
        column.setOnClickListener(v -> model.onVerdictTapped());
        verdictView.removeAllViews();
        verdictView.addView(column);
        verdictView.setVisibility(View.VISIBLE);
        column.announceForAccessibility(error);
    }
}
