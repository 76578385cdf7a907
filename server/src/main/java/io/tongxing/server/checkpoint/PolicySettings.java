package io.tongxing.server.checkpoint;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.server.http.ApiException;
import io.tongxing.token.Colour;
import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.HolderProofPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.text.ParseException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A checkpoint policy as the admin API writes it ({@code CheckpointPolicySettings} in the contract:
 * enum names, seconds) and as {@link CheckpointPolicy} holds it. The region and corridor are the
 * checkpoint's own, never part of the settings. Members left out take the defaults of
 * docs/token-format.md §8.
 */
final class PolicySettings {

  private PolicySettings() {
  }

  /** The policy for a checkpoint in {@code region} on {@code corridor} (or none) from the API's settings. */
  static CheckpointPolicy fromApi(JsonObject settings, RegionCode region, String corridor) {
    CheckpointPolicy.Builder builder = CheckpointPolicy.builder(region).corridor(corridor);
    JsonObject json = settings == null ? new JsonObject() : settings;
    if (json.containsKey("acceptedKinds")) {
      Set<TokenKind> kinds = EnumSet.noneOf(TokenKind.class);
      json.getJsonArray("acceptedKinds").forEach(kind -> kinds.add(TokenKind.valueOf((String) kind)));
      builder.acceptedKinds(kinds);
    }
    if (json.containsKey("acceptedColours")) {
      Set<Colour> colours = EnumSet.noneOf(Colour.class);
      json.getJsonArray("acceptedColours").forEach(colour -> colours.add(Colour.valueOf((String) colour)));
      if (!colours.contains(Colour.GREEN)) {
        throw ApiException.invalidField("POLICY_MUST_ACCEPT_GREEN", "policy.acceptedColours");
      }
      builder.acceptedColours(colours);
    }
    if (json.containsKey("routeCheck")) {
      builder.routeCheck(json.getBoolean("routeCheck"));
    }
    if (json.containsKey("holderProof")) {
      builder.holderProof(HolderProofPolicy.valueOf(json.getString("holderProof")));
    }
    if (json.containsKey("maxStatusAgeSeconds")) {
      builder.maxStatusAge(Duration.ofSeconds(json.getLong("maxStatusAgeSeconds")));
    }
    if (json.containsKey("clockSkewSeconds")) {
      builder.clockSkew(Duration.ofSeconds(json.getLong("clockSkewSeconds")));
    }
    if (json.containsKey("holderProofWindowSeconds")) {
      builder.holderProofWindow(Duration.ofSeconds(json.getLong("holderProofWindowSeconds")));
    }
    return builder.build();
  }

  /** The API's view of a stored policy. */
  static JsonObject toApi(CheckpointPolicy policy) {
    JsonArray kinds = new JsonArray();
    policy.acceptedKinds().forEach(kind -> kinds.add(kind.name()));
    JsonArray colours = new JsonArray();
    policy.acceptedColours().forEach(colour -> colours.add(colour.name()));
    return new JsonObject()
      .put("acceptedKinds", kinds)
      .put("passRequired", !policy.acceptedKinds().contains(TokenKind.HEALTH_CODE))
      .put("acceptedColours", colours)
      .put("routeCheck", policy.routeCheck())
      .put("holderProof", policy.holderProof().name())
      .put("maxStatusAgeSeconds", policy.maxStatusAge().getSeconds())
      .put("clockSkewSeconds", policy.clockSkew().getSeconds())
      .put("holderProofWindowSeconds", policy.holderProofWindow().getSeconds());
  }

  /** The stored JSON (token-format §8) back as a policy. */
  static CheckpointPolicy fromStored(JsonObject stored) {
    // Through nimbus's parser: CheckpointPolicy reads JSON as nimbus gives it (Long, List), not as Vert.x does.
    try {
      return CheckpointPolicy.fromJson(JSONObjectUtils.parse(stored.encode()));
    } catch (ParseException e) {
      throw new IllegalStateException("a stored policy is not JSON", e);
    }
  }

  /** The JSON devices receive and the database keeps. */
  static JsonObject toStored(CheckpointPolicy policy) {
    return new JsonObject(policy.toJson());
  }
}
