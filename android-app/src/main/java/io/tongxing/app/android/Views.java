package io.tongxing.app.android;

import android.content.Context;
import android.graphics.Color;
import android.graphics.Typeface;
import android.graphics.drawable.GradientDrawable;
import android.util.TypedValue;
import android.view.Gravity;
import android.view.View;
import android.view.ViewGroup;
import android.widget.Button;
import android.widget.EditText;
import android.widget.ImageView;
import android.widget.LinearLayout;
import android.widget.TextView;
import io.tongxing.app.model.Signal;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds the app's few kinds of view in code (there are no layout files, so nothing needs aapt's R
 * class). Text sizes are in sp and heights wrap their content, so the system's large-text setting works;
 * every control gets a content description.
 */
final class Views {
    static final float BODY = 18;
    static final float TITLE = 24;
    static final float HUGE = 40;
    private static final int ERROR = Color.rgb(0xB7, 0x1C, 0x1C);

    private Views() {
    }

    static LinearLayout column(Context context) {
        LinearLayout column = new LinearLayout(context);
        column.setOrientation(LinearLayout.VERTICAL);
        int pad = dp(context, 16);
        column.setPadding(pad, pad, pad, pad);
        return column;
    }

    static TextView text(Context context, String words, float sp) {
        TextView view = new TextView(context);
        view.setText(words);
        view.setTextSize(TypedValue.COMPLEX_UNIT_SP, sp);
        view.setPadding(0, dp(context, 4), 0, dp(context, 4));
        return view;
    }

    static Button button(Context context, String label, View.OnClickListener onClick) {
        Button button = new Button(context);
        button.setText(label);
        button.setAllCaps(false);
        button.setTextSize(TypedValue.COMPLEX_UNIT_SP, BODY);
        button.setContentDescription(label);
        button.setOnClickListener(onClick);
        return button;
    }

