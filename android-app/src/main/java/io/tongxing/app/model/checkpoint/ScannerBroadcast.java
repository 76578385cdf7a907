package io.tongxing.app.model.checkpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a hardware scanner hands over what it read when it sends it as a broadcast intent rather than typing
 * it: the intent's action and the name of the extra holding the text. Zebra's DataWedge and Honeywell's
 * scanners are configured to send one; the officer enters the same two names here.
 */
public record ScannerBroadcast(String action, String extra) {
    /** Java-like dotted names: what Android accepts as an action or an extra's key, within reason. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final int LONGEST = 200;
    /** Defaults a DataWedge profile can be set to send (its "intent output", broadcast delivery). */
    public static final ScannerBroadcast DEFAULT = new ScannerBroadcast("io.tongxing.app.SCAN",
            "com.symbol.datawedge.data_string");

    public ScannerBroadcast {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(extra, "extra");
        if (!valid(action) || !valid(extra)) {
            throw new IllegalArgumentException("not an intent action or extra name");
        }
    }

    /** The setting from what the officer typed, if both names are well formed. */
    public static Optional<ScannerBroadcast> parse(String action, String extra) {
        String a = action == null ? "" : action.trim();
        String e = extra == null ? "" : extra.trim();
        return valid(a) && valid(e) ? Optional.of(new ScannerBroadcast(a, e)) : Optional.empty();
    }

    public static boolean valid(String name) {
        return name.length() <= LONGEST && NAME.matcher(name).matches();
    }
}
