package io.tongxing.app.model.checkpoint;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.app.server.CheckpointDownload;
import io.tongxing.app.server.Enrollment;
import io.tongxing.jose.JsonFields;
import io.tongxing.jose.SignedDataException;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.OfflineVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint device's enrollment and synced data, kept encrypted in the {@link SecureStore} and
 * re-verified whenever they are loaded. Applying a download checks everything before believing any of
 * it: the bundle against the pinned trust keys (and never a lower version than held), each status list
 * against the new bundle's issuers, the policy's shape. The latest signed time only rises: it is the most
 * recent of every signed time and server time the device has seen, and survives restarts.
 */
public final class CheckpointDevice {
    static final String ENROLLMENT = "checkpoint-enrollment";
    static final String DATA = "checkpoint-data";

    private final SecureStore store;
    private final Clock clock;
    private final Provider provider;

    private volatile Optional<Enrollment> enrollment = Optional.empty();
    private volatile Optional<CheckpointState> state = Optional.empty();
    private volatile Optional<OfflineVerifier> verifier = Optional.empty();
    /** Kept apart from the state, so that neither is lost when stored data stops verifying. */
    private long heldVersion = Long.MIN_VALUE;
    private Instant highWater = Instant.EPOCH;
    /** Trust keys announced as "next" by bundles this device verified: pinned too, for key rotation. */
    private List<ECPublicKey> learnedTrustKeys = new ArrayList<>();
    private String bundle;
    private Map<String, String> statusListTokens = new LinkedHashMap<>();
    private String policyJson;

