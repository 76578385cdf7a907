package io.tongxing.token;

import java.util.Optional;

/**
 * A six-digit administrative division code of GB/T 2260: {@code PPCCDD} for province, prefecture
 * and county. {@code 110000} is Beijing, {@code 131000} Langfang, {@code 131022} Gu'an county.
 *
 * <p>A code with trailing zero pairs stands for the whole province or prefecture, so
 * {@code 131000} contains {@code 131022}.
 */
public final class RegionCode implements Comparable<RegionCode> {
    private final String code;

    private RegionCode(String code) {
        this.code = code;
    }

    /**
     * Parses a six-digit code.
     *
     * @throws IllegalArgumentException if {@code code} is not six digits with a province part
     *     from 11 to 82
     */
    public static RegionCode of(String code) {
        return parse(code).orElseThrow(() ->
                new IllegalArgumentException("not a GB/T 2260 six-digit region code: " + code));
    }

    /** The region code {@code code} stands for, or empty if it is not a well-formed code. */
    public static Optional<RegionCode> parse(String code) {
        if (code == null || code.length() != 6) {
            return Optional.empty();
        }
        for (int i = 0; i < 6; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        int province = Integer.parseInt(code.substring(0, 2));
        if (province < 11 || province > 82) {
            return Optional.empty();
        }
        return Optional.of(new RegionCode(code));
    }

    /** The two-digit province part: {@code 13} for Hebei. */
    public String province() {
        return code.substring(0, 2);
    }

    /** True if this code stands for a whole province ({@code PP0000}). */
    public boolean isProvince() {
        return code.endsWith("0000");
    }

    /** True if this code stands for a whole prefecture ({@code PPCC00}) but not a province. */
    public boolean isPrefecture() {
        return !isProvince() && code.endsWith("00");
    }

    /** True if {@code other} is this region or lies inside it. */
    public boolean contains(RegionCode other) {
        return other.code.startsWith(significantPrefix());
    }

    /** True if one of the two regions contains the other. */
    public boolean overlaps(RegionCode other) {
        return contains(other) || other.contains(this);
    }

    private String significantPrefix() {
        if (isProvince()) {
            return code.substring(0, 2);
        }
        if (isPrefecture()) {
            return code.substring(0, 4);
        }
        return code;
    }

    public String value() {
        return code;
    }

    @Override
    public int compareTo(RegionCode o) {
        return code.compareTo(o.code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionCode && ((RegionCode) o).code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }
}
