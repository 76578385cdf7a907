package io.tongxing.app.android;

import android.content.Context;
import io.tongxing.app.model.resident.CountyDirectory;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.Reason;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Looks strings up by resource name ({@link Text#resourceName()}) rather than through a generated R
 * class: the app must compile on a machine without aapt, which is what generates R. A JVM test checks
 * that every name exists in both languages; the ids are cached after the first lookup.
 */
final class AndroidLocalizer implements Localizer {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private volatile Context context;
    private final ZoneId zone;
    private final Supplier<CountyDirectory> regions;
    private final Map<Text, Integer> ids = new EnumMap<>(Text.class);

    /** {@code context} speaks the app's language ({@link Languages#apply}); times are shown in {@code zone}. */
    AndroidLocalizer(Context context, ZoneId zone, Supplier<CountyDirectory> regions) {
        this.context = context;
        this.zone = zone;
        this.regions = regions;
    }

    /** The app's language changed: speak that of {@code context} from now on. */
    void use(Context context) {
        this.context = context;
    }

    @Override
    public String text(Text key, Object... args) {
        return context.getString(id(key), args);
    }

    @Override
    public String reason(Reason reason) {
        return chinese() ? reason.chinese() : reason.english();
    }

    @Override
    public String dateTime(Instant instant) {
        return DATE_TIME.withZone(zone).format(instant);
    }

    @Override
    public String date(Instant instant) {
        return DATE.withZone(zone).format(instant);
    }

    @Override
    public String region(RegionCode region) {
        return regions.get().name(region.value()).orElse(region.value());
    }

    /**
     * True when the strings shown are the Chinese ones. Asked of the resources themselves, not of the locale:
     * a zh-TW phone gets the English strings (there are no Traditional ones), so it must get English reasons too.
     */
    @Override
    public boolean chinese() {
        return text(Text.LANGUAGE_TAG).startsWith("zh");
    }

    private synchronized int id(Text key) {
        Integer id = ids.get(key);
        if (id == null) {
            id = context.getResources().getIdentifier(key.resourceName(), "string", context.getPackageName());
            if (id == 0) {
                throw new IllegalStateException("no string resource " + key.resourceName());
            }
            ids.put(key, id);
        }
        return id;
    }

    /** A drawable's id by name, for the icons of {@link io.tongxing.app.model.Icon}. */
    static int drawable(Context context, String name) {
        return context.getResources().getIdentifier(name, "drawable", context.getPackageName());
    }
}
