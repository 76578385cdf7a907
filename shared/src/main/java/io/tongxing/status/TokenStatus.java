package io.tongxing.status;

import java.util.Optional;

/** The status types of draft-ietf-oauth-status-list that Tongxing uses. */
public enum TokenStatus {
    /** 0x00: the token is valid. */
    VALID(0),
    /** 0x01: the token is revoked for good (the code changed colour, the pass was revoked or ended). */
    INVALID(1),
    /** 0x02: the token is held back for now (a pass while its holder's code is not green). */
    SUSPENDED(2);

    private final int value;

    TokenStatus(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The status type with this value; empty for application-specific or unregistered values. */
    public static Optional<TokenStatus> of(int value) {
        for (TokenStatus status : values()) {
            if (status.value == value) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
