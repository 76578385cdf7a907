package io.tongxing.app.android;

import org.junit.runner.RunWith;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.GraphicsMode;

/** The screens in Simplified Chinese. */
@RunWith(AppRunner.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(qualifiers = "zh-rCN-w360dp-h740dp-xhdpi")
public class ScreenshotsChineseTest extends Screenshots {
    @Override
    String language() {
        return "zh";
    }
}
