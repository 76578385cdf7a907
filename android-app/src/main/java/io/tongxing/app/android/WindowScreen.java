package io.tongxing.app.android;

import android.app.Activity;
import android.view.Window;
import android.view.WindowManager;
import io.tongxing.app.platform.Screen;

/** Brightness and FLAG_SECURE on an Activity's window. Called on the main thread. */
final class WindowScreen implements Screen {
    private final Activity activity;

    WindowScreen(Activity activity) {
        this.activity = activity;
    }

    @Override
    public void raiseBrightness(boolean raised) {
        Window window = activity.getWindow();
        WindowManager.LayoutParams attributes = window.getAttributes();
        attributes.screenBrightness = raised
                ? WindowManager.LayoutParams.BRIGHTNESS_OVERRIDE_FULL
                : WindowManager.LayoutParams.BRIGHTNESS_OVERRIDE_NONE;
        window.setAttributes(attributes);
    }

    @Override
    public void blockCapture(boolean blocked) {
        if (blocked) {
            activity.getWindow().addFlags(WindowManager.LayoutParams.FLAG_SECURE);
        } else {
            activity.getWindow().clearFlags(WindowManager.LayoutParams.FLAG_SECURE);
        }
    }
}
