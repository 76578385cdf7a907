package io.tongxing.token.internal;

import static io.tongxing.jose.JsonFields.required;
import static io.tongxing.jose.JsonFields.string;
import static io.tongxing.jose.JsonFields.list;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PaperCard;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of token profile v1, to and from JSON. Claim names are one letter where the JWT
 * registry has none ({@code c n d s h m r e p}): every byte shows up in the QR. A paper card has
 * only the common claims, and no {@code h}: it carries no colour and cannot be bound to a phone.
 * See {@code docs/token-format.md}.
 */
public final class CredentialClaims {
    private CredentialClaims() {
    }

    /** The JSON payload of a credential, with integer seconds for every time. */
    public static String toJson(Credential credential) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", credential.issuer().value());
        claims.put("sub", credential.subject());
        claims.put("iat", credential.issuedAt().getEpochSecond());
        if (credential instanceof CommuterPass && ((CommuterPass) credential).validFrom().isPresent()) {
            claims.put("nbf", ((CommuterPass) credential).validFrom().get().getEpochSecond());
        }
        claims.put("exp", credential.expiresAt().getEpochSecond());
        claims.put("n", credential.maskedName());
        claims.put("d", credential.idLastFour());
        if (credential instanceof HealthCode) {
            claims.put("c", ((HealthCode) credential).colour().code());
        } else if (credential instanceof CommuterPass) {
            CommuterPass pass = (CommuterPass) credential;
            claims.put("m", pass.model().code());
            List<Long> route = new ArrayList<>();
            for (RegionCode region : pass.route()) {
                route.add(Long.parseLong(region.value()));
            }
            claims.put("r", route);
            claims.put("e", pass.enterprise());
            pass.vehiclePlate().ifPresent(plate -> claims.put("p", plate));
        }
        claims.put("s", Arrays.asList(credential.status().list(), credential.status().index()));
        credential.holderKey().ifPresent(key -> claims.put("h", key.encoded()));
        return JSONObjectUtils.toJSONString(claims);
    }

    /**
     * The credential a verified payload describes.
     *
     * @throws ClaimsException naming the first claim that is missing or malformed
     */
    public static Credential fromClaims(TokenKind kind, Map<String, Object> claims) throws ClaimsException {
        try {
            RegionCode issuer = RegionCode.parse(string(claims, "iss"))
                    .orElseThrow(() -> new IllegalArgumentException("iss is not a region code"));
            String subject = string(claims, "sub");
            Instant issuedAt = NumericDates.read(required(claims, "iat"), "iat");
            Instant expiresAt = NumericDates.read(required(claims, "exp"), "exp");
            String maskedName = string(claims, "n");
            String idLastFour = string(claims, "d");
            StatusReference status = status(required(claims, "s"));
            if (kind == TokenKind.PAPER_CARD) {
                if (claims.containsKey("h") || claims.containsKey("c")) {
                    throw new IllegalArgumentException("a paper card carries neither a holder key nor a colour");
                }
                return new PaperCard(issuer, subject, maskedName, idLastFour, issuedAt, expiresAt, status);
            }
            Optional<HolderKey> holderKey = claims.containsKey("h")
                    ? Optional.of(HolderKey.decode(string(claims, "h")))
                    : Optional.empty();
            if (kind == TokenKind.HEALTH_CODE) {
                Colour colour = Colour.ofCode(string(claims, "c"))
                        .orElseThrow(() -> new IllegalArgumentException("c is not a colour"));
                return new HealthCode(issuer, subject, maskedName, idLastFour, colour, issuedAt, expiresAt,
                        status, holderKey);
            }
            PassModel model = PassModel.ofCode(string(claims, "m"))
                    .orElseThrow(() -> new IllegalArgumentException("m is not a pass model"));
            Optional<Instant> validFrom = claims.containsKey("nbf")
                    ? Optional.of(NumericDates.read(claims.get("nbf"), "nbf"))
                    : Optional.empty();
            Optional<String> plate = claims.containsKey("p") ? Optional.of(string(claims, "p")) : Optional.empty();
            return new CommuterPass(issuer, subject, maskedName, idLastFour, model, route(claims),
                    string(claims, "e"), plate, issuedAt, validFrom, expiresAt, status, holderKey);
        } catch (IllegalArgumentException e) {
            throw new ClaimsException(e.getMessage());
        }
    }

    /**
     * {@code [list, index]}: two JSON integers (no fraction, no exponent: {@code 1.0} and {@code 1e0}
     * are refused) from 0 to 2^53 − 1, the integers every JSON implementation reads exactly.
     */
    private static StatusReference status(Object value) {
        if (value instanceof List && ((List<?>) value).size() == 2) {
            Object list = ((List<?>) value).get(0);
            Object index = ((List<?>) value).get(1);
            if (isExactInteger(list) && isExactInteger(index)) {
                return new StatusReference((Long) list, (Long) index);
            }
        }
        throw new IllegalArgumentException("s must be [list, index] with two integers from 0 to 2^53 - 1");
    }

    private static boolean isExactInteger(Object value) {
        return value instanceof Long && (Long) value >= 0 && (Long) value <= StatusReference.MAX;
    }

    /**
     * Route regions are JSON integers from 110000 to 829999 (six digits, province part 11–82): GB/T
     * 2260 codes never start with 0, and quotes cost bytes. {@code 110000.0} is not an integer.
     */
    private static List<RegionCode> route(Map<String, Object> claims) {
        List<RegionCode> route = new ArrayList<>();
        for (Object stop : list(claims, "r")) {
            Optional<RegionCode> region = stop instanceof Long ? RegionCode.parse(stop.toString()) : Optional.empty();
            route.add(region.orElseThrow(() -> new IllegalArgumentException("r must be a list of region codes")));
        }
        return route;
    }
}
