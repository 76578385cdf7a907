package io.tongxing.token;

/**
 * Where a token's status is kept: entry {@code index} of status list {@code list} of the token's
 * issuer. In the token it is the {@code s} claim, {@code [list, index]}; the list's URI is the
 * issuer's status-list base followed by {@code list}.
 */
public record StatusReference(long list, long index) {
    /** The largest list number or index: 2^53 − 1, the largest integer every JSON reader keeps exactly. */
    public static final long MAX = (1L << 53) - 1;

    public StatusReference {
        if (list < 0 || index < 0 || list > MAX || index > MAX) {
            throw new IllegalArgumentException("status list and index must be from 0 to 2^53 - 1");
        }
    }

    @Override
    public String toString() {
        return "[" + list + "," + index + "]";
    }
}
