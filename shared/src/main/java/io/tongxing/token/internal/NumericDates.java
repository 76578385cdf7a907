package io.tongxing.token.internal;

import java.time.Instant;

/**
 * Reads JWT NumericDate claims leniently and exactly: integer seconds as the profile writes them,
 * but also fractional seconds, and milliseconds from issuers that confuse the two (any value of
 * 10^11 or more, which as seconds would lie past the year 5000 and as milliseconds lies after 1973).
 * The instant is kept to the nanosecond so that "expired" is judged without rounding in the
 * holder's favour.
 *
 * <p>Failures are {@link IllegalArgumentException}s naming the claim.
 */
public final class NumericDates {
    private static final long MILLISECONDS_FROM = 100_000_000_000L;
    /** 9999-12-31T23:59:59Z in milliseconds: anything later is not a date. */
    private static final long LATEST_MILLIS = 253_402_300_799_000L;

    private NumericDates() {
    }

    public static Instant read(Object value, String claim) {
        if (value instanceof Long) {
            long number = (Long) value;
            if (number < 0 || number > LATEST_MILLIS) {
                throw new IllegalArgumentException(claim + " is not a date");
            }
            return number >= MILLISECONDS_FROM ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        }
        if (value instanceof Double) {
            double number = (Double) value;
            if (Double.isNaN(number) || number < 0 || number > LATEST_MILLIS) {
                throw new IllegalArgumentException(claim + " is not a date");
            }
            double seconds = number >= MILLISECONDS_FROM ? number / 1000.0 : number;
            long whole = (long) Math.floor(seconds);
            long nanos = Math.round((seconds - whole) * 1_000_000_000.0);
            return Instant.ofEpochSecond(whole, Math.min(nanos, 999_999_999L));
        }
        throw new IllegalArgumentException(claim + " must be a number of seconds");
    }
}
