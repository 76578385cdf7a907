package io.tongxing.sync;

import java.util.Optional;

/**
 * Why an officer checks a person by ID number instead of scanning a code: the device sends it with the
 * request, and the home server keeps it in the audit log.
 */
public enum IdCheckReason {
    /** The person has no smartphone and no paper card. */
    NO_PHONE("no_phone"),
    /** The phone is flat, broken or without the app. */
    PHONE_UNUSABLE("phone_unusable"),
    /** The code or paper card cannot be read. */
    CODE_UNREADABLE("code_unreadable"),
    /** A scanned code's verdict needs confirming (e.g. REVIEW for stale data at a busy crossing). */
    CONFIRM_SCAN("confirm_scan");

    private final String code;

    IdCheckReason(String code) {
        this.code = code;
    }

    /** The reason as the request carries it. */
    public String code() {
        return code;
    }

    public static Optional<IdCheckReason> ofCode(String code) {
        for (IdCheckReason reason : values()) {
            if (reason.code.equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
