package io.tongxing.server.support;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.StatusLists;
import io.tongxing.verify.Verdict;
import io.vertx.core.json.JsonObject;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint device that syncs from a test server over HTTP, as a real one would: it pins the
 * trust key, verifies the trust bundle and the status lists, and verifies scans offline.
 */
public final class Checkpoint {

  private final TestServer server;
  private final ECPublicKey pinned;
  private TrustStore trust;
  private StatusLists lists = StatusLists.none();
  private List<VerifiedStatusList> downloaded = List.of();

  public Checkpoint(TestServer server) {
    this.server = server;
    try {
      JsonObject published = server.get("/.well-known/tongxing-trust-key.json", null).json();
      this.pinned = ECKey.parse(published.getJsonObject("jwk").getMap()).toECPublicKey();
    } catch (Exception e) {
      throw new IllegalStateException("cannot pin the trust key", e);
    }
  }

  /** Downloads the bundle and status lists {@code 1 … lists}. */
  public Checkpoint sync(long... statusLists) {
    try {
      trust = TrustBundle.verify(server.get("/trust-bundle", null).body().toString(), List.of(pinned), null);
      List<VerifiedStatusList> verified = new ArrayList<>();
      for (long list : statusLists) {
        TestServer.Reply reply = server.get("/status-lists/" + list, null);
        if (reply.status() != 200) {
          throw new IllegalStateException("status list " + list + ": " + reply);
        }
        verified.add(StatusListToken.verify(reply.body().toString(), trust, null));
      }
      lists = StatusLists.of(verified);
      downloaded = verified;
      return this;
    } catch (Exception e) {
      throw new IllegalStateException("sync failed", e);
    }
  }

  /** Also downloads a partner's status lists, from the home server (which keeps their last good copies). */
  public Checkpoint syncPartner(String region, long... statusLists) {
    try {
      List<VerifiedStatusList> verified = new ArrayList<>(downloaded);
      for (long list : statusLists) {
        TestServer.Reply reply = server.get("/partners/" + region + "/status-lists/" + list, null);
        if (reply.status() != 200) {
          throw new IllegalStateException("partner status list " + list + ": " + reply);
        }
        verified.add(StatusListToken.verify(reply.body().toString(), trust, null));
      }
      lists = StatusLists.of(verified);
      return this;
    } catch (Exception e) {
      throw new IllegalStateException("partner sync failed", e);
    }
  }

  public TrustStore trust() {
    return trust;
  }

  /** Verifies at a green-only checkpoint in Tongzhou (110112), at the server's clock. */
  public Verdict verify(String scanned) {
    return verify(scanned, CheckpointPolicy.builder(RegionCode.of("110112")).build());
  }

  public Verdict verify(String scanned, CheckpointPolicy policy) {
    return OfflineVerifier.builder(trust, policy).statusLists(lists).clock(server.clock).build().verify(scanned);
  }
}
