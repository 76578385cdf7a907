package io.tongxing.app.android;

import android.app.Activity;
import android.graphics.drawable.BitmapDrawable;
import android.os.Bundle;
import android.widget.ImageView;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.resident.HealthCodeScreen;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import io.tongxing.app.text.Text;

/** Renders {@link HealthCodeScreen}; nothing here decides anything. */
public final class HealthCodeActivity extends Activity {
    private HealthCodeScreen model;
    private LinearLayout column;
    private final ScreenModel.Observer<HealthCodeScreen.State> observer = state -> runOnUiThread(() -> render(state));

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        AppGraph graph = TongxingApplication.graph(this);
        setTitle(graph.words.text(Text.CODE_TITLE));
        model = new HealthCodeScreen(graph.vault, graph.holderKeys, graph.clock, graph.ticker, new WindowScreen(this),
                graph.words, graph.residentApi, graph.background);
        column = Views.column(this);
        ScrollView scroll = new ScrollView(this);
        scroll.addView(column);
        setContentView(scroll);
    }

    @Override
    protected void onResume() {
        super.onResume();
        model.observe(observer);
        model.onShow();
        AppGraph graph = TongxingApplication.graph(this);
        graph.background.execute(() -> {
            try {
                new ResidentSync(graph.residentApi, graph.vault, graph.holderKeys, graph.clock).refresh();
                runOnUiThread(() -> {
                    model.onHide();
                    model.onShow();
                });
            } catch (IOException | ServerRefusedException e) {
                // Offline or logged out: the stored copy stays on screen with its age.
            }
        });
    }

    @Override
    protected void onPause() {
        model.onHide();
        model.stopObserving(observer);
        super.onPause();
    }

    private void render(HealthCodeScreen.State state) {
        column.removeAllViews();
        if (state.code().isPresent()) {
            HealthCodeScreen.Shown code = state.code().get();
            column.addView(Views.band(this, code.band(), Views.TITLE), Views.fullWidth());
            ImageView qr = new ImageView(this);
            BitmapDrawable image = new BitmapDrawable(getResources(), QrBitmaps.of(code.qr()));
            image.setFilterBitmap(false);
            qr.setImageDrawable(image);
            qr.setAdjustViewBounds(true);
            qr.setContentDescription(code.qrDescription());
            column.addView(qr, Views.fullWidth());
            column.addView(Views.text(this, code.name(), Views.TITLE), Views.fullWidth());
            column.addView(Views.text(this, code.idNumber(), Views.BODY), Views.fullWidth());
            column.addView(Views.text(this, code.issued(), Views.BODY), Views.fullWidth());
        }
        state.message().ifPresent(m -> column.addView(Views.text(this, m, Views.TITLE), Views.fullWidth()));
        for (String notice : state.notices()) {
            column.addView(Views.text(this, notice, Views.BODY), Views.fullWidth());
        }
        if (state.whyEnabled()) {
            column.addView(Views.button(this, state.whyLabel(), v -> model.onWhyRequested()), Views.fullWidth());
        }
        state.explanation().ifPresent(e -> column.addView(Views.text(this, e, Views.BODY), Views.fullWidth()));
    }
}
