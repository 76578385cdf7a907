package io.tongxing.trust;

import static io.tongxing.jose.JsonFields.integer;
import static io.tongxing.jose.JsonFields.list;
import static io.tongxing.jose.JsonFields.object;
import static io.tongxing.jose.JsonFields.string;
import static io.tongxing.jose.JsonFields.strings;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.KeyIds;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedJson;
import io.tongxing.jose.SigningKey;
import io.tongxing.token.DisplayText;
import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A trust store as a signed download: a JWS of type {@value #TYP} made by the home region's trust
 * key, which the device pinned when it was enrolled. Nothing in it is believed before that
 * signature is checked, whatever channel brought it.
 */
public final class TrustBundle {
    public static final String TYP = "tx-trust+jwt";
    /** A bundle with a few dozen partner regions is tens of kilobytes; a megabyte is not a bundle. */
    public static final int MAX_LENGTH = 1024 * 1024;

    private TrustBundle() {
    }

    /** Signs {@code store} with the home region's trust key. */
    public static String sign(SigningKey trustKey, TrustStore store) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", store.home().value());
        claims.put("iat", store.issuedAt().getEpochSecond());
        claims.put("exp", store.expiresAt().getEpochSecond());
        claims.put("ver", store.version());
        List<Object> issuers = new ArrayList<>();
        for (Issuer issuer : store.issuers()) {
            issuers.add(issuerJson(issuer));
        }
        claims.put("issuers", issuers);
        if (!store.nextTrustKeys().isEmpty()) {
            List<Object> next = new ArrayList<>();
            for (ECPublicKey key : store.nextTrustKeys()) {
                next.add(new ECKey.Builder(Curve.P_256, key).keyID(KeyIds.of(key)).build().toJSONObject());
            }
            claims.put("next_trust_keys", next);
        }
        return JwsWriter.sign(trustKey, TYP, JSONObjectUtils.toJSONString(claims));
    }

    /**
     * The trust store in {@code bundle}, if one of {@code pinnedTrustKeys} signed it.
     *
     * @param provider the JCA provider for the signature check, or {@code null} for the default
     * @throws SignedDataException if the bundle is not signed by a pinned key or is malformed
     */
    public static TrustStore verify(String bundle, Collection<ECPublicKey> pinnedTrustKeys, Provider provider)
            throws SignedDataException {
        Map<String, Object> claims = SignedJson.verify(bundle, MAX_LENGTH, TYP, (kid, unverified) -> {
            List<ECPublicKey> keys = new ArrayList<>();
            for (ECPublicKey pinned : pinnedTrustKeys) {
                if (KeyIds.of(pinned).equals(kid)) {
                    keys.add(pinned);
                }
            }
            return keys;
        }, provider);
        try {
            RegionCode home = region(string(claims, "iss"));
            List<Issuer> issuers = new ArrayList<>();
            for (Object issuer : list(claims, "issuers")) {
                issuers.add(issuer(object(issuer, "issuers[]")));
            }
            List<ECPublicKey> next = new ArrayList<>();
            if (claims.containsKey("next_trust_keys")) {
                for (Object jwk : list(claims, "next_trust_keys")) {
                    next.add(publicKey(object(jwk, "next_trust_keys[]")));
                }
            }
            return new TrustStore(home, integer(claims, "ver"), Instant.ofEpochSecond(integer(claims, "iat")),
                    Instant.ofEpochSecond(integer(claims, "exp")), issuers, next);
        } catch (IllegalArgumentException e) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED, "trust bundle: " + e.getMessage());
        }
    }

    private static Map<String, Object> issuerJson(Issuer issuer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("region", issuer.region().value());
        json.put("name", issuer.name());
        json.put("name_en", issuer.nameEn());
        json.put("status", issuer.statusListBase());
        List<String> kinds = new ArrayList<>();
        for (TokenKind kind : issuer.recognition().kinds()) {
            kinds.add(kind.typ());
        }
        json.put("kinds", kinds);
        json.put("corridors", new ArrayList<>(issuer.recognition().corridors()));
        List<Object> keys = new ArrayList<>();
        for (IssuerKey key : issuer.keys()) {
            Map<String, Object> keyJson = new LinkedHashMap<>();
            keyJson.put("jwk", new ECKey.Builder(Curve.P_256, key.publicKey()).keyID(key.kid()).build().toJSONObject());
            keyJson.put("from", key.validFrom().getEpochSecond());
            key.validUntil().ifPresent(until -> keyJson.put("until", until.getEpochSecond()));
            keys.add(keyJson);
        }
        json.put("keys", keys);
        return json;
    }

    private static Issuer issuer(Map<String, Object> json) {
        Set<TokenKind> kinds = EnumSet.noneOf(TokenKind.class);
        for (String typ : strings(json, "kinds")) {
            // A kind this build does not know cannot be verified anyway; skip it, keep the rest.
            TokenKind.ofTyp(typ).ifPresent(kinds::add);
        }
        List<IssuerKey> keys = new ArrayList<>();
        for (Object key : list(json, "keys")) {
            keys.add(issuerKey(object(key, "keys[]")));
        }
        return new Issuer(region(string(json, "region")), shownName(json, "name"), shownName(json, "name_en"),
                string(json, "status"), keys, new Recognition(kinds, new LinkedHashSet<>(strings(json, "corridors"))));
    }

    /** An issuer's name as officers read it on every verdict: no control, bidi or invisible characters. */
    private static String shownName(Map<String, Object> json, String member) {
        String name = string(json, member);
        if (name.isEmpty() || !DisplayText.isPlain(name)) {
            throw new IllegalArgumentException(member + " must be plain text");
        }
        return name;
    }

    private static IssuerKey issuerKey(Map<String, Object> json) {
        Map<String, Object> jwk = object(json.get("jwk"), "jwk");
        Optional<Instant> until = json.containsKey("until")
                ? Optional.of(Instant.ofEpochSecond(integer(json, "until")))
                : Optional.empty();
        return new IssuerKey(string(jwk, "kid"), publicKey(jwk), Instant.ofEpochSecond(integer(json, "from")), until);
    }

    /** A public P-256 JWK; a private one is refused (a bundle must never carry one). */
    private static ECPublicKey publicKey(Map<String, Object> json) {
        try {
            ECKey jwk = ECKey.parse(json);
            if (!Curve.P_256.equals(jwk.getCurve()) || jwk.isPrivate()) {
                throw new IllegalArgumentException("trust and issuer keys are public P-256 keys");
            }
            return jwk.toECPublicKey();
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("jwk: " + e.getMessage());
        }
    }

    private static RegionCode region(String code) {
        return RegionCode.parse(code).orElseThrow(() -> new IllegalArgumentException(code + " is not a region code"));
    }
}
