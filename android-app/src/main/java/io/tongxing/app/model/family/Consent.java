package io.tongxing.app.model.family;

import java.util.Optional;

/** How a family member agrees to be looked after (the API's {@code consent}). */
public enum Consent {
    /** A one-time code goes to the member's own phone; the member reads it out to the guardian. */
    PHONE_CODE,
    /** Both go to the community desk with their ID cards; staff record it in person. */
    DESK;

    public static Optional<Consent> of(String name) {
        for (Consent consent : values()) {
            if (consent.name().equals(name)) {
                return Optional.of(consent);
            }
        }
        return Optional.empty();
    }
}
