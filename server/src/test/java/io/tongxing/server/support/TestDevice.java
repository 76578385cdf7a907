package io.tongxing.server.support;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.holder.HolderSigner;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.sync.CheckpointSync;
import io.tongxing.sync.DeviceRequestProof;
import io.tongxing.token.HolderKey;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.StatusLists;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A checkpoint device as the app will be: its own P-256 key, enrolled by an officer with a one-time
 * code, every request signed by its key, and a sync that believes only what verifies against the
 * trust keys pinned at enrollment. Keeps what it synced, and says so at the next sync.
 */
public final class TestDevice {

  private static final SecureRandom RANDOM = new SecureRandom();

  public final TestServer server;
  public final KeyPair keys;
  public final String checkpointId;
  public final String deviceId;
  public final List<ECPublicKey> pinned;
  public final JsonObject enrollment;

  private String bundle;
  private TrustStore trust;
  /** Status lists by issuer and number: the region's own and its partners'. */
  private final Map<CheckpointSync.StatusListVersion, String> lists = new LinkedHashMap<>();
  private long bundleVersion;
  private CheckpointSync sync;
  /** The node of the region its requests go to (a load balancer may send it to any). */
  private TestServer node;

  private TestDevice(TestServer server, KeyPair keys, String checkpointId, JsonObject enrollment) {
    this.server = server;
    this.node = server;
    this.keys = keys;
    this.checkpointId = checkpointId;
    this.deviceId = enrollment.getString("deviceId");
    this.enrollment = enrollment;
    List<ECPublicKey> trustKeys = new ArrayList<>();
    try {
      for (Object jwk : enrollment.getJsonArray("trustKeys")) {
        trustKeys.add(ECKey.parse(((JsonObject) jwk).getMap()).toECPublicKey());
      }
    } catch (Exception e) {
      throw new IllegalStateException("enrollment gave unusable trust keys", e);
    }
    this.pinned = List.copyOf(trustKeys);
  }

  // ---- set-up, through the API as admins and officers do it ----

  /** Registers a checkpoint in Tongzhou (110112) with the default policy; returns its id. */
  public static String registerCheckpoint(TestServer server, String admin) {
    return registerCheckpoint(server, admin, "beijing-langfang", new JsonObject());
  }

  /** Registers a checkpoint in Tongzhou (110112) on {@code corridor} with {@code policy}; returns its id. */
  public static String registerCheckpoint(TestServer server, String admin, String corridor, JsonObject policy) {
    String id = "cp-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
    JsonObject registration = new JsonObject().put("id", id)
      .put("nameZh", "通州检查站").put("nameEn", "Tongzhou checkpoint").put("region", "110112")
      .put("corridorId", corridor).put("location", "京哈高速通州收费站").put("direction", "INBOUND")
      .put("reason", "test checkpoint");
    if (!policy.isEmpty()) {
      registration.put("policy", policy);
    }
    Reply reply = server.post("/api/v1/admin/checkpoints", admin, registration);
    if (reply.status() != 201) {
      throw new IllegalStateException("checkpoint registration failed: " + reply);
    }
    return id;
  }

  /** An officer account bound to the checkpoint, logged in; returns its access token. */
  public static String officerAt(TestServer server, String admin, String checkpointId) {
    String username = Fixtures.username();
    String password = "Officer-pass-" + username;
    java.util.UUID id = server.server.services().accounts().createStaffBySystem(Role.OFFICER, username, "执勤员", password, "test")
      .await();
    Reply bound = server.put("/api/v1/admin/checkpoints/" + checkpointId + "/officers/" + id, admin,
      new JsonObject().put("reason", "on duty"));
    if (bound.status() != 200) {
      throw new IllegalStateException("binding failed: " + bound);
    }
    return server.login(username, password).getString("accessToken");
  }

  public static String enrollmentCode(TestServer server, String admin, String checkpointId) {
    Reply reply = server.post("/api/v1/admin/checkpoints/" + checkpointId + "/enrollment-codes", admin,
      new JsonObject().put("reason", "new device"));
    if (reply.status() != 201) {
      throw new IllegalStateException("no enrollment code: " + reply);
    }
    return reply.json().getString("code");
  }

