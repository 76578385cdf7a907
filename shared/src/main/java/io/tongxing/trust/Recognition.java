package io.tongxing.trust;

import io.tongxing.token.TokenKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an issuer's tokens are accepted for: which token kinds, on which corridors. The home
 * region's own issuer is recognized on every corridor ({@link #ANY_CORRIDOR}); a partner only on
 * the corridors its agreement names.
 */
public record Recognition(Set<TokenKind> kinds, Set<String> corridors) {
    /** Stands for every corridor. */
    public static final String ANY_CORRIDOR = "*";

    public Recognition {
        Objects.requireNonNull(kinds, "kinds");
        Objects.requireNonNull(corridors, "corridors");
        kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(TokenKind.class) : EnumSet.copyOf(kinds));
        corridors = Collections.unmodifiableSet(new LinkedHashSet<>(corridors));
    }

    /** Every kind, every corridor: how a region recognizes itself. */
    public static Recognition everything() {
        return new Recognition(EnumSet.allOf(TokenKind.class), Collections.singleton(ANY_CORRIDOR));
    }

    public boolean accepts(TokenKind kind) {
        return kinds.contains(kind);
    }

    /** True on {@code corridor}; a checkpoint on no corridor ({@code null}) needs {@link #ANY_CORRIDOR}. */
    public boolean coversCorridor(String corridor) {
        return corridors.contains(ANY_CORRIDOR) || (corridor != null && corridors.contains(corridor));
    }
}
