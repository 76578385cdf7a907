package io.tongxing.app.model;

import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.time.Duration;
import java.time.Instant;

/** "just now", "5 min ago", "3 h ago", "2 d ago": how old something is, in the phone's language. */
public final class Ages {
    private Ages() {
    }

    public static String since(Instant then, Instant now, Localizer words) {
        Duration age = Duration.between(then, now);
        if (age.compareTo(Duration.ofMinutes(1)) < 0) {
            // A clock behind the data reads as "just now" here; the verifier judges the clock itself.
            return words.text(Text.AGE_JUST_NOW);
        }
        if (age.compareTo(Duration.ofHours(1)) < 0) {
            return words.text(Text.AGE_MINUTES, age.toMinutes());
        }
        if (age.compareTo(Duration.ofDays(2)) < 0) {
            return words.text(Text.AGE_HOURS, age.toHours());
        }
        return words.text(Text.AGE_DAYS, age.toDays());
    }
}
