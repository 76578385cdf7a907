package io.tongxing.server.colour;

import io.tongxing.server.rules.Colour;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** A person's colour changed (or was computed for the first time: {@code from} is null). */
public record ColourChange(UUID accountId, Colour from, Colour to, String ruleId, int ruleVersion, Instant changedAt,
                           String cause) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("accountId", accountId.toString())
      .put("from", from == null ? null : from.name())
      .put("to", to.name())
      .put("ruleId", ruleId)
      .put("ruleVersion", ruleVersion)
      .put("changedAt", changedAt.toString())
      .put("cause", cause);
  }
}
