package io.tongxing.app.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a form's text fields hold and the message next to each: the form's own finding once the person has
 * tried (the form says when), else the server's refusal, which stays until that field is edited. Not
 * thread-safe: the form that owns it guards it.
 */
public final class FormFields<F extends Enum<F>> {
    private final Map<F, String> typed;
    private final Map<F, String> refusals;

    public FormFields(Class<F> fields) {
        typed = new EnumMap<>(fields);
        refusals = new EnumMap<>(fields);
        for (F field : fields.getEnumConstants()) {
            typed.put(field, "");
        }
    }

    public String typed(F field) {
        return typed.get(field);
    }

    /** The person typed {@code text} into {@code field}: a refusal of the field's old text goes. */
    public void set(F field, String text) {
        typed.put(field, text == null ? "" : text);
        refusals.remove(field);
    }

    /** The server refused what {@code field} holds, in {@code words}. */
    public void refuse(F field, String words) {
        refusals.put(field, words);
    }

    /** Empties every field (the form did its work). */
    public void clear() {
        for (F field : typed.keySet()) {
            typed.put(field, "");
        }
        refusals.clear();
    }

    /**
     * The message next to each field that has one: {@code problem}'s where {@code checked} says the form shows
     * its own findings for the field, else the server's refusal.
     */
    public Map<F, String> messages(Predicate<F> checked, Function<F, Optional<String>> problem) {
        Map<F, String> messages = new LinkedHashMap<>();
        for (F field : typed.keySet()) {
            Optional<String> own = checked.test(field) ? problem.apply(field) : Optional.<String>empty();
            if (own.isPresent()) {
                messages.put(field, own.get());
            } else if (refusals.containsKey(field)) {
                messages.put(field, refusals.get(field));
            }
        }
        return Collections.unmodifiableMap(messages);
    }
}
