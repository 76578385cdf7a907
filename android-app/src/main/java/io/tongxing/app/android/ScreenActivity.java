package io.tongxing.app.android;

import android.app.Activity;
import android.content.Context;
import android.os.Bundle;
import android.view.View;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.text.Text;
import java.util.HashMap;
import java.util.Map;

/**
 * What every screen of the app does the same way: speak the app's language, make its screen model, build
 * its views once, render each state the model publishes (on the main thread), observe only while in front,
 * and keep the model's visible state across rotation and process death ({@link Restorable}). A screen says
 * only what is its own: its title, its model, its views and how a state is drawn.
 */
abstract class ScreenActivity<S, M extends ScreenModel<S>> extends Activity {
    private static final String SAVED = "io.tongxing.app.model";

    protected AppGraph graph;
    protected M model;
    private final ScreenModel.Observer<S> observer = state -> runOnUiThread(() -> render(state));

    /** The words of the title bar. */
    protected abstract Text title();

    /** A new model for this screen. */
    protected abstract M createModel(AppGraph graph);

    /** The screen's views, built once; {@link #render} updates them. */
    protected abstract View content();

    /** Draws {@code state}; called on the main thread. */
    protected abstract void render(S state);

    /** The screen came to the front (after the model is observed). */
    protected void shown() {
    }

    /** The screen is leaving the front (before the model is let go). */
    protected void hidden() {
    }

    @Override
    protected void attachBaseContext(Context base) {
        super.attachBaseContext(Languages.apply(base));
    }

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        graph = TongxingApplication.graph(this);
        setTitle(graph.words.text(title()));
        model = createModel(graph);
        if (saved != null && model instanceof Restorable && saved.getBundle(SAVED) != null) {
            Bundle kept = saved.getBundle(SAVED);
            Map<String, String> values = new HashMap<>();
            for (String key : kept.keySet()) {
                values.put(key, kept.getString(key));
            }
            ((Restorable) model).restore(values);
        }
        setContentView(content());
    }

    @Override
    protected void onResume() {
        super.onResume();
        model.observe(observer);
        shown();
    }

    @Override
    protected void onPause() {
        hidden();
        model.stopObserving(observer);
        super.onPause();
    }

    @Override
    protected void onSaveInstanceState(Bundle out) {
        super.onSaveInstanceState(out);
        if (model instanceof Restorable) {
            Bundle kept = new Bundle();
            for (Map.Entry<String, String> entry : ((Restorable) model).saved().entrySet()) {
                kept.putString(entry.getKey(), entry.getValue());
            }
            out.putBundle(SAVED, kept);
        }
    }

    /** A padded column in a scroll view: the shape of most screens. */
    protected final ScrollView scrolling(LinearLayout column) {
        ScrollView scroll = new ScrollView(this);
        scroll.addView(column);
        return scroll;
    }
}