    public CheckpointDevice(SecureStore store, Clock clock, Provider provider) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.provider = provider;
    }

    /** Reads enrollment and data from the store and verifies them again. */
    public synchronized void load() throws IOException {
        Optional<byte[]> stored = store.read(ENROLLMENT);
        enrollment = stored.isPresent() ? Optional.of(enrollment(stored.get())) : Optional.<Enrollment>empty();
        Optional<byte[]> data = store.read(DATA);
        if (!data.isPresent()) {
            return;
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(new String(data.get(), StandardCharsets.UTF_8));
            heldVersion = JsonFields.integer(json, "version");
            highWater = Instant.ofEpochSecond(JsonFields.integer(json, "high_water"));
            learnedTrustKeys = json.containsKey("learned_trust_keys")
                    ? keys(JsonFields.list(json, "learned_trust_keys")) : new ArrayList<ECPublicKey>();
            if (!enrollment.isPresent() || !json.containsKey("bundle")) {
                return;
            }
            List<String> lists = new ArrayList<>();
            for (String token : JsonFields.strings(json, "status_lists")) {
                lists.add(token);
            }
            CheckpointDownload previous = new CheckpointDownload(JsonFields.string(json, "bundle"), lists,
                    JsonFields.string(json, "policy"), Instant.ofEpochSecond(JsonFields.integer(json, "synced_at")));
            adopt(previous, true);
        } catch (ParseException | IllegalArgumentException e) {
            throw new IOException("the checkpoint's stored data is not readable: " + e.getMessage(), e);
        }
    }

    /** Enrolls the device at a checkpoint; data synced under another enrollment is dropped. */
    public synchronized void enroll(Enrollment next) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("device_id", next.deviceId());
        json.put("checkpoint", next.checkpoint());
        json.put("trust_keys", jwks(next.pinnedTrustKeys()));
        store.write(ENROLLMENT, JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
        if (!enrollment.isPresent() || !sameKeys(enrollment.get().pinnedTrustKeys(), next.pinnedTrustKeys())) {
            // Another home region's bundles are numbered on their own, and signed by its own keys; the
            // clock's high-water mark stays.
            heldVersion = Long.MIN_VALUE;
            learnedTrustKeys = new ArrayList<>();
        }
        enrollment = Optional.of(next);
        state = Optional.empty();
        verifier = Optional.empty();
        bundle = null;
        statusListTokens = new LinkedHashMap<>();
        persist();
    }

    /** Verifies and, if good, adopts and persists a download. */
    public synchronized SyncResult apply(CheckpointDownload download) throws IOException {
        if (!enrollment.isPresent()) {
            return SyncResult.refused(SyncResult.Kind.NOT_ENROLLED, "not enrolled");
        }
        SyncResult result = adopt(download, false);
        if (result.kind() == SyncResult.Kind.APPLIED) {
            persist();
        }
        return result;
    }

    public Optional<Enrollment> enrollment() {
        return enrollment;
    }

    public Optional<CheckpointState> state() {
        return state;
    }

    /** The verifier for the current state, rebuilt after each sync. */
    public Optional<OfflineVerifier> verifier() {
        return verifier;
    }

    private SyncResult adopt(CheckpointDownload download, boolean reloading) {
        TrustStore trust;
        try {
            trust = TrustBundle.verify(download.trustBundle(), pinnedTrustKeys(), provider);
        } catch (SignedDataException e) {
            return SyncResult.refused(SyncResult.Kind.BUNDLE_REFUSED, e.problem() + ": " + e.getMessage());
        }
        if (trust.version() < heldVersion) {
            return SyncResult.refused(SyncResult.Kind.OLDER_BUNDLE,
                    "bundle version " + trust.version() + " is older than the held " + heldVersion);
        }
        CheckpointPolicy policy;
        try {
            policy = CheckpointPolicy.fromJson(JSONObjectUtils.parse(download.policyJson()));
        } catch (ParseException | IllegalArgumentException e) {
            return SyncResult.refused(SyncResult.Kind.POLICY_REFUSED, "policy: " + e.getMessage());
        }
        // The lists held so far stay where their issuer is still trusted; a newer copy replaces an older.
        Map<String, VerifiedStatusList> lists = new LinkedHashMap<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        if (!reloading) {
            for (String token : statusListTokens.values()) {
                keep(token, trust, lists, tokens);
            }
        }
        int accepted = 0;
        int refused = 0;
        for (String token : download.statusLists()) {
            if (keep(token, trust, lists, tokens)) {
                accepted++;
            } else {
                refused++;
            }
        }
        Instant latest = highWater;
        latest = later(latest, download.serverTime());
        latest = later(latest, trust.issuedAt());
        for (VerifiedStatusList list : lists.values()) {
            latest = later(latest, list.issuedAt());
        }
        CheckpointState next = new CheckpointState(trust, new ArrayList<>(lists.values()), policy, latest,
                download.serverTime());
        heldVersion = trust.version();
        highWater = latest;
        for (ECPublicKey announced : trust.nextTrustKeys()) {
            if (!contains(pinnedTrustKeys(), announced)) {
                learnedTrustKeys.add(announced);
            }
        }
        bundle = download.trustBundle();
        statusListTokens = tokens;
        policyJson = download.policyJson();
        state = Optional.of(next);
        verifier = Optional.of(next.verifier(clock, provider));
        return new SyncResult(SyncResult.Kind.APPLIED, accepted, refused, "");
    }

    private boolean keep(String token, TrustStore trust, Map<String, VerifiedStatusList> lists,
            Map<String, String> tokens) {
        VerifiedStatusList list;
        try {
            list = StatusListToken.verify(token, trust, provider);
        } catch (SignedDataException e) {
            return false;
        }
        String key = list.issuer().value() + "/" + list.listId();
        VerifiedStatusList held = lists.get(key);
        if (held == null || list.issuedAt().isAfter(held.issuedAt())) {
            lists.put(key, list);
            tokens.put(key, token);
        }
        return true;
    }

    private void persist() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", heldVersion);
        json.put("high_water", highWater.getEpochSecond());
        json.put("learned_trust_keys", jwks(learnedTrustKeys));
        if (bundle != null && state.isPresent()) {
            json.put("bundle", bundle);
            json.put("status_lists", new ArrayList<>(statusListTokens.values()));
            json.put("policy", policyJson);
            json.put("synced_at", state.get().syncedAt().getEpochSecond());
        }
        store.write(DATA, JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    private static Enrollment enrollment(byte[] stored) throws IOException {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(new String(stored, StandardCharsets.UTF_8));
            return new Enrollment(JsonFields.string(json, "device_id"), JsonFields.string(json, "checkpoint"),
                    keys(JsonFields.list(json, "trust_keys")));
        } catch (ParseException | IllegalArgumentException e) {
            throw new IOException("the stored enrollment is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * The keys a bundle or a sync must be signed by: those pinned at enrollment and those announced since.
     * Empty when not enrolled.
     */
    public synchronized List<ECPublicKey> trustKeys() {
        return enrollment.isPresent() ? pinnedTrustKeys() : new ArrayList<ECPublicKey>();
    }

    /** The keys a bundle must be signed by: those pinned at enrollment and those announced since. */
    List<ECPublicKey> pinnedTrustKeys() {
        List<ECPublicKey> keys = new ArrayList<>(enrollment.get().pinnedTrustKeys());
        keys.addAll(learnedTrustKeys);
        return keys;
    }

    private static List<Object> jwks(List<ECPublicKey> keys) {
        List<Object> jwks = new ArrayList<>();
        for (ECPublicKey key : keys) {
            jwks.add(new ECKey.Builder(Curve.P_256, key).build().toJSONObject());
        }
        return jwks;
    }

    private static List<ECPublicKey> keys(List<?> jwks) {
        List<ECPublicKey> keys = new ArrayList<>();
        for (Object jwk : jwks) {
            try {
                keys.add(ECKey.parse(JsonFields.object(jwk, "trust key")).toECPublicKey());
            } catch (ParseException | JOSEException e) {
                throw new IllegalArgumentException("a stored trust key is not a P-256 JWK: " + e.getMessage(), e);
            }
        }
        return keys;
    }

    private static boolean contains(List<ECPublicKey> keys, ECPublicKey key) {
        for (ECPublicKey held : keys) {
            if (Arrays.equals(held.getEncoded(), key.getEncoded())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameKeys(List<ECPublicKey> a, List<ECPublicKey> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).getEncoded(), b.get(i).getEncoded())) {
                return false;
            }
        }
        return true;
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    /** The home region of the held bundle, if any. */
    public Optional<RegionCode> home() {
        return state.map(s -> s.trust().home());
    }
}