    /** A coloured band: icon and words on the signal's colours; read aloud as its words. */
    static LinearLayout band(Context context, Signal signal, float sp) {
        LinearLayout band = new LinearLayout(context);
        band.setOrientation(LinearLayout.HORIZONTAL);
        band.setGravity(Gravity.CENTER_VERTICAL);
        int pad = dp(context, 12);
        band.setPadding(pad, pad, pad, pad);
        GradientDrawable background = new GradientDrawable();
        background.setColor(signal.background());
        background.setCornerRadius(dp(context, 8));
        band.setBackground(background);
        ImageView icon = new ImageView(context);
        icon.setImageResource(AndroidLocalizer.drawable(context, signal.icon().resourceName()));
        icon.setColorFilter(signal.foreground());
        icon.setImportantForAccessibility(View.IMPORTANT_FOR_ACCESSIBILITY_NO);
        int side = (int) TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_SP, sp * 1.5f,
                context.getResources().getDisplayMetrics());
        band.addView(icon, new LinearLayout.LayoutParams(side, side));
        TextView words = text(context, signal.words(), sp);
        words.setTextColor(signal.foreground());
        words.setTypeface(Typeface.DEFAULT_BOLD);
        words.setPadding(dp(context, 12), 0, 0, 0);
        band.addView(words, new LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, 1));
        band.setContentDescription(signal.words());
        band.setFocusable(true);
        return band;
    }

    /** A message line under a field: red, announced when it changes, hidden while there is nothing to say. */
    static TextView error(Context context, LinearLayout parent) {
        TextView error = text(context, "", BODY);
        error.setTextColor(ERROR);
        error.setAccessibilityLiveRegion(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        error.setVisibility(View.GONE);
        parent.addView(error, fullWidth());
        return error;
    }

    /** Red text, and a "⚠" so the message is not told by colour alone. */
    static void showError(TextView view, Optional<String> text) {
        setOrHide(view, text.map(t -> "⚠ " + t));
    }

    /** An empty text line added to {@code parent}, filled by a screen's render. */
    static TextView line(Context context, LinearLayout parent, float sp) {
        TextView line = text(context, "", sp);
        parent.addView(line, fullWidth());
        return line;
    }

    /** The running clock beside a live QR: large, bold, centred, its digits of equal width so it does not jitter. */
    static TextView clock(Context context, LinearLayout parent) {
        TextView clock = line(context, parent, TITLE);
        clock.setTypeface(Typeface.DEFAULT_BOLD);
        clock.setFontFeatureSettings("tnum");
        clock.setTextColor(Color.BLACK);
        clock.setGravity(Gravity.CENTER_HORIZONTAL);
        return clock;
    }

    /** An empty vertical container added to {@code parent}, for views a render replaces (bands, lists). */
    static LinearLayout slot(Context context, LinearLayout parent) {
        LinearLayout slot = new LinearLayout(context);
        slot.setOrientation(LinearLayout.VERTICAL);
        parent.addView(slot, fullWidth());
        return slot;
    }

    static LinearLayout row(Context context) {
        LinearLayout row = new LinearLayout(context);
        row.setOrientation(LinearLayout.HORIZONTAL);
        row.setGravity(Gravity.CENTER_VERTICAL);
        return row;
    }

    /** Replaces the lines in {@code slot} with {@code lines}. */
    static void lines(Context context, LinearLayout slot, List<String> lines) {
        slot.removeAllViews();
        for (String line : lines) {
            slot.addView(text(context, line, BODY), fullWidth());
        }
    }

    /**
     * One item of a list (a pass, a family link): its title set apart from the item above, its state as a band,
     * its details line by line; the caller adds its buttons after.
     */
    static void card(Context context, LinearLayout list, String title, Signal state, List<String> details) {
        LinearLayout.LayoutParams apart = fullWidth();
        apart.topMargin = list.getChildCount() == 0 ? 0 : dp(context, 20);
        list.addView(text(context, title, TITLE), apart);
        list.addView(band(context, state, BODY), fullWidth());
        lines(context, slot(context, list), details);
    }

    /** The text, or the view hidden when there is none. */
    static void setOrHide(TextView view, Optional<String> text) {
        view.setText(text.orElse(""));
        view.setVisibility(text.isPresent() ? View.VISIBLE : View.GONE);
    }

    static void showIf(boolean shown, View... views) {
        for (View view : views) {
            view.setVisibility(shown ? View.VISIBLE : View.GONE);
        }
    }

    /** A labelled text field, its label read out with it; added to {@code column}. */
    static android.widget.EditText field(Context context, LinearLayout column, String label, int inputType) {
        column.addView(text(context, label, BODY), fullWidth());
        android.widget.EditText field = new android.widget.EditText(context);
        field.setInputType(inputType);
        field.setTextSize(TypedValue.COMPLEX_UNIT_SP, BODY);
        field.setContentDescription(label);
        column.addView(field, fullWidth());
        return field;
    }

    /** A labelled field bound to its model: it starts with {@code text} and hands every edit to {@code onText}. */
    static EditText boundField(Context context, LinearLayout column, String label, int inputType,
            String text, Consumer<String> onText) {
        EditText field = field(context, column, label, inputType);
        field.setText(text);
        field.addTextChangedListener(new Edited(onText));
        return field;
    }

    /** Sets a field's text only when it differs (keeps the cursor while the person types). */
    static void setIfChanged(android.widget.EditText field, String text) {
        if (!field.getText().toString().equals(text)) {
            field.setText(text);
        }
    }

    /** Full width with a small gap below: bands in a list. */
    static LinearLayout.LayoutParams spaced(Context context) {
        LinearLayout.LayoutParams params = fullWidth();
        params.bottomMargin = dp(context, 6);
        return params;
    }

    static LinearLayout.LayoutParams weighted() {
        return new LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, 1);
    }

    static LinearLayout.LayoutParams wrapped() {
        return new LinearLayout.LayoutParams(ViewGroup.LayoutParams.WRAP_CONTENT, ViewGroup.LayoutParams.WRAP_CONTENT);
    }

    static LinearLayout.LayoutParams fullWidth() {
        return new LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT);
    }

    static int dp(Context context, float dp) {
        return (int) TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_DIP, dp, context.getResources().getDisplayMetrics());
    }
}
