package io.tongxing.app.model.resident;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GB/T 2260 list of provinces, prefectures and county-level divisions, with their Chinese names, for
 * choosing a county by name rather than typing its code ({@code res/raw/gbt2260.txt}: code, tab, name).
 */
public final class CountyDirectory {
    /** A division: its six-digit code and its name. */
    public record Division(String code, String name) {
    }

    private final Map<String, String> names;

    private CountyDirectory(Map<String, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    /** Reads the list; lines starting with {@code #} are comments. */
    public static CountyDirectory read(InputStream in) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab != 6) {
                    throw new IOException("not a GB/T 2260 line: " + line);
                }
                names.put(line.substring(0, 6), line.substring(7));
            }
        }
        return new CountyDirectory(names);
    }

    public List<Division> provinces() {
        return divisions(code -> code.endsWith("0000"));
    }

    /** The prefectures of a province ({@code 110000}). */
    public List<Division> prefectures(String province) {
        String prefix = province.substring(0, 2);
        return divisions(code -> code.startsWith(prefix) && code.endsWith("00") && !code.endsWith("0000"));
    }

    /** The county-level divisions of a prefecture ({@code 110100}). */
    public List<Division> counties(String prefecture) {
        String prefix = prefecture.substring(0, 4);
        return divisions(code -> code.startsWith(prefix) && !code.endsWith("00"));
    }

    /** The division's own name: "通州区" for {@code 110112}. */
    public Optional<String> name(String code) {
        return Optional.ofNullable(names.get(code));
    }

    /** "北京市 通州区" for {@code 110112}; empty for a code the list does not hold. */
    public Optional<String> label(String county) {
        String name = names.get(county);
        if (name == null || county.length() != 6) {
            return Optional.empty();
        }
        String province = names.get(county.substring(0, 2) + "0000");
        return Optional.of(province == null || county.endsWith("0000") ? name : province + " " + name);
    }

    private List<Division> divisions(java.util.function.Predicate<String> wanted) {
        List<Division> found = new ArrayList<>();
        for (Map.Entry<String, String> entry : names.entrySet()) {
            if (wanted.test(entry.getKey())) {
                found.add(new Division(entry.getKey(), entry.getValue()));
            }
        }
        return found;
    }
}
