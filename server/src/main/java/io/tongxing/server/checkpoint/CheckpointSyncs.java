package io.tongxing.server.checkpoint;

import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.status.StatusListPublisher;
import io.tongxing.server.trust.TrustBundles;
import io.tongxing.sync.CheckpointSync;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call gives a device everything it verifies with: the signed trust bundle, the signed status
 * lists it needs, and a signed {@link CheckpointSync} with its policy, the server's time, and the
 * version and digest of every bundle and list it should hold.
 *
 * <p>The device says what it holds (version, {@code iat} and digest of each); the server sends a
 * document again only if its content changed, or if the device's copy is old enough that it would
 * soon be refused as stale (a status list at half the policy's {@code max_status_age}, the bundle at
 * half its validity). Content versions, not signatures, decide: lists are signed anew every few
 * minutes without changing, and a device need not download them for that. A device that is current
 * gets only the signed sync: about a kilobyte.
 */
public final class CheckpointSyncs {

  private final Pool pool;
  private final Checkpoints checkpoints;
  private final TrustBundles bundles;
  private final StatusListPublisher statusLists;
  private final LiveStatusLists live;
  private final PartnerStatusLists partnerLists;
  private final SigningKeys keys;
  private final RegionCode home;
  private final Clock clock;
  private final Duration bundleValidity;
  private final Duration listValidity;

  public CheckpointSyncs(Pool pool, Checkpoints checkpoints, TrustBundles bundles, StatusListPublisher statusLists,
                         io.tongxing.server.status.StatusIndexes indexes, PartnerStatusLists partnerLists, SigningKeys keys,
                         RegionCode home, Clock clock, Duration bundleValidity, Duration listValidity) {
    this.pool = pool;
    this.checkpoints = checkpoints;
    this.bundles = bundles;
    this.statusLists = statusLists;
    this.live = new LiveStatusLists(indexes, clock);
    this.partnerLists = partnerLists;
    this.keys = keys;
    this.home = home;
    this.clock = clock;
    this.bundleValidity = bundleValidity;
    this.listValidity = listValidity;
  }

  /** What a device held, by what the previous sync said of it. */
  private record Held(long version, long issuedAt, String digest) {

    static Held of(JsonObject json) {
      return json == null ? null : new Held(json.getLong("version"), json.getLong("issuedAt"), json.getString("digest"));
    }

    /** Still the current content, and young enough to keep. */
    boolean current(long version, Instant now, Duration keepFor) {
      return this.version == version && Instant.ofEpochSecond(issuedAt).plus(keepFor).isAfter(now);
    }

    /**
     * A partner list worth keeping: its content is current and it is young, or it is the very copy
     * this region holds (the partner has not been reached since; sending it again would not make it younger).
     */
    boolean current(long version, String digest, Instant now, Duration keepFor) {
      return current(version, now, keepFor) || (this.version == version && this.digest.equals(digest));
    }
  }

  /** A status list by its issuer and number. */
  private record ListId(String issuer, long list) {
  }

  public Future<JsonObject> sync(DeviceCaller caller, JsonObject held) {
    Instant now = clock.instant();
    Held heldBundle = Held.of(held.getJsonObject("trustBundle"));
    Map<ListId, Held> heldLists = new HashMap<>();
    JsonArray heldListArray = held.getJsonArray("statusLists", new JsonArray());
    for (int i = 0; i < heldListArray.size(); i++) {
      JsonObject entry = heldListArray.getJsonObject(i);
      heldLists.put(new ListId(entry.getString("issuer"), entry.getLong("list")), Held.of(entry));
    }
    JsonObject response = new JsonObject();
    JsonArray listTokens = new JsonArray();
    return ScanLog.spendNonce(pool, caller, now)
      .compose(v -> checkpoints.current(pool, caller.checkpointId()))
      .compose(policy -> bundles.bundle(pool, policy.policy().corridor()).compose(bundle -> {
        CheckpointSync.SignedVersion bundleVersion;
        if (heldBundle != null && heldBundle.current(bundle.version(), now, bundleValidity.dividedBy(2))) {
          bundleVersion = new CheckpointSync.SignedVersion(bundle.version(), heldBundle.digest());
        } else {
          bundleVersion = new CheckpointSync.SignedVersion(bundle.version(), CheckpointSync.digest(bundle.bundle()));
          response.put("trustBundle", bundle.bundle());
        }
        Duration keepLists = min(policy.policy().maxStatusAge().dividedBy(2), listValidity.dividedBy(2));
        return listVersions(heldLists, now, keepLists, listTokens)
          .compose(versions -> partnerListVersions(heldLists, now, keepLists, listTokens, versions))
          .compose(versions -> keys.signer(pool, KeyPurpose.TRUST)
          .map(trustKey -> CheckpointSync.sign(trustKey, new CheckpointSync(home, caller.deviceId().toString(),
            caller.checkpointId(), caller.proof().jti(), now, policy.version(), policy.policy(), bundleVersion, versions))));
      }))
      .map(signed -> {
        response.put("sync", signed);
        response.put("statusLists", listTokens);
        return response;
      });
  }

  private Future<List<CheckpointSync.StatusListVersion>> listVersions(Map<ListId, Held> held, Instant now, Duration keep,
                                                                      JsonArray sent) {
    return live.live(pool).compose(lists -> {
      List<CheckpointSync.StatusListVersion> versions = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (long list : lists) {
        chain = chain.compose(v -> statusLists.list(pool, list).map(published -> {
          if (published == null) {
            return null;
          }
          long version = published.version();
          Held copy = held.get(new ListId(home.value(), list));
          String digest;
          if (copy != null && copy.current(version, now, keep)) {
            digest = copy.digest();
          } else {
            digest = CheckpointSync.digest(published.token());
            sent.add(published.token());
          }
          versions.add(new CheckpointSync.StatusListVersion(home, list, version, digest));
          return null;
        }));
      }
      return chain.map(versions);
    });
  }

  /** The partners' lists after the region's own: each sent only if the device lacks its content or holds it too old. */
  private Future<List<CheckpointSync.StatusListVersion>> partnerListVersions(Map<ListId, Held> held, Instant now, Duration keep,
                                                                             JsonArray sent,
                                                                             List<CheckpointSync.StatusListVersion> own) {
    return partnerLists.lists(pool).map(lists -> {
      List<CheckpointSync.StatusListVersion> versions = new ArrayList<>(own);
      for (PartnerStatusLists.PartnerList partner : lists) {
        String digest = CheckpointSync.digest(partner.token());
        Held copy = held.get(new ListId(partner.issuer().value(), partner.list()));
        if (copy != null && copy.current(partner.version(), digest, now, keep)) {
          digest = copy.digest();
        } else {
          sent.add(partner.token());
        }
        versions.add(new CheckpointSync.StatusListVersion(partner.issuer(), partner.list(), partner.version(), digest));
      }
      return versions;
    });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
