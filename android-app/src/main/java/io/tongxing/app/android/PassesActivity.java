package io.tongxing.app.android;

import android.app.Activity;
import android.graphics.drawable.BitmapDrawable;
import android.os.Bundle;
import android.widget.ImageView;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.resident.PassesScreen;
import io.tongxing.app.text.Text;

/** Renders {@link PassesScreen}. */
public final class PassesActivity extends Activity {
    private PassesScreen model;
    private LinearLayout column;
    private final ScreenModel.Observer<PassesScreen.State> observer = state -> runOnUiThread(() -> render(state));

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        AppGraph graph = TongxingApplication.graph(this);
        setTitle(graph.words.text(Text.PASSES_TITLE));
        model = new PassesScreen(graph.vault, graph.holderKeys, graph.clock, graph.ticker, new WindowScreen(this),
                graph.words);
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
    }

    @Override
    protected void onPause() {
        model.onHide();
        model.stopObserving(observer);
        super.onPause();
    }

    private void render(PassesScreen.State state) {
        column.removeAllViews();
        if (state.shown().isPresent()) {
            PassesScreen.ShownPass shown = state.shown().get();
            column.addView(Views.text(this, shown.title(), Views.TITLE), Views.fullWidth());
            ImageView qr = new ImageView(this);
            BitmapDrawable image = new BitmapDrawable(getResources(), QrBitmaps.of(shown.qr()));
            image.setFilterBitmap(false);
            qr.setImageDrawable(image);
            qr.setAdjustViewBounds(true);
            qr.setContentDescription(shown.qrDescription());
            column.addView(qr, Views.fullWidth());
            column.addView(Views.text(this, shown.binding(), Views.BODY), Views.fullWidth());
            column.addView(Views.button(this, shown.hideLabel(), v -> model.hideCode()), Views.fullWidth());
            return;
        }
        state.message().ifPresent(m -> column.addView(Views.text(this, m, Views.TITLE), Views.fullWidth()));
        for (PassesScreen.PassCard card : state.passes()) {
            column.addView(Views.text(this, card.title(), Views.TITLE), Views.fullWidth());
            column.addView(Views.band(this, card.state(), Views.BODY), Views.fullWidth());
            for (String line : card.details()) {
                column.addView(Views.text(this, line, Views.BODY), Views.fullWidth());
            }
            if (card.canShowCode()) {
                column.addView(Views.button(this, card.showCodeLabel(), v -> model.showCode(card.id())),
                        Views.fullWidth());
            }
        }
        for (String notice : state.notices()) {
            column.addView(Views.text(this, notice, Views.BODY), Views.fullWidth());
        }
    }
}
