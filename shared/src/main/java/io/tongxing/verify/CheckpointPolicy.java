package io.tongxing.verify;

import io.tongxing.token.Colour;
import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a checkpoint accepts. Built with {@link #builder(RegionCode)}; the defaults are those of a
 * provincial border checkpoint in 2020: health codes and passes, green only, route checked, status
 * data at most six hours old, two minutes of clock skew, holder proofs checked when present and at
 * most a minute old.
 *
 * @param region the checkpoint's own region (GB/T 2260); a pass's route must overlap it
 * @param corridor the corridor the checkpoint stands on, if any
 */
public record CheckpointPolicy(
        RegionCode region,
        Optional<String> corridor,
        Set<TokenKind> acceptedKinds,
        Set<Colour> acceptedColours,
        boolean routeCheck,
        HolderProofPolicy holderProof,
        Duration maxStatusAge,
        Duration clockSkew,
        Duration holderProofWindow) {

    public CheckpointPolicy {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(corridor, "corridor");
        Objects.requireNonNull(holderProof, "holderProof");
        acceptedKinds = Collections.unmodifiableSet(copy(acceptedKinds, TokenKind.class));
        acceptedColours = Collections.unmodifiableSet(copy(acceptedColours, Colour.class));
        if (!acceptedColours.contains(Colour.GREEN)) {
            throw new IllegalArgumentException("a checkpoint that refuses green codes refuses everyone");
        }
        requirePositive(maxStatusAge, "maxStatusAge");
        requireNotNegative(clockSkew, "clockSkew");
        requirePositive(holderProofWindow, "holderProofWindow");
    }

    public static Builder builder(RegionCode region) {
        return new Builder(region);
    }

    public Builder toBuilder() {
        return new Builder(region).corridor(corridor.orElse(null)).acceptedKinds(acceptedKinds)
                .acceptedColours(acceptedColours).routeCheck(routeCheck).holderProof(holderProof)
                .maxStatusAge(maxStatusAge).clockSkew(clockSkew).holderProofWindow(holderProofWindow);
    }

    private static <E extends Enum<E>> Set<E> copy(Set<E> set, Class<E> type) {
        Objects.requireNonNull(set, type.getSimpleName());
        return set.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(set);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireNotNegative(Duration duration, String name) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** Builds a policy, starting from the defaults. */
    public static final class Builder {
        private final RegionCode region;
        private String corridor;
        private Set<TokenKind> acceptedKinds = EnumSet.allOf(TokenKind.class);
        private Set<Colour> acceptedColours = EnumSet.of(Colour.GREEN);
        private boolean routeCheck = true;
        private HolderProofPolicy holderProof = HolderProofPolicy.OPTIONAL;
        private Duration maxStatusAge = Duration.ofHours(6);
        private Duration clockSkew = Duration.ofMinutes(2);
        private Duration holderProofWindow = Duration.ofSeconds(60);

        private Builder(RegionCode region) {
            this.region = region;
        }

        public Builder corridor(String corridor) {
            this.corridor = corridor;
            return this;
        }

        public Builder acceptedKinds(Set<TokenKind> kinds) {
            this.acceptedKinds = kinds;
            return this;
        }

        /** Only passes: a health code alone does not let its holder cross here. */
        public Builder passRequired() {
            return acceptedKinds(EnumSet.of(TokenKind.COMMUTER_PASS));
        }

        public Builder acceptedColours(Set<Colour> colours) {
            this.acceptedColours = colours;
            return this;
        }

        public Builder routeCheck(boolean routeCheck) {
            this.routeCheck = routeCheck;
            return this;
        }

        public Builder holderProof(HolderProofPolicy holderProof) {
            this.holderProof = holderProof;
            return this;
        }

        public Builder maxStatusAge(Duration maxStatusAge) {
            this.maxStatusAge = maxStatusAge;
            return this;
        }

        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            return this;
        }

        public Builder holderProofWindow(Duration holderProofWindow) {
            this.holderProofWindow = holderProofWindow;
            return this;
        }

        public CheckpointPolicy build() {
            return new CheckpointPolicy(region, Optional.ofNullable(corridor), acceptedKinds, acceptedColours,
                    routeCheck, holderProof, maxStatusAge, clockSkew, holderProofWindow);
        }
    }
}
