package io.tongxing.verify;

import io.tongxing.jose.JsonFields;
import io.tongxing.token.Colour;
import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * The policy as a JSON object, as checkpoint sync and the test vectors carry it: {@code region},
     * {@code corridor} (absent for none), {@code accepted_kinds} ({@code typ} values),
     * {@code accepted_colours} (colour codes), {@code route_check}, {@code holder_proof}
     * ({@code "optional"} or {@code "required"}) and three durations in whole seconds:
     * {@code max_status_age}, {@code clock_skew}, {@code holder_proof_window}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("region", region.value());
        corridor.ifPresent(c -> json.put("corridor", c));
        List<String> kinds = new ArrayList<>();
        for (TokenKind kind : acceptedKinds) {
            kinds.add(kind.typ());
        }
        json.put("accepted_kinds", kinds);
        List<String> colours = new ArrayList<>();
        for (Colour colour : acceptedColours) {
            colours.add(colour.code());
        }
        json.put("accepted_colours", colours);
        json.put("route_check", routeCheck);
        json.put("holder_proof", holderProof.name().toLowerCase(Locale.ROOT));
        json.put("max_status_age", maxStatusAge.getSeconds());
        json.put("clock_skew", clockSkew.getSeconds());
        json.put("holder_proof_window", holderProofWindow.getSeconds());
        return json;
    }

    /**
     * Reads {@link #toJson()}'s form; members left out keep their defaults.
     *
     * @throws IllegalArgumentException naming the first member that is malformed
     */
    public static CheckpointPolicy fromJson(Map<String, Object> json) {
        Builder builder = builder(RegionCode.parse(JsonFields.string(json, "region"))
                .orElseThrow(() -> new IllegalArgumentException("region is not a region code")));
        if (json.containsKey("corridor")) {
            builder.corridor(JsonFields.string(json, "corridor"));
        }
        if (json.containsKey("accepted_kinds")) {
            Set<TokenKind> kinds = EnumSet.noneOf(TokenKind.class);
            for (String typ : JsonFields.strings(json, "accepted_kinds")) {
                kinds.add(TokenKind.ofTyp(typ).orElseThrow(() -> new IllegalArgumentException("unknown kind " + typ)));
            }
            builder.acceptedKinds(kinds);
        }
        if (json.containsKey("accepted_colours")) {
            Set<Colour> colours = EnumSet.noneOf(Colour.class);
            for (String code : JsonFields.strings(json, "accepted_colours")) {
                colours.add(Colour.ofCode(code).orElseThrow(() -> new IllegalArgumentException("unknown colour " + code)));
            }
            builder.acceptedColours(colours);
        }
        if (json.containsKey("route_check")) {
            Object routeCheck = json.get("route_check");
            if (!(routeCheck instanceof Boolean)) {
                throw new IllegalArgumentException("route_check must be true or false");
            }
            builder.routeCheck((Boolean) routeCheck);
        }
        if (json.containsKey("holder_proof")) {
            String holderProof = JsonFields.string(json, "holder_proof");
            if (!holderProof.equals("optional") && !holderProof.equals("required")) {
                throw new IllegalArgumentException("holder_proof must be optional or required");
            }
            builder.holderProof(HolderProofPolicy.valueOf(holderProof.toUpperCase(Locale.ROOT)));
        }
        if (json.containsKey("max_status_age")) {
            builder.maxStatusAge(Duration.ofSeconds(JsonFields.integer(json, "max_status_age")));
        }
        if (json.containsKey("clock_skew")) {
            builder.clockSkew(Duration.ofSeconds(JsonFields.integer(json, "clock_skew")));
        }
        if (json.containsKey("holder_proof_window")) {
            builder.holderProofWindow(Duration.ofSeconds(JsonFields.integer(json, "holder_proof_window")));
        }
        return builder.build();
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
