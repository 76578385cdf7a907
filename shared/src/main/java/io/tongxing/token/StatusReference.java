package io.tongxing.token;

/**
 * Where a token's status is kept: entry {@code index} of status list {@code list} of the token's
 * issuer. In the token it is the {@code s} claim, {@code [list, index]}; the list's URI is the
 * issuer's status-list base followed by {@code list}.
 */
public record StatusReference(long list, long index) {
    public StatusReference {
        if (list < 0 || index < 0) {
            throw new IllegalArgumentException("status list and index must not be negative");
        }
    }

    @Override
    public String toString() {
        return "[" + list + "," + index + "]";
    }
}