  public static KeyPair newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A device enrolled at a new checkpoint. */
  public static TestDevice enrolled(TestServer server, String admin) {
    return enrolledAt(server, admin, registerCheckpoint(server, admin));
  }

  /** A device enrolled at {@code checkpointId} by a new officer bound to it. */
  public static TestDevice enrolledAt(TestServer server, String admin, String checkpointId) {
    String officer = officerAt(server, admin, checkpointId);
    KeyPair keys = newKey();
    Reply reply = enroll(server, officer, enrollmentCode(server, admin, checkpointId), keys, new JsonObject());
    if (reply.status() != 201) {
      throw new IllegalStateException("enrollment failed: " + reply);
    }
    return new TestDevice(server, keys, checkpointId, reply.json());
  }

  /** The enrollment request: the officer's token, the code, the device key and the device's proof over the request. */
  public static Reply enroll(TestServer server, String officer, String code, KeyPair keys, JsonObject extra) {
    String publicKey = HolderKey.of((ECPublicKey) keys.getPublic()).encoded();
    String body = new JsonObject().put("code", code).put("publicKey", publicKey).mergeIn(extra).encode();
    String proof = proof(keys, publicKey, "POST", "/api/v1/checkpoint-devices", body, server.clock.instant(), jti());
    return server.call(HttpMethod.POST, "/api/v1/checkpoint-devices", officer, body,
      MultiMap.caseInsensitiveMultiMap().add("Tx-Device-Proof", proof));
  }

  /** From now on, its requests go to {@code other}, another node of its region (sharing the clock). */
  public TestDevice through(TestServer other) {
    this.node = other;
    return this;
  }

  // ---- signed requests ----

  public static String jti() {
    return DeviceRequestProof.randomJti(RANDOM);
  }

