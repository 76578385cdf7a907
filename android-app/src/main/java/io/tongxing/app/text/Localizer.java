package io.tongxing.app.text;

import io.tongxing.token.RegionCode;
import io.tongxing.verify.Reason;
import java.time.Instant;

/**
 * Turns {@link Text} keys into the words of the phone's language. Android reads the string resources;
 * tests read the same XML files, so a model test can assert the Chinese a person will see.
 */
public interface Localizer {

    /** The text for {@code key}, formatted with {@code args} as {@code String.format} would. */
    String text(Text key, Object... args);

    /** The verifier's words for {@code reason}, in the phone's language (they live on the enum). */
    String reason(Reason reason);

    /** A date and time for display, in the phone's language and time zone. */
    String dateTime(Instant instant);

    /** A date for display, in the phone's language and time zone. */
    String date(Instant instant);

    /** A region's name from the GB/T 2260 list ("廊坊市"), or its code where the list lacks it. */
    String region(RegionCode region);

    /** True when the phone's language is Chinese (names of regions are shown in Chinese then). */
    boolean chinese();
}
