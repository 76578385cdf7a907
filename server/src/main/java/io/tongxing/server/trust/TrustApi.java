package io.tongxing.server.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.JWSAlgorithm;
import io.tongxing.jose.KeyIds;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.ETags;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.status.StatusListPublisher;
import io.tongxing.status.StatusListToken;
import io.tongxing.trust.TrustBundle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.security.interfaces.ECPublicKey;

/**
 * The region's public, signed downloads: its token keys ({@code /.well-known/jwks.json}), its trust
 * key (to compare with the thumbprint published out of band), its trust bundle and its status lists.
 * Everything here is signed or is a public key; all of it is served with ETags.
 */
public final class TrustApi {

  private final Pool pool;
  private final SigningKeys keys;
  private final TrustBundles bundles;
  private final StatusListPublisher statusLists;

  public TrustApi(Pool pool, SigningKeys keys, TrustBundles bundles, StatusListPublisher statusLists) {
    this.pool = pool;
    this.keys = keys;
    this.bundles = bundles;
    this.statusLists = statusLists;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.send("getJwks", ctx -> keys.published(pool, KeyPurpose.TOKEN).map(published -> {
      JsonArray jwks = new JsonArray();
      published.forEach(key -> jwks.add(jwk(key.publicKey(), key.kid())));
      String body = new JsonObject().put("keys", jwks).encode();
      ETags.send(ctx, ETags.of(body), "application/jwk-set+json", body, 300);
      return null;
    }));
    routes.send("getTrustKey", ctx -> bundles.trustKey(pool).map(key -> {
      String body = new JsonObject()
        .put("jwk", jwk(key, KeyIds.of(key)))
        .put("thumbprint", thumbprint(key))
        .encode();
      ETags.send(ctx, ETags.of(body), "application/json", body, 300);
      return null;
    }));
    routes.send("getTrustBundle", ctx -> bundles.bundle(pool).map(signed -> {
      ETags.send(ctx, signed.etag(), "application/" + TrustBundle.TYP, signed.bundle(), 60);
      return null;
    }));
    routes.send("getStatusList", ctx -> {
      long list = ApiRoutes.pathLong(ctx, "list");
      return statusLists.list(pool, list).map(published -> {
        if (published == null) {
          throw ApiException.notFound("STATUS_LIST_NOT_FOUND");
        }
        ETags.send(ctx, published.etag(), "application/" + StatusListToken.TYP, published.token(),
          statusLists.ttl().getSeconds());
        return null;
      });
    });
  }

  /** A public JWK for ES256 signature checks. */
  public static JsonObject jwk(ECPublicKey key, String kid) {
    return new JsonObject(new ECKey.Builder(Curve.P_256, key).keyID(kid).keyUse(KeyUse.SIGNATURE)
      .algorithm(JWSAlgorithm.ES256).build().toJSONObject());
  }

  /** The full RFC 7638 thumbprint, which partners and device installers compare out of band. */
  public static String thumbprint(ECPublicKey key) {
    try {
      return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
