package io.tongxing.jose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from a parsed JSON object (as nimbus parses it: integers as {@code Long}, fractions
 * as {@code Double}), each failing with an {@link IllegalArgumentException} that names the member.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static Object required(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    public static String string(Map<String, Object> json, String name) {
        Object value = required(json, name);
        if (!(value instanceof String)) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return (String) value;
    }

    public static long integer(Map<String, Object> json, String name) {
        Object value = required(json, name);
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return (Long) value;
    }

    public static List<String> strings(Map<String, Object> json, String name) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(json, name)) {
            if (!(item instanceof String)) {
                throw new IllegalArgumentException(name + " must be a list of strings");
            }
            strings.add((String) item);
        }
        return strings;
    }

    public static List<?> list(Map<String, Object> json, String name) {
        Object value = required(json, name);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(name + " must be a list");
        }
        return (List<?>) value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String name) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(name + " must be an object");
        }
        return (Map<String, Object>) value;
    }
}
