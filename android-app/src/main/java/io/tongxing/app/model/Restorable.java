package io.tongxing.app.model;

import java.util.Map;

/**
 * A screen model whose visible state (what the person typed, the verdict on screen) must survive its Activity
 * being recreated (rotation) or the app's process being killed in the background. It is kept as plain strings,
 * which Android puts in the saved-instance-state bundle. Passwords are never among them.
 */
public interface Restorable {

    /** What to keep. */
    Map<String, String> saved();

    /** Takes back what {@link #saved} kept, before the screen is shown again. */
    void restore(Map<String, String> saved);
}
