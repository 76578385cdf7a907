package io.tongxing.app.android;

import android.content.Context;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.verify.Reason;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Looks strings up by resource name ({@link Text#resourceName()}) rather than through a generated R
 * class: the app must compile on a machine without aapt, which is what generates R. A JVM test checks
 * that every name exists in both languages; the ids are cached after the first lookup.
 */
final class AndroidLocalizer implements Localizer {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private final Context context;
    private final Map<Text, Integer> ids = new EnumMap<>(Text.class);

    AndroidLocalizer(Context context) {
        this.context = context.getApplicationContext();
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
        return DATE_TIME.withZone(ZoneId.systemDefault()).format(instant);
    }

    @Override
    public String date(Instant instant) {
        return DATE.withZone(ZoneId.systemDefault()).format(instant);
    }

    @Override
    public boolean chinese() {
        return "zh".equals(context.getResources().getConfiguration().getLocales().get(0).getLanguage());
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
