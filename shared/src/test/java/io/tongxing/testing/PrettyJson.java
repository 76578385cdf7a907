package io.tongxing.testing;

import io.tongxing.token.DisplayText;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON with two-space indentation and members in insertion order, so that generated test
 * vectors are readable, diffable, and identical from run to run.
 */
public final class PrettyJson {
    private PrettyJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(indent).append("  ");
                string(entry.getKey().toString(), out);
                out.append(": ");
                write(entry.getValue(), out, indent + "  ");
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            if (list.isEmpty() || scalars) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    write(list.get(i), out, indent);
                    out.append(i + 1 < list.size() ? ", " : "");
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                write(list.get(i), out, indent + "  ");
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String) {
            string((String) value, out);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not JSON: " + value.getClass());
        }
    }

    /** Controls, bidi and invisible characters are escaped, so the file shows what it holds. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (DisplayText.isPlain(c)) {
                out.appendCodePoint(c);
            } else {
                for (char unit : Character.toChars(c)) {
                    out.append(String.format("\\u%04x", (int) unit));
                }
            }
            i += Character.charCount(c);
        }
        out.append('"');
    }
}
