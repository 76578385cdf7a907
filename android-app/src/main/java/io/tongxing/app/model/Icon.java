package io.tongxing.app.model;

import java.util.Locale;

/**
 * The icons that go with colours, so that no state is told by colour alone: each has a distinct shape
 * (a check, a cross, a question mark...) and a vector drawable {@code res/drawable/ic_<name>.xml}.
 */
public enum Icon {
    /** A check mark in a circle: PASS, green code, valid pass. */
    CHECK,
    /** A cross in an octagon: STOP, red code, revoked or refused. */
    CROSS,
    /** A question mark in a diamond: REVIEW, check by hand. */
    QUESTION,
    /** An exclamation mark in a triangle: yellow code, ageing data, a warning. */
    WARNING,
    /** Two bars: a suspended pass. */
    PAUSE,
    /** An hourglass: a pending application, a pass not yet valid. */
    HOURGLASS,
    /** Two people: a family member's code or passes, shown by the person who looks after them. */
    PERSON;

    /** The drawable's resource name: {@code ic_check}. */
    public String resourceName() {
        return "ic_" + name().toLowerCase(Locale.ROOT);
    }
}
