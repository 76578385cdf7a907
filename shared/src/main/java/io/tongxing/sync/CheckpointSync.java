package io.tongxing.sync;

import static io.tongxing.jose.JsonFields.integer;
import static io.tongxing.jose.JsonFields.list;
import static io.tongxing.jose.JsonFields.object;
import static io.tongxing.jose.JsonFields.string;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.jose.Base64Url;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SignedDataException;
import io.tongxing.jose.SignedJson;
import io.tongxing.jose.SigningKey;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.CheckpointPolicy;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one checkpoint sync says, signed by the home region's trust key (the key the device pinned at
 * enrollment): a JWS of type {@value #TYP}. It carries what the trust bundle and the status lists do
 * not sign themselves — the checkpoint's policy with its version, and the server's time — and it
 * binds the other downloads of the same sync: the version and digest of the trust bundle and of every
 * status list the device should hold afterwards. A list or bundle the sync did not send again is one
 * the device already holds; the digest says which copy.
 *
 * <p>Each sync answers one request: {@code sub} is the device's id and {@code nonce} the {@code jti}
 * of the device's signed request ({@link DeviceRequestProof}), so a recorded answer cannot be
 * replayed to a device later, nor to another device.
 *
 * @param region the home region ({@code iss})
 * @param deviceId the device it was made for ({@code sub})
 * @param checkpointId the checkpoint the device stands at
 * @param nonce the {@code jti} of the request it answers
 * @param serverTime the server's clock when it signed ({@code iat}); a device's latest signed time
 * @param policyVersion the policy's version; it only grows
 * @param trustBundle the trust bundle the device should hold
 * @param statusLists every status list the device should hold
 */
public record CheckpointSync(RegionCode region, String deviceId, String checkpointId, String nonce,
        Instant serverTime, long policyVersion, CheckpointPolicy policy, SignedVersion trustBundle,
        List<StatusListVersion> statusLists) {

    public static final String TYP = "tx-checkpoint+jwt";
    /** A sync lists every status list; a few thousand of them fit in this. */
    public static final int MAX_LENGTH = 512 * 1024;

    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int ID_LIMIT = 64;

    public CheckpointSync {
        Objects.requireNonNull(region, "region");
        requireText(deviceId, "deviceId");
        requireText(checkpointId, "checkpointId");
        requireText(nonce, "nonce");
        Objects.requireNonNull(serverTime, "serverTime");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(trustBundle, "trustBundle");
        if (policyVersion < 1) {
            throw new IllegalArgumentException("policy versions start at 1");
        }
        statusLists = Collections.unmodifiableList(new ArrayList<>(statusLists));
    }

    /**
     * A signed document's version and the {@link #digest} of the exact copy to hold.
     *
     * @param version the trust bundle's {@code ver}
     */
    public record SignedVersion(long version, String digest) {
        public SignedVersion {
            requireDigest(digest);
        }
    }

    /**
     * One status list the device should hold.
     *
     * @param version the version of the list's content: it changes when a status in it changes, not
     *     when an unchanged list is signed anew
     * @param digest the {@link #digest} of the exact copy to hold
     */
    public record StatusListVersion(RegionCode issuer, long list, long version, String digest) {
        public StatusListVersion {
            Objects.requireNonNull(issuer, "issuer");
            if (list < 1) {
                throw new IllegalArgumentException("status lists are numbered from 1");
            }
            requireDigest(digest);
        }
    }

    /** The status list entry for {@code issuer}'s list {@code list}, if the device should hold one. */
    public Optional<StatusListVersion> statusList(RegionCode issuer, long list) {
        for (StatusListVersion entry : statusLists) {
            if (entry.issuer().equals(issuer) && entry.list() == list) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /**
     * The digest by which a sync names a signed document (a trust bundle or status list in compact
     * form): base64url of the SHA-256 of its ASCII text, 43 characters.
     */
    public static String digest(String compactJws) {
        return Base64Url.encode(DeviceRequestProof.sha256(compactJws.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Signs {@code sync} with the home region's trust key. */
    public static String sign(SigningKey trustKey, CheckpointSync sync) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", sync.region().value());
        claims.put("sub", sync.deviceId());
        claims.put("iat", sync.serverTime().getEpochSecond());
        claims.put("nonce", sync.nonce());
        claims.put("checkpoint", sync.checkpointId());
        claims.put("policy_version", sync.policyVersion());
        claims.put("policy", sync.policy().toJson());
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("ver", sync.trustBundle().version());
        bundle.put("digest", sync.trustBundle().digest());
        claims.put("trust_bundle", bundle);
        List<Object> lists = new ArrayList<>();
        for (StatusListVersion entry : sync.statusLists()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("iss", entry.issuer().value());
            json.put("list", entry.list());
            json.put("ver", entry.version());
            json.put("digest", entry.digest());
            lists.add(json);
        }
        claims.put("status_lists", lists);
        return JwsWriter.sign(trustKey, TYP, JSONObjectUtils.toJSONString(claims));
    }

    /**
     * The sync in {@code jws}, if one of {@code trustKeys} (those pinned at enrollment and those the
     * bundles announced since) signed it for this device, in answer to the request whose
     * {@code jti} was {@code nonce}.
     *
     * @throws SignedDataException if it is not signed by a pinned key ({@code KEY_UNKNOWN},
     *     {@code SIGNATURE_INVALID}), is not a sync ({@code WRONG_TYPE}), or is malformed, made for
     *     another device or answers another request ({@code MALFORMED})
     */
    public static CheckpointSync verify(String jws, Collection<ECPublicKey> trustKeys, String deviceId, String nonce,
            Provider provider) throws SignedDataException {
        Map<String, Object> claims = SignedJson.verify(jws, MAX_LENGTH, TYP, SignedJson.KeyChooser.among(trustKeys),
                provider);
        CheckpointSync sync;
        try {
            Map<String, Object> bundle = object(claims.get("trust_bundle"), "trust_bundle");
            List<StatusListVersion> lists = new ArrayList<>();
            for (Object item : list(claims, "status_lists")) {
                Map<String, Object> entry = object(item, "status_lists[]");
                lists.add(new StatusListVersion(region(string(entry, "iss")), integer(entry, "list"),
                        integer(entry, "ver"), string(entry, "digest")));
            }
            String checkpoint = string(claims, "checkpoint");
            if (checkpoint.length() > ID_LIMIT) {
                throw new IllegalArgumentException("checkpoint id is too long");
            }
            sync = new CheckpointSync(region(string(claims, "iss")), string(claims, "sub"), checkpoint,
                    string(claims, "nonce"), Instant.ofEpochSecond(integer(claims, "iat")),
                    integer(claims, "policy_version"),
                    CheckpointPolicy.fromJson(object(claims.get("policy"), "policy")),
                    new SignedVersion(integer(bundle, "ver"), string(bundle, "digest")), lists);
        } catch (IllegalArgumentException e) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED, "checkpoint sync: " + e.getMessage());
        }
        if (!sync.deviceId().equals(deviceId)) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED,
                    "checkpoint sync made for another device: " + sync.deviceId());
        }
        if (!sync.nonce().equals(nonce)) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED,
                    "checkpoint sync answers another request (replayed?)");
        }
        return sync;
    }

    private static RegionCode region(String code) {
        return RegionCode.parse(code).orElseThrow(() -> new IllegalArgumentException(code + " is not a region code"));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }

    private static void requireDigest(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("a digest is 43 base64url characters");
        }
    }
}
