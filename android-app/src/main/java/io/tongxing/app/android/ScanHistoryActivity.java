package io.tongxing.app.android;

import android.view.View;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.Signal;
import io.tongxing.app.model.checkpoint.ScanHistory;
import io.tongxing.app.text.Text;

/** Renders {@link ScanHistory}: today's counts by verdict, the latest scans and the upload state. */
public final class ScanHistoryActivity extends ScreenActivity<ScanHistory.State, ScanHistory> {
    private LinearLayout today;
    private TextView upload;
    private LinearLayout latest;

    @Override
    protected Text title() {
        return Text.HISTORY_TITLE;
    }

    @Override
    protected ScanHistory createModel(AppGraph graph) {
        return new ScanHistory(graph.scanLog(), graph.clock, graph.words);
    }

    @Override
    protected View content() {
        getWindow().addFlags(android.view.WindowManager.LayoutParams.FLAG_SECURE);
        LinearLayout column = Views.column(this);
        column.addView(Views.text(this, graph.words.text(Text.HISTORY_TODAY), Views.TITLE), Views.fullWidth());
        today = Views.slot(this, column);
        upload = Views.line(this, column, Views.BODY);
        column.addView(Views.text(this, graph.words.text(Text.HISTORY_LATEST), Views.TITLE), Views.fullWidth());
        latest = Views.slot(this, column);
        return scrolling(column);
    }

    @Override
    protected void shown() {
        model.onShow();
    }

    @Override
    protected void render(ScanHistory.State state) {
        today.removeAllViews();
        for (Signal count : state.today()) {
            today.addView(Views.band(this, count, Views.BODY), Views.spaced(this));
        }
        upload.setText(state.upload());
        latest.removeAllViews();
        state.empty().ifPresent(e -> latest.addView(Views.text(this, e, Views.BODY), Views.fullWidth()));
        for (ScanHistory.Entry entry : state.latest()) {
            // The line names the verdict in words; the colour only repeats it.
            TextView line = Views.text(this, entry.line(), Views.BODY);
            line.setTextColor(entry.verdict().background());
            line.setTypeface(android.graphics.Typeface.DEFAULT_BOLD);
            latest.addView(line, Views.fullWidth());
            latest.addView(Views.text(this, entry.detail(), Views.BODY), Views.fullWidth());
        }
    }
}
