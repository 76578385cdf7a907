package io.tongxing.app.android;

import android.content.Context;
import android.graphics.Typeface;
import android.view.View;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import io.tongxing.app.model.checkpoint.VerdictScreen;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The full-screen verdict, the same for a scan and an ID-number check: the verdict's colour over the whole
 * screen, its band, the reason, the officer's hint set apart, the masked name large, then the details. It takes
 * every touch, so nothing behind it can be tapped by accident; a tap goes to {@code onTap}.
 */
final class VerdictView {
    private final Context context;
    private final ScrollView overlay;
    private final Runnable onTap;
    /** What is on screen (a verdict or an error), so that it is read out once, when it appears. */
    private Object shown;

    VerdictView(Context context, Runnable onTap) {
        this.context = context;
        this.onTap = onTap;
        overlay = new ScrollView(context);
        overlay.setFillViewport(true);
        overlay.setClickable(true);
        overlay.setVisibility(View.GONE);
    }

    /** The view to put over the screen's content (a {@code FrameLayout} child that matches its parent). */
    View view() {
        return overlay;
    }

    /**
     * Shows {@code verdict} if there is one, else {@code error} if there is one, else nothing; each is read out
     * to screen readers when it appears, not at every render.
     */
    void render(Optional<VerdictScreen> verdict, Optional<String> error) {
        Object next = verdict.isPresent() ? verdict.get() : error.orElse(null);
        boolean announce = next != null && next != shown;
        shown = next;
        if (verdict.isPresent()) {
            show(verdict.get(), announce);
        } else if (error.isPresent()) {
            showError(error.get(), announce);
        } else {
            overlay.setVisibility(View.GONE);
        }
    }

    private void show(VerdictScreen verdict, boolean announce) {
        LinearLayout column = Views.column(context);
        overlay.setBackgroundColor(verdict.signal().background());
        column.addView(Views.band(context, verdict.signal(), Views.HUGE), Views.fullWidth());
        TextView reason = Views.text(context, verdict.reason(), Views.TITLE);
        reason.setTextColor(verdict.signal().foreground());
        reason.setTypeface(Typeface.DEFAULT_BOLD);
        column.addView(reason, Views.fullWidth());
        verdict.hint().ifPresent(hint -> {
            LinearLayout.LayoutParams apart = Views.fullWidth();
            apart.topMargin = Views.dp(context, 8);
            apart.bottomMargin = Views.dp(context, 8);
            column.addView(Views.band(context, hint, Views.TITLE), apart);
        });
        for (String line : lines(verdict)) {
            TextView text = Views.text(context, line, line.equals(verdict.name().orElse("")) ? Views.TITLE : Views.BODY);
            text.setTextColor(verdict.signal().foreground());
            column.addView(text, Views.fullWidth());
        }
        showOver(column, verdict.description(), announce);
    }

    /** Shows {@code error} (the verdict could not be logged) in black on white. */
    private void showError(String error, boolean announce) {
        LinearLayout column = Views.column(context);
        overlay.setBackgroundColor(0xFFFFFFFF);
        column.addView(Views.text(context, error, Views.TITLE), Views.fullWidth());
        showOver(column, error, announce);
    }

    private static List<String> lines(VerdictScreen verdict) {
        List<String> lines = new ArrayList<>();
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

    /** Puts {@code content} over the whole screen (the scroll view stretches it); a tap goes to {@code onTap}. */
    private void showOver(LinearLayout content, String description, boolean announce) {
        content.setOnClickListener(v -> onTap.run());
        overlay.removeAllViews();
        overlay.addView(content);
        content.setContentDescription(description);
        overlay.setVisibility(View.VISIBLE);
        if (announce) {
            overlay.announceForAccessibility(description);
        }
    }
}
