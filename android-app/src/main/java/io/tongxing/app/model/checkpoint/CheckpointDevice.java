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
import io.tongxing.sync.CheckpointSync;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint device's enrollment and synced data, kept encrypted in the {@link SecureStore} and
 * re-verified whenever they are loaded. Applying a download checks everything before believing any of
 * it: the signed sync (policy, server time) and the bundle against the pinned trust keys, never a lower
 * bundle version than held, each status list against the new bundle's issuers. The latest signed time
 * only rises: it is the most recent of every signed time and server time the device has seen, and
 * survives restarts.
 *
 * <p>Three values in the store: the enrollment; the <em>anchors</em> (the highest bundle version, the
 * high-water mark, and the bundles that announced trust keys, from which the learned keys are verified
 * again on load), which survive even when the documents stop verifying; and the <em>documents</em> of the
 * last applied sync (the signed sync, its request's {@code jti}, the bundle, the status lists). Stored
 * copies that fail their check are refused and reported ({@link #storedDataProblem()}), never used.
 */
public final class CheckpointDevice {
    static final String ENROLLMENT = "checkpoint-enrollment";
    static final String ANCHORS = "checkpoint-anchors";
    static final String DATA = "checkpoint-data";

    private final SecureStore store;
    private final Clock clock;
    private final Provider provider;

    private volatile Optional<Enrollment> enrollment = Optional.empty();
    private volatile Optional<CheckpointState> state = Optional.empty();
    private volatile Optional<OfflineVerifier> verifier = Optional.empty();
    private volatile Optional<String> storedDataProblem = Optional.empty();
    /** Kept apart from the documents, so that neither is lost when stored documents stop verifying. */
    private long heldVersion = Long.MIN_VALUE;
    private Instant highWater = Instant.EPOCH;
    /** Trust keys announced as "next" by bundles this device verified: pinned too, for key rotation. */
    private List<ECPublicKey> learnedTrustKeys = new ArrayList<>();
    /** The bundles that announced {@link #learnedTrustKeys}, oldest first: the proof of each learned key. */
    private List<String> announcingBundles = new ArrayList<>();
    private Optional<CheckpointSync> sync = Optional.empty();
    private String syncToken;
    private String nonce;
    private String bundle;
    private Map<String, String> statusListTokens = new LinkedHashMap<>();

    public CheckpointDevice(SecureStore store, Clock clock, Provider provider) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.provider = provider;
    }

    /**
     * Reads enrollment, anchors and documents from the store and verifies them again, as if they had just
     * arrived. Whatever does not read or verify is left out and named by {@link #storedDataProblem()}: the
     * device then starts unsynced and says so, and the next sync replaces it.
     */
    public synchronized void load() {
        storedDataProblem = Optional.empty();
        state = Optional.empty();
        verifier = Optional.empty();
        try {
            Optional<byte[]> stored = store.read(ENROLLMENT);
            enrollment = stored.isPresent() ? Optional.of(enrollment(stored.get())) : Optional.<Enrollment>empty();
        } catch (IOException e) {
            enrollment = Optional.empty();
            storedDataProblem = Optional.of("the stored enrollment is not readable: " + e.getMessage());
            return;
        }
        Optional<Map<String, Object>> documents;
        try {
            documents = json(DATA);
        } catch (IOException e) {
            documents = Optional.empty();
            storedDataProblem = Optional.of(e.getMessage());
        }
        try {
            Optional<Map<String, Object>> anchors = json(ANCHORS);
            // Stores written before the anchors had their own value kept them with the documents.
            loadAnchors(anchors.isPresent() ? anchors : documents.filter(d -> d.containsKey("version")));
        } catch (IOException e) {
            storedDataProblem = Optional.of(e.getMessage());
            return;
        }
        if (!enrollment.isPresent() || !documents.isPresent() || !documents.get().containsKey("sync")) {
            return;
        }
        SyncResult reloaded;
        try {
            Map<String, Object> json = documents.get();
            reloaded = adopt(new CheckpointDownload(JsonFields.string(json, "sync"), JsonFields.string(json, "nonce"),
                    JsonFields.string(json, "bundle"), JsonFields.strings(json, "status_lists")), true);
        } catch (IllegalArgumentException e) {
            reloaded = SyncResult.refused(SyncResult.Kind.SYNC_REFUSED, e.getMessage());
        }
        if (reloaded.kind() != SyncResult.Kind.APPLIED) {
            storedDataProblem = Optional.of("the stored checkpoint data did not verify (" + reloaded.kind() + "): "
                    + reloaded.detail());
        } else if (reloaded.listsRefused() > 0) {
            storedDataProblem = Optional.of(reloaded.listsRefused() + " stored status lists did not verify");
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
            announcingBundles = new ArrayList<>();
        }
        enrollment = Optional.of(next);
        state = Optional.empty();
        verifier = Optional.empty();
        sync = Optional.empty();
        syncToken = null;
        nonce = null;
        bundle = null;
        statusListTokens = new LinkedHashMap<>();
        storedDataProblem = Optional.empty();
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
            storedDataProblem = Optional.empty();
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

    /**
     * Why stored data was refused at the last {@link #load()} (unreadable, or failing a signature check),
     * until a sync replaces it. For the banner and the log; the refused data is never used.
     */
    public Optional<String> storedDataProblem() {
        return storedDataProblem;
    }

    /**
     * The documents of the last applied sync with the versions that sync gave them, so that a sync
     * client can state what the device holds, even right after a restart.
     */
    public synchronized Optional<Holdings> holdings() {
        if (!sync.isPresent() || bundle == null) {
            return Optional.empty();
        }
        Map<String, CheckpointSync.StatusListVersion> named = new LinkedHashMap<>();
        for (CheckpointSync.StatusListVersion entry : sync.get().statusLists()) {
            named.put(entry.digest(), entry);
        }
        List<Holdings.HeldList> lists = new ArrayList<>();
        for (String token : statusListTokens.values()) {
            CheckpointSync.StatusListVersion entry = named.get(CheckpointSync.digest(token));
            if (entry != null) {
                lists.add(new Holdings.HeldList(entry, token));
            }
        }
        return Optional.of(new Holdings(bundle, sync.get().trustBundle().version(), lists));
    }

    /** Documents a device holds: the bundle and its version, the status lists named by the last sync. */
    public record Holdings(String trustBundle, long trustBundleVersion, List<HeldList> statusLists) {
        public Holdings {
            statusLists = Collections.unmodifiableList(new ArrayList<>(statusLists));
        }

        /** A held status list with the issuer, list number and content version the sync gave it. */
        public record HeldList(CheckpointSync.StatusListVersion named, String token) {
        }
    }

    private SyncResult adopt(CheckpointDownload download, boolean reloading) {
        CheckpointSync signed;
        try {
            signed = CheckpointSync.verify(download.sync(), pinnedTrustKeys(), enrollment.get().deviceId(),
                    download.nonce(), provider);
        } catch (SignedDataException e) {
            return SyncResult.refused(SyncResult.Kind.SYNC_REFUSED, e.problem() + ": " + e.getMessage());
        }
        if (!CheckpointSync.digest(download.trustBundle()).equals(signed.trustBundle().digest())) {
            return SyncResult.refused(SyncResult.Kind.SYNC_REFUSED, "the sync names another trust bundle");
        }
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
        latest = later(latest, signed.serverTime());
        latest = later(latest, trust.issuedAt());
        for (VerifiedStatusList list : lists.values()) {
            latest = later(latest, list.issuedAt());
        }
        CheckpointState next = new CheckpointState(trust, new ArrayList<>(lists.values()), signed.policy(), latest,
                signed.serverTime());
        heldVersion = trust.version();
        highWater = latest;
        List<ECPublicKey> announced = new ArrayList<>();
        for (ECPublicKey key : trust.nextTrustKeys()) {
            if (!contains(pinnedTrustKeys(), key)) {
                announced.add(key);
            }
        }
        if (!announced.isEmpty()) {
            learnedTrustKeys.addAll(announced);
            announcingBundles.add(download.trustBundle());
        }
        sync = Optional.of(signed);
        syncToken = download.sync();
        nonce = download.nonce();
        bundle = download.trustBundle();
        statusListTokens = tokens;
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

    /**
     * The anchors, each learned trust key verified again: a bundle that announced keys must be signed by a
     * key pinned at enrollment or announced by an earlier bundle of the chain.
     */
    private void loadAnchors(Optional<Map<String, Object>> anchors) throws IOException {
        if (!anchors.isPresent()) {
            return;
        }
        Map<String, Object> json = anchors.get();
        try {
            heldVersion = JsonFields.integer(json, "version");
            highWater = Instant.ofEpochSecond(JsonFields.integer(json, "high_water"));
            learnedTrustKeys = new ArrayList<>();
            announcingBundles = new ArrayList<>();
            if (!enrollment.isPresent() || !json.containsKey("announcing_bundles")) {
                return;
            }
            for (String announcing : JsonFields.strings(json, "announcing_bundles")) {
                TrustStore trust = TrustBundle.verify(announcing, pinnedTrustKeys(), provider);
                for (ECPublicKey key : trust.nextTrustKeys()) {
                    if (!contains(pinnedTrustKeys(), key)) {
                        learnedTrustKeys.add(key);
                    }
                }
                announcingBundles.add(announcing);
            }
        } catch (SignedDataException e) {
            throw new IOException("a stored bundle announcing trust keys did not verify: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("the checkpoint's stored anchors are not readable: " + e.getMessage(), e);
        }
    }

    /** Documents first, then anchors: after a crash in between, the documents are never older than the anchors. */
    private void persist() throws IOException {
        Map<String, Object> documents = new LinkedHashMap<>();
        if (bundle != null && state.isPresent()) {
            documents.put("sync", syncToken);
            documents.put("nonce", nonce);
            documents.put("bundle", bundle);
            documents.put("status_lists", new ArrayList<>(statusListTokens.values()));
        }
        store.write(DATA, JSONObjectUtils.toJSONString(documents).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> anchors = new LinkedHashMap<>();
        anchors.put("version", heldVersion);
        anchors.put("high_water", highWater.getEpochSecond());
        anchors.put("announcing_bundles", new ArrayList<>(announcingBundles));
        store.write(ANCHORS, JSONObjectUtils.toJSONString(anchors).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Map<String, Object>> json(String name) throws IOException {
        Optional<byte[]> bytes;
        try {
            bytes = store.read(name);
        } catch (IOException e) {
            throw new IOException("the stored " + name + " is not readable: " + e.getMessage(), e);
        }
        if (!bytes.isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSONObjectUtils.parse(new String(bytes.get(), StandardCharsets.UTF_8)));
        } catch (ParseException e) {
            throw new IOException("the stored " + name + " is not JSON: " + e.getMessage(), e);
        }
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
