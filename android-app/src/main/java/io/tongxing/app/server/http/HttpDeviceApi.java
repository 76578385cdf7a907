package io.tongxing.app.server.http;

import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.platform.DeviceKeyStore;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.server.CheckpointDownload;
import io.tongxing.app.server.CheckpointSyncSource;
import io.tongxing.app.server.Enrollment;
import io.tongxing.app.server.IdCheckService;
import io.tongxing.app.server.ScanUploader;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JsonFields;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.jose.SignedDataException;
import io.tongxing.sync.CheckpointSync;
import io.tongxing.sync.DeviceRequestProof;
import io.tongxing.sync.IdCheckReason;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The requests an enrolled checkpoint device makes, each signed by its device key (a device request
 * proof over method, path, body hash, time and a fresh {@code jti}):
 *
 * <ul>
 *   <li><b>sync</b>: states what it holds and gets a {@code tx-checkpoint+jwt} signed by the region's trust
 *       key, for this device and this request, naming the bundle and status lists to hold, the policy and
 *       the server time; only documents the device lacks come along. Everything is checked against the
 *       pinned trust keys and the named digests before it becomes a {@link CheckpointDownload}.</li>
 *   <li><b>scan upload</b>: a batch of records; the server stores them by (device, sequence) and
 *       acknowledges every sequence it holds, so a batch sent twice counts once.</li>
 *   <li><b>ID-number check</b>: a number and a reason; the signed answer for this request goes back to be
 *       verified ({@link io.tongxing.app.model.checkpoint.IdNumberCheck}).</li>
 * </ul>
 *
 * The copies this client last received are remembered, so that a current device downloads only the signed
 * sync (~2 KB); after a restart they are taken from what the {@link CheckpointDevice} kept of its last sync.
 */
public final class HttpDeviceApi implements CheckpointSyncSource, ScanUploader, IdCheckService {
    static final String SYNC = "/api/v1/device/sync";
    static final String SCAN_RECORDS = "/api/v1/device/scan-records";
    static final String ID_CHECKS = "/api/v1/device/id-checks";

    private final ApiClient api;
    private final DeviceKeyStore keys;
    private final CheckpointDevice device;
    private final Clock clock;
    private final SecureRandom random;
    private final Provider provider;

    private Held bundle;
    private final Map<String, Held> lists = new LinkedHashMap<>();

    /** A document received in a verified sync: its token, content version and signing time. */
    private record Held(String token, long version, long issuedAt) {
    }

    public HttpDeviceApi(ApiClient api, DeviceKeyStore keys, CheckpointDevice device, Clock clock, SecureRandom random,
            Provider provider) {
        this.api = Objects.requireNonNull(api, "api");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.device = Objects.requireNonNull(device, "device");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.provider = provider;
    }

    // ---- sync ----

    @Override
    public synchronized CheckpointDownload fetchBundle() throws IOException {
        Enrollment enrollment = enrollment();
        String jti = DeviceRequestProof.randomJti(random);
        if (bundle == null) {
            rememberStored();
        }
        Map<String, Object> answer = signed(enrollment, SYNC, holdings(enrollment), jti);
        CheckpointSync sync;
        String syncToken;
        try {
            syncToken = JsonFields.string(answer, "sync");
            sync = CheckpointSync.verify(syncToken, device.trustKeys(), enrollment.deviceId(), jti, provider);
        } catch (SignedDataException | IllegalArgumentException e) {
            throw new IOException("the sync answer is not signed for this device by a pinned trust key: "
                    + e.getMessage(), e);
        }
        Map<String, String> sent = new LinkedHashMap<>();
        for (String token : optionalStrings(answer, "statusLists")) {
            sent.put(CheckpointSync.digest(token), token);
        }
        String bundleToken = answer.get("trustBundle") instanceof String ? (String) answer.get("trustBundle")
                : bundle == null ? null : bundle.token();
        if (bundleToken == null || !CheckpointSync.digest(bundleToken).equals(sync.trustBundle().digest())) {
            forget();
            throw new IOException("the sync names a trust bundle this device was not sent; the next sync asks anew");
        }
        Map<String, Held> nextLists = new LinkedHashMap<>();
        List<String> tokens = new ArrayList<>();
        for (CheckpointSync.StatusListVersion entry : sync.statusLists()) {
            String key = entry.issuer().value() + "/" + entry.list();
            String token = sent.get(entry.digest());
            if (token == null && lists.containsKey(key)
                    && CheckpointSync.digest(lists.get(key).token()).equals(entry.digest())) {
                token = lists.get(key).token();
            }
            if (token == null) {
                forget();
                throw new IOException("the sync names status list " + key + " that this device was not sent");
            }
            nextLists.put(key, new Held(token, entry.version(), issuedAt(token)));
            tokens.add(token);
        }
        bundle = new Held(bundleToken, sync.trustBundle().version(), issuedAt(bundleToken));
        lists.clear();
        lists.putAll(nextLists);
        return new CheckpointDownload(syncToken, jti, bundleToken, tokens);
    }

    /**
     * After a restart: what the device kept from its last applied sync (verified again when it loaded),
     * so that the first sync states it and downloads only what changed.
     */
    private void rememberStored() throws IOException {
        Optional<CheckpointDevice.Holdings> stored = device.holdings();
        if (!stored.isPresent()) {
            return;
        }
        bundle = new Held(stored.get().trustBundle(), stored.get().trustBundleVersion(),
                issuedAt(stored.get().trustBundle()));
        lists.clear();
        for (CheckpointDevice.Holdings.HeldList list : stored.get().statusLists()) {
            lists.put(list.named().issuer().value() + "/" + list.named().list(),
                    new Held(list.token(), list.named().version(), issuedAt(list.token())));
        }
    }

