package io.tongxing.app.model;

import java.util.Objects;

/**
 * A coloured band as the person sees it: background and text colours (ARGB), an icon and words. The
 * words and the icon carry the meaning; the colour only repeats it.
 */
public record Signal(int background, int foreground, Icon icon, String words) {
    public static final int GREEN = 0xFF1B7F3B;
    public static final int YELLOW = 0xFFF9C80E;
    public static final int RED = 0xFFB71C1C;
    public static final int BLUE = 0xFF0D47A1;
    public static final int GREY = 0xFF546E7A;
    public static final int WHITE = 0xFFFFFFFF;
    public static final int BLACK = 0xFF000000;

    public Signal {
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(words, "words");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a signal always has words");
        }
    }

    public static Signal green(Icon icon, String words) {
        return new Signal(GREEN, WHITE, icon, words);
    }

    /** Yellow with black text: white on yellow is unreadable. */
    public static Signal yellow(Icon icon, String words) {
        return new Signal(YELLOW, BLACK, icon, words);
    }

    public static Signal red(Icon icon, String words) {
        return new Signal(RED, WHITE, icon, words);
    }

    public static Signal blue(Icon icon, String words) {
        return new Signal(BLUE, WHITE, icon, words);
    }

    public static Signal grey(Icon icon, String words) {
        return new Signal(GREY, WHITE, icon, words);
    }
}
