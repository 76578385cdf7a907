package io.tongxing.app.android;

import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.GraphicsMode;

/** The screens in English. */
@RunWith(AppRunner.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(qualifiers = "en-rUS-w360dp-h740dp-xhdpi")
public class ScreenshotsEnglishTest extends Screenshots {
    @Override
    String language() {
        return "en";
    }
}
