package io.tongxing.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A signed cross-region pass: who may cross, under which corridor model, along which route, for
 * which employer, in which vehicle (freight passes only), and when.
 *
 * @param route the regions the pass joins; a checkpoint accepts it when one of them overlaps the
 *     checkpoint's own region
 * @param enterprise the employer's or carrier's unified social credit code (18 characters)
 * @param vehiclePlate the vehicle a freight pass names
 * @param validFrom the start of validity when it differs from {@code issuedAt} ({@code nbf})
 */
public record CommuterPass(
        RegionCode issuer,
        String subject,
        String maskedName,
        String idLastFour,
        PassModel model,
        List<RegionCode> route,
        String enterprise,
        Optional<String> vehiclePlate,
        Instant issuedAt,
        Optional<Instant> validFrom,
        Instant expiresAt,
        StatusReference status,
        Optional<HolderKey> holderKey) implements Credential {

    private static final Pattern USCC_SHAPE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
    private static final int MAX_PLATE_LENGTH = 10;

    public CommuterPass {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(vehiclePlate, "vehiclePlate");
        Objects.requireNonNull(validFrom, "validFrom");
        Identity.check(issuer, subject, maskedName, idLastFour, issuedAt, expiresAt, status, holderKey);
        if (route.isEmpty() || route.size() > 8) {
            throw new IllegalArgumentException("a route joins one to eight regions");
        }
        route = Collections.unmodifiableList(new ArrayList<>(route));
        if (!USCC_SHAPE.matcher(enterprise).matches()) {
            throw new IllegalArgumentException("enterprise must be an 18-character unified social credit code");
        }
        if (vehiclePlate.isPresent()) {
            String plate = vehiclePlate.get();
            if (plate.isEmpty() || plate.codePointCount(0, plate.length()) > MAX_PLATE_LENGTH
                    || !DisplayText.isPlain(plate)) {
                throw new IllegalArgumentException("vehicle plate must have 1 to 10 plain characters");
            }
        }
        if (model == PassModel.FREIGHT_VEHICLE && !vehiclePlate.isPresent()) {
            throw new IllegalArgumentException("a freight-vehicle pass names its vehicle");
        }
        if (validFrom.isPresent() && !validFrom.get().isBefore(expiresAt)) {
            throw new IllegalArgumentException("validFrom must be before expiresAt");
        }
    }

    @Override
    public TokenKind kind() {
        return TokenKind.COMMUTER_PASS;
    }

    /** The first instant of validity: {@code validFrom} if set, else the time of issue. */
    public Instant validityStart() {
        return validFrom.orElse(issuedAt);
    }

    /** True if one of the pass's route regions overlaps {@code region}. */
    public boolean touches(RegionCode region) {
        for (RegionCode stop : route) {
            if (stop.overlaps(region)) {
                return true;
            }
        }
        return false;
    }
}