    /** What this device holds, as the sync request states it ({@code {}} the first time). */
    private Map<String, Object> holdings(Enrollment enrollment) {
        Map<String, Object> held = new LinkedHashMap<>();
        if (bundle != null) {
            held.put("trustBundle", describe(bundle));
        }
        List<Object> described = new ArrayList<>();
        for (Map.Entry<String, Held> list : lists.entrySet()) {
            Map<String, Object> json = describe(list.getValue());
            String[] issuerAndList = list.getKey().split("/", 2);
            json.put("issuer", issuerAndList[0]);
            json.put("list", Long.parseLong(issuerAndList[1]));
            described.add(json);
        }
        if (!described.isEmpty()) {
            held.put("statusLists", described);
        }
        return held;
    }

    private static Map<String, Object> describe(Held held) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", held.version());
        json.put("issuedAt", held.issuedAt());
        json.put("digest", CheckpointSync.digest(held.token()));
        return json;
    }

    /** The signing time of a document whose digest a verified sync named (so it is the region's). */
    private static long issuedAt(String token) throws IOException {
        try {
            return JsonFields.integer(CompactJws.parse(token).unverifiedClaims(), "iat");
        } catch (JwsRejectedException | IllegalArgumentException e) {
            throw new IOException("a synced document has no signing time: " + e.getMessage(), e);
        }
    }

    private void forget() {
        bundle = null;
        lists.clear();
    }

    // ---- scan upload ----

    @Override
    public Set<Long> upload(List<ScanRecord> batch) throws IOException {
        Enrollment enrollment = enrollment();
        List<Object> records = new ArrayList<>();
        for (ScanRecord record : batch) {
            records.add(json(record));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", records);
        Map<String, Object> answer = signed(enrollment, SCAN_RECORDS, body, DeviceRequestProof.randomJti(random));
        Set<Long> acknowledged = new HashSet<>();
        try {
            for (Object sequence : JsonFields.list(answer, "acknowledged")) {
                if (!(sequence instanceof Number)) {
                    throw new IllegalArgumentException("acknowledged holds " + sequence);
                }
                acknowledged.add(((Number) sequence).longValue());
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's acknowledgement is not readable: " + e.getMessage(), e);
        }
        return acknowledged;
    }

    /** A record as the API takes it: never more than the scan log holds (no name, no ID digits, no token). */
    static Map<String, Object> json(ScanRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", record.sequence());
        json.put("scannedAt", record.scannedAt().toString());
        json.put("checkpoint", record.checkpoint());
        json.put("outcome", record.outcome().name());
        json.put("reason", record.reason().name());
        if (record.kind().isPresent() && record.issuer().isPresent() && record.subject().isPresent()) {
            json.put("kind", record.kind().get().typ());
            json.put("issuer", record.issuer().get().value());
            json.put("subject", record.subject().get());
        }
        return json;
    }

    // ---- signing ----

    private Enrollment enrollment() throws IOException {
        Optional<Enrollment> enrollment = device.enrollment();
        if (!enrollment.isPresent()) {
            throw new IOException("this device is not enrolled at a checkpoint");
        }
        return enrollment.get();
    }

    private Map<String, Object> signed(Enrollment enrollment, String path, Map<String, Object> body, String jti)
            throws IOException {
        try {
            return ApiClient.json(exchange(enrollment, path, body, jti));
        } catch (ServerRefusedException e) {
            throw new DeviceRefusedException(e.code(), e.getMessage());
        }
    }

    /** POSTs {@code body} with a proof signed by the device key over it and {@code jti}; the answer as it came. */
    private HttpTransport.Response exchange(Enrollment enrollment, String path, Map<String, Object> body, String jti)
            throws IOException {
        byte[] bytes = ApiClient.encode(body);
        String proof;
        try {
            proof = DeviceRequestProof.sign(keys.signer(), enrollment.deviceId(), "POST", path, bytes, clock.instant(),
                    jti);
        } catch (GeneralSecurityException e) {
            throw new IOException("the device key could not sign: " + e.getMessage(), e);
        }
        return api.send("POST", path, Collections.singletonMap("Authorization", "TX-Device " + proof), bytes);
    }

    // ---- ID-number checks ----

    /**
     * Sends the number and the reason, signed; the answer is returned unverified, with the {@code jti} it must
     * answer, for {@code IdNumberCheck} to verify. A refusal (too many checks, a disabled device) keeps the
     * server's words for the officer.
     */
    @Override
    public IdCheckService.Answer check(String idNumber, IdCheckReason reason) throws IOException, ServerRefusedException {
        Enrollment enrollment = enrollment();
        String jti = DeviceRequestProof.randomJti(random);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idNumber", idNumber);
        body.put("reason", reason.code());
        Map<String, Object> answer = ApiClient.json(exchange(enrollment, ID_CHECKS, body, jti));
        try {
            return new IdCheckService.Answer(JsonFields.string(answer, "answer"), jti);
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's answer to an ID-number check has no answer", e);
        }
    }

    private static List<String> optionalStrings(Map<String, Object> json, String name) throws IOException {
        if (!json.containsKey(name)) {
            return Collections.emptyList();
        }
        try {
            return JsonFields.strings(json, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("the sync answer's " + name + " is not a list of documents", e);
        }
    }
}
