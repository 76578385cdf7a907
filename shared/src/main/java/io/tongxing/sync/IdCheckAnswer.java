package io.tongxing.sync;

import static io.tongxing.jose.JsonFields.integer;
import static io.tongxing.jose.JsonFields.string;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedJson;
import io.tongxing.jose.SigningKey;
import io.tongxing.token.RegionCode;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The home server's answer to a checkpoint device's ID-number check, signed by the home region's trust
 * key (as a {@link CheckpointSync} is): a JWS of type {@value #TYP}. It answers exactly one signed
 * device request ({@code sub} the device, {@code nonce} the request's {@code jti}), so an answer
 * cannot be replayed to another device or for another person.
 *
 * <p>When the person was found, {@code token} is their current health code as its issuer signed it
 * (the home region, or the partner region the home server asked): the device verifies it with the
 * same stages as a scanned code ({@code OfflineVerifier.verifyIdCheck}), so nothing about the colour
 * rests on this envelope alone. The ID number itself is never in the answer.
 *
 * @param region the home region ({@code iss})
 * @param deviceId the device it answers ({@code sub})
 * @param nonce the {@code jti} of the request it answers
 * @param serverTime when the server signed ({@code iat})
 * @param result what the server found
 * @param token the health code found, present exactly when {@code result} is {@link Result#FOUND}
 */
public record IdCheckAnswer(RegionCode region, String deviceId, String nonce, Instant serverTime, Result result,
        Optional<String> token) {

    public static final String TYP = "tx-idcheck+jwt";
    /** A health code (at most 4,096 characters) and a little more. */
    public static final int MAX_LENGTH = 8 * 1024;

    /** What the home server found. */
    public enum Result {
        /** The person's current health code is in {@code token}. */
        FOUND("found"),
        /** Neither this region nor a partner it may ask knows the number. */
        NOT_REGISTERED("not_registered"),
        /** The number belongs to a partner region that did not answer in time. */
        PARTNER_UNAVAILABLE("partner_unavailable");

        private final String code;

        Result(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Result ofCode(String code) {
            for (Result result : values()) {
                if (result.code.equals(code)) {
                    return result;
                }
            }
            throw new IllegalArgumentException("unknown result " + code);
        }
    }

    public IdCheckAnswer {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(serverTime, "serverTime");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(token, "token");
        if (deviceId == null || deviceId.isEmpty() || nonce == null || nonce.isEmpty()) {
            throw new IllegalArgumentException("an answer names its device and request");
        }
        if (token.isPresent() != (result == Result.FOUND)) {
            throw new IllegalArgumentException("an answer carries a token exactly when the person was found");
        }
    }

    /** Signs {@code answer} with the home region's trust key. */
    public static String sign(SigningKey trustKey, IdCheckAnswer answer) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", answer.region().value());
        claims.put("sub", answer.deviceId());
        claims.put("iat", answer.serverTime().getEpochSecond());
        claims.put("nonce", answer.nonce());
        claims.put("result", answer.result().code());
        answer.token().ifPresent(token -> claims.put("token", token));
        return JwsWriter.sign(trustKey, TYP, JSONObjectUtils.toJSONString(claims));
    }

    /**
     * The answer in {@code jws}, if one of {@code trustKeys} (the device's pinned and learned trust
     * keys) signed it for this device, in answer to the request whose {@code jti} was {@code nonce}.
     *
     * @throws SignedDataException if it is not signed by one of those keys, is not an answer, is
     *     malformed, or answers another device or request
     */
    public static IdCheckAnswer verify(String jws, Collection<ECPublicKey> trustKeys, String deviceId, String nonce,
            Provider provider) throws SignedDataException {
        Map<String, Object> claims = SignedJson.verify(jws, MAX_LENGTH, TYP, SignedJson.KeyChooser.among(trustKeys),
                provider);
        IdCheckAnswer answer;
        try {
            RegionCode region = RegionCode.parse(string(claims, "iss"))
                    .orElseThrow(() -> new IllegalArgumentException("iss is not a region code"));
            answer = new IdCheckAnswer(region, string(claims, "sub"), string(claims, "nonce"),
                    Instant.ofEpochSecond(integer(claims, "iat")), Result.ofCode(string(claims, "result")),
                    claims.containsKey("token") ? Optional.of(string(claims, "token")) : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED, "ID-check answer: " + e.getMessage());
        }
        if (!answer.deviceId().equals(deviceId) || !answer.nonce().equals(nonce)) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED,
                    "ID-check answer made for another device or request (replayed?)");
        }
        return answer;
    }
}