  public static String proof(KeyPair keys, String kid, String method, String path, String body, Instant at, String jti) {
    try {
      return DeviceRequestProof.sign(HolderSigner.of(keys.getPrivate(), null), kid, method, path,
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), at, jti);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request signed now by this device. */
  public Reply call(HttpMethod method, String path, String body) {
    return send(method, path, body, proof(keys, deviceId, method.name(), path, body, server.clock.instant(), jti()));
  }

  /** A request with the given proof in its Authorization header. */
  public Reply send(HttpMethod method, String path, String body, String proof) {
    return node.call(method, path, null, body == null ? null : body,
      MultiMap.caseInsensitiveMultiMap().add("Authorization", "TX-Device " + proof));
  }

  public Reply upload(JsonArray records) {
    return call(HttpMethod.POST, "/api/v1/device/scan-records", new JsonObject().put("records", records).encode());
  }

  // ---- sync ----

  /** What this device holds, as the sync request states it. */
  public JsonObject holdings() {
    JsonObject held = new JsonObject();
    if (bundle != null) {
      held.put("trustBundle", new JsonObject().put("version", bundleVersion)
        .put("issuedAt", trust.issuedAt().getEpochSecond()).put("digest", CheckpointSync.digest(bundle)));
    }
    JsonArray heldLists = new JsonArray();
    lists.forEach((entry, token) -> heldLists.add(new JsonObject().put("issuer", entry.issuer().value()).put("list", entry.list())
      .put("version", entry.version()).put("issuedAt", verifiedList(token).issuedAt().getEpochSecond())
      .put("digest", CheckpointSync.digest(token))));
    if (!heldLists.isEmpty()) {
      held.put("statusLists", heldLists);
    }
    return held;
  }

  /** Syncs: sends its holdings, verifies the signed answer, keeps what verified. Returns the raw reply. */
  public Reply sync() {
    String body = holdings().encode();
    String jti = jti();
    Reply reply = send(HttpMethod.POST, "/api/v1/device/sync", body,
      proof(keys, deviceId, "POST", "/api/v1/device/sync", body, server.clock.instant(), jti));
    if (reply.status() != 200) {
      return reply;
    }
    JsonObject json = reply.json();
    try {
      CheckpointSync verified = CheckpointSync.verify(json.getString("sync"), pinned, deviceId, jti, null);
      if (json.containsKey("trustBundle")) {
        String newBundle = json.getString("trustBundle");
        if (!CheckpointSync.digest(newBundle).equals(verified.trustBundle().digest())) {
          throw new IllegalStateException("the bundle sent is not the one the sync names");
        }
        trust = TrustBundle.verify(newBundle, pinned, null);
        bundle = newBundle;
      } else if (bundle == null || !CheckpointSync.digest(bundle).equals(verified.trustBundle().digest())) {
        throw new IllegalStateException("the sync names a bundle this device does not hold");
      }
      bundleVersion = verified.trustBundle().version();
      Map<String, String> sent = new LinkedHashMap<>();
      for (Object token : json.getJsonArray("statusLists", new JsonArray())) {
        sent.put(CheckpointSync.digest((String) token), (String) token);
      }
      Map<CheckpointSync.StatusListVersion, String> next = new LinkedHashMap<>();
      for (CheckpointSync.StatusListVersion entry : verified.statusLists()) {
        String token = sent.containsKey(entry.digest()) ? sent.get(entry.digest()) : held(entry.issuer(), entry.list());
        if (token == null || !CheckpointSync.digest(token).equals(entry.digest())) {
          throw new IllegalStateException("the sync names a status list this device does not hold: " + entry);
        }
        VerifiedStatusList list = StatusListToken.verify(token, trust, null);
        if (!list.issuer().equals(entry.issuer()) || list.listId() != entry.list()) {
          throw new IllegalStateException("the sync names " + entry + " for another list: " + list.uri());
        }
        next.put(entry, token);
      }
      lists.clear();
      lists.putAll(next);
      sync = verified;
    } catch (Exception e) {
      throw new IllegalStateException("sync refused by the device: " + e.getMessage(), e);
    }
    return reply;
  }

  /** The trust bundle this device holds, as it verified it. */
  public TrustStore trust() {
    return trust;
  }

  public CheckpointSync lastSync() {
    return sync;
  }

  /** The region's own status lists this device holds, by number. */
  public Map<Long, String> statusLists() {
    return statusLists(server.config.regionCode());
  }

  /** The status lists of {@code issuer} this device holds, by number. */
  public Map<Long, String> statusLists(String issuer) {
    Map<Long, String> own = new LinkedHashMap<>();
    lists.forEach((entry, token) -> {
      if (entry.issuer().value().equals(issuer)) {
        own.put(entry.list(), token);
      }
    });
    return own;
  }

  private String held(io.tongxing.token.RegionCode issuer, long list) {
    return statusLists(issuer.value()).get(list);
  }

  /** The verifier the device would scan with, at the server's clock. */
  public OfflineVerifier verifier() {
    List<VerifiedStatusList> verified = new ArrayList<>();
    lists.values().forEach(token -> verified.add(verifiedList(token)));
    return OfflineVerifier.builder(trust, sync.policy()).statusLists(StatusLists.of(verified))
      .latestSignedTime(sync.serverTime()).clock(server.clock).build();
  }

  private VerifiedStatusList verifiedList(String token) {
    try {
      return StatusListToken.verify(token, trust, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- scan records ----

  /** A scan record of this device's checkpoint: a verified green code of {@code subject} passing. */
  public JsonObject passed(long sequence, Instant at, String issuer, String subject) {
    return new JsonObject().put("sequence", sequence).put("scannedAt", at.toString()).put("checkpoint", checkpointId)
      .put("outcome", "PASS").put("reason", "ACCEPTED").put("kind", "hc").put("issuer", issuer).put("subject", subject);
  }

  /** A scan whose token did not verify: it names nobody. */
  public JsonObject refused(long sequence, Instant at) {
    return new JsonObject().put("sequence", sequence).put("scannedAt", at.toString()).put("checkpoint", checkpointId)
      .put("outcome", "STOP").put("reason", "SIGNATURE_INVALID");
  }

  /** {@code count} passes numbered from {@code first}, one a second from {@code start}, random pseudonyms. */
  public JsonArray batch(long first, int count, Instant start) {
    JsonArray records = new JsonArray();
    for (int i = 0; i < count; i++) {
      records.add(passed(first + i, start.plusSeconds(i), "110000", pseudonym()));
    }
    return records;
  }

  public static String pseudonym() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public UUID id() {
    return UUID.fromString(deviceId);
  }
}
