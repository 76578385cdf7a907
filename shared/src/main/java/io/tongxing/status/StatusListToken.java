package io.tongxing.status;

import static io.tongxing.jose.JsonFields.integer;
import static io.tongxing.jose.JsonFields.object;
import static io.tongxing.jose.JsonFields.string;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedJson;
import io.tongxing.jose.SigningKey;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.IssuerKey;
import io.tongxing.trust.TrustStore;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A status list as a signed Status List Token in JWT form ({@code typ} {@value #TYP}), signed by
 * the issuer of the tokens it describes. Claims: {@code sub} (the list's URI), {@code iat},
 * {@code exp}, {@code ttl}, {@code status_list} as in draft-ietf-oauth-status-list, and {@code iss}
 * (the issuing region), which Tongxing adds so a verifier knows whose keys to try.
 */
public final class StatusListToken {
    public static final String TYP = "statuslist+jwt";
    /** A fully random 2-bit list of a million entries compresses to ~256 KiB; leave room for four. */
    public static final int MAX_LENGTH = 4 * 1024 * 1024;

    private StatusListToken() {
    }

    /** Signs list {@code listId} of {@code issuer}, published at {@code uri}. */
    public static String sign(SigningKey key, RegionCode issuer, String uri, StatusList list, Instant issuedAt,
            Instant expiresAt, Duration timeToLive) {
        Map<String, Object> statusList = new LinkedHashMap<>();
        statusList.put("bits", (long) list.bits());
        statusList.put("lst", list.encode());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer.value());
        claims.put("sub", uri);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("ttl", timeToLive.getSeconds());
        claims.put("status_list", statusList);
        return JwsWriter.sign(key, TYP, JSONObjectUtils.toJSONString(claims));
    }

    /**
     * The status list in {@code token}, if its issuer is in {@code trust} and signed it with one of
     * its keys. An expired list is still returned, marked by its {@code expiresAt}: whether to rely
     * on it is the verifier's policy.
     *
     * @throws SignedDataException if the token is malformed, not a status list, from an unknown
     *     issuer, badly signed, or its list does not decode within bounds
     */
    public static VerifiedStatusList verify(String token, TrustStore trust, Provider provider)
            throws SignedDataException {
        Issuer[] signer = new Issuer[1];
        Map<String, Object> claims = SignedJson.verify(token, MAX_LENGTH, TYP, (kid, unverified) -> {
            Object iss = unverified.get("iss");
            Optional<RegionCode> region = iss instanceof String ? RegionCode.parse((String) iss) : Optional.empty();
            if (!region.isPresent() || !trust.issuer(region.get()).isPresent()) {
                throw new SignedDataException(SignedDataException.Problem.ISSUER_UNKNOWN,
                        "status list from an issuer the trust store does not know: " + iss);
            }
            signer[0] = trust.issuer(region.get()).get();
            List<ECPublicKey> keys = new ArrayList<>();
            for (IssuerKey key : signer[0].keysWithKid(kid)) {
                keys.add(key.publicKey());
            }
            return keys;
        }, provider);
        Issuer issuer = signer[0];
        try {
            String uri = string(claims, "sub");
            String id = uri.startsWith(issuer.statusListBase()) ? uri.substring(issuer.statusListBase().length()) : "";
            long number = listNumber(id);
            if (number < 0) {
                throw new IllegalArgumentException("sub " + uri + " is not one of " + issuer.region() + "'s status lists");
            }
            Map<String, Object> statusList = object(claims.get("status_list"), "status_list");
            long bits = integer(statusList, "bits");
            if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
                throw new IllegalArgumentException("status_list.bits must be 1, 2, 4 or 8");
            }
            StatusList list = StatusList.decode((int) bits, string(statusList, "lst"));
            Optional<Instant> expiresAt = claims.containsKey("exp")
                    ? Optional.of(Instant.ofEpochSecond(integer(claims, "exp")))
                    : Optional.empty();
            Optional<Duration> ttl = Optional.empty();
            if (claims.containsKey("ttl")) {
                long seconds = integer(claims, "ttl");
                if (seconds <= 0) {
                    throw new IllegalArgumentException("ttl must be positive");
                }
                ttl = Optional.of(Duration.ofSeconds(seconds));
            }
            return new VerifiedStatusList(issuer.region(), number, uri,
                    Instant.ofEpochSecond(integer(claims, "iat")), expiresAt, ttl, list);
        } catch (IllegalArgumentException e) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED, "status list: " + e.getMessage());
        }
    }

    /**
     * The list number a {@code sub} ends with: decimal digits without leading zeros ({@code "0"} for
     * list 0), at most 2^53 − 1 as in a token's {@code s}; -1 for anything else, so that one list has
     * one URI and {@code …/01} cannot stand in for {@code …/1}.
     */
    private static long listNumber(String digits) {
        if (digits.isEmpty() || digits.length() > 16 || (digits.length() > 1 && digits.charAt(0) == '0')
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long number = Long.parseLong(digits);
        return number <= StatusReference.MAX ? number : -1;
    }
}
