package io.tongxing.app.server;

import java.io.IOException;
import java.util.Locale;

/** "Why is my code this colour?": the server's explanation for the logged-in resident's current code. */
public interface ColourExplanations {

    /** The explanation in {@code language}'s words (the server holds the rules and the person's data). */
    String explain(Locale language) throws IOException, ServerRefusedException;
}
