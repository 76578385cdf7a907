package io.tongxing.app.android;

import android.text.Editable;
import android.text.TextWatcher;
import java.util.function.Consumer;

/** Forwards a field's text to its screen model after each edit. */
final class Edited implements TextWatcher {
    private final Consumer<String> onText;

    Edited(Consumer<String> onText) {
        this.onText = onText;
    }

    @Override
    public void beforeTextChanged(CharSequence s, int start, int count, int after) {
    }

    @Override
    public void onTextChanged(CharSequence s, int start, int before, int count) {
    }

    @Override
    public void afterTextChanged(Editable s) {
        onText.accept(s.toString());
    }
}
