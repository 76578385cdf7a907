package io.tongxing.server.trust;

import io.tongxing.jose.SigningKey;
import io.tongxing.server.config.PublicAddress;
import io.tongxing.server.http.ETags;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.PublishedKey;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.IssuerKey;
import io.tongxing.trust.Recognition;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The region's trust bundle: its own issuer (every published token key, recognized for every kind
 * on every corridor) and the partners it recognizes, signed by the trust key. Rebuilt when its
 * version changes, and signed anew at least every re-sign interval so that devices see a recent
 * {@code iat}.
 */
public final class TrustBundles {

  private final SigningKeys keys;
  private final PartnerIssuers partners;
  private final RegionCode region;
  private final String name;
  private final String nameEn;
  private final PublicAddress address;
  private final Clock clock;
  private final Duration validity;
  private final Duration resign;
  /** By corridor ({@code ""}: none, the public bundle); corridors are few, registered by admins. */
  private final Map<String, Signed> cached = new ConcurrentHashMap<>();

  public TrustBundles(SigningKeys keys, PartnerIssuers partners, RegionCode region, String name, String nameEn,
                      PublicAddress address, Clock clock, Duration validity, Duration resign) {
    this.keys = keys;
    this.partners = partners;
    this.region = region;
    this.name = name;
    this.nameEn = nameEn;
    this.address = address;
    this.clock = clock;
    this.validity = validity;
    this.resign = resign;
  }

  /** The current signed bundle, as published: for verifiers on no particular corridor. */
  public Future<Signed> bundle(SqlClient client) {
    return bundle(client, Optional.empty());
  }

  /**
   * The current signed bundle for a device on {@code corridor}: partners whose agreement pairs
   * token kinds with corridors are recognized for the kinds agreed on that corridor.
   */
  public Future<Signed> bundle(SqlClient client, Optional<String> corridor) {
    Instant now = clock.instant();
    String key = corridor.orElse("");
    return keys.version(client).compose(keyVersion -> partners.version(client).compose(partnerVersion -> {
      // Each part only grows, so their sum does, with a change of either: devices refuse an older bundle.
      long version = keyVersion + partnerVersion;
      Signed copy = cached.get(key);
      // Keyed by both parts: a partner's new bundle may arrive within the second of a key change.
      if (copy != null && copy.keyVersion == keyVersion && copy.partnerVersion == partnerVersion
        && copy.signedAt.plus(resign).isAfter(now)) {
        return Future.succeededFuture(copy);
      }
      return store(client, version, now, corridor).compose(store -> keys.signer(client, KeyPurpose.TRUST)
        .map(trustKey -> sign(key, trustKey, store, keyVersion, partnerVersion, now)));
    }));
  }

  /** The trust store the bundle carries, as of {@code now}. */
  public Future<TrustStore> store(SqlClient client, long version, Instant now, Optional<String> corridor) {
    return keys.published(client, KeyPurpose.TOKEN).compose(tokenKeys -> keys.published(client, KeyPurpose.TRUST)
      .compose(trustKeys -> partners.recognized(client, corridor).map(partnerIssuers -> {
        List<IssuerKey> issuerKeys = new ArrayList<>();
        tokenKeys.forEach(key -> issuerKeys.add(key.toIssuerKey()));
        List<Issuer> issuers = new ArrayList<>();
        issuers.add(new Issuer(region, name, nameEn, address.statusListBase(), issuerKeys, Recognition.everything()));
        issuers.addAll(partnerIssuers);
        List<ECPublicKey> next = new ArrayList<>();
        for (PublishedKey key : trustKeys) {
          if (key.validFrom().isAfter(now)) {
            next.add(key.publicKey());
          }
        }
        return new TrustStore(region, version, now, now.plus(validity), issuers, next);
      })));
  }

  /** The public half of the key that signs bundles now: what devices pin at enrollment. */
  public Future<ECPublicKey> trustKey(SqlClient client) {
    return keys.signer(client, KeyPurpose.TRUST).map(SigningKey::publicKey);
  }

  private Signed sign(String key, SigningKey trustKey, TrustStore store, long keyVersion, long partnerVersion, Instant now) {
    String bundle = TrustBundle.sign(trustKey, store);
    Signed signed = new Signed(bundle, ETags.of(bundle), store.version(), now, keyVersion, partnerVersion);
    cached.put(key, signed);
    return signed;
  }

  /** A signed bundle with its ETag, version and signing time. */
  public record Signed(String bundle, String etag, long version, Instant signedAt, long keyVersion, long partnerVersion) {
  }
}
