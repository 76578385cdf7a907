package io.tongxing.app.android;

import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.os.Looper;
import android.view.View;
import android.view.ViewGroup;
import android.widget.Button;
import android.widget.EditText;
import android.widget.TextView;
import java.util.ArrayList;
import java.util.List;

/** Reads and works a screen as a person would: by the words they see, not by view ids (the app has none). */
final class ViewTree {
    private ViewTree() {
    }

    /** Runs what the main thread has queued (renders posted with runOnUiThread, layout, broadcasts). */
    static void settle() {
        shadowOf(Looper.getMainLooper()).idle();
    }

    /** Every text shown (visible on screen), top to bottom. */
    static List<String> texts(Activity activity) {
        settle();
        List<String> texts = new ArrayList<>();
        collect(activity.getWindow().getDecorView(), texts);
        return texts;
    }

    static String screenText(Activity activity) {
        return String.join("\n", texts(activity));
    }

    private static void collect(View view, List<String> texts) {
        if (view.getVisibility() != View.VISIBLE) {
            return;
        }
        if (view instanceof TextView && !(view instanceof EditText)) {
            CharSequence text = ((TextView) view).getText();
            if (text != null && text.length() > 0) {
                texts.add(text.toString());
            }
        }
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                collect(group.getChildAt(i), texts);
            }
        }
    }

    /** The visible view of {@code type} whose text is {@code text} (or starts with it). */
    static <V extends TextView> V find(Activity activity, Class<V> type, String text) {
        settle();
        List<V> found = new ArrayList<>();
        find(activity.getWindow().getDecorView(), type, text, found);
        if (found.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " \"" + text + "\" on screen:\n" + screenText(activity));
        }
        return found.get(0);
    }

    private static <V extends TextView> void find(View view, Class<V> type, String text, List<V> found) {
        if (view.getVisibility() != View.VISIBLE) {
            return;
        }
        if (type.isInstance(view) && ((TextView) view).getText().toString().startsWith(text)) {
            found.add(type.cast(view));
        }
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                find(group.getChildAt(i), type, text, found);
            }
        }
    }

    /** Taps the button labelled {@code label}. */
    static void tap(Activity activity, String label) {
        Button button = find(activity, Button.class, label);
        if (!button.isEnabled()) {
            throw new AssertionError("\"" + label + "\" is disabled");
        }
        button.performClick();
        settle();
    }

    /** Taps the words {@code text}: the tap goes to the nearest view around them that takes taps. */
    static void tapText(Activity activity, String text) {
        View view = find(activity, TextView.class, text);
        while (view != null && !view.isClickable()) {
            view = view.getParent() instanceof View ? (View) view.getParent() : null;
        }
        if (view == null) {
            throw new AssertionError("\"" + text + "\" cannot be tapped");
        }
        view.performClick();
        settle();
    }

    /** The field whose label (its content description) is {@code label}. */
    static EditText field(Activity activity, String label) {
        settle();
        List<EditText> found = new ArrayList<>();
        fields(activity.getWindow().getDecorView(), label, found);
        if (found.isEmpty()) {
            throw new AssertionError("no field \"" + label + "\":\n" + screenText(activity));
        }
        return found.get(0);
    }

    /** The field labelled {@code label} in a dialog's window. */
    static EditText field(android.app.Dialog dialog, String label) {
        settle();
        List<EditText> found = new ArrayList<>();
        fields(dialog.getWindow().getDecorView(), label, found);
        if (found.isEmpty()) {
            throw new AssertionError("no field \"" + label + "\" in the dialog");
        }
        return found.get(0);
    }

    private static void fields(View view, String label, List<EditText> found) {
        if (view instanceof EditText && label.contentEquals(view.getContentDescription())) {
            found.add((EditText) view);
        }
        if (view instanceof ViewGroup) {
            ViewGroup group = (ViewGroup) view;
            for (int i = 0; i < group.getChildCount(); i++) {
                fields(group.getChildAt(i), label, found);
            }
        }
    }

    /** Types {@code text} into the field labelled {@code label}, replacing what was there. */
    static void type(Activity activity, String label, String text) {
        field(activity, label).setText(text);
        settle();
    }
}
