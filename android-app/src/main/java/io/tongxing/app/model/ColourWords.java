package io.tongxing.app.model;

import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.token.Colour;

/** A code's colour in words ("绿码" / "Green code"), for the lines that name it beside other details. */
public final class ColourWords {
    private ColourWords() {
    }

    public static String of(Colour colour, Localizer words) {
        switch (colour) {
            case GREEN:
                return words.text(Text.COLOUR_GREEN);
            case YELLOW:
                return words.text(Text.COLOUR_YELLOW);
            default:
                return words.text(Text.COLOUR_RED);
        }
    }
}
