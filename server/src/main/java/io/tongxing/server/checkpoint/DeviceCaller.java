package io.tongxing.server.checkpoint;

import io.tongxing.sync.DeviceRequestProof;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * The enrolled device behind a request whose signature {@link Devices} checked: its id, its
 * checkpoint, and the proof, whose {@code jti} the handler spends in the same statement as the
 * request's effect (so a refused request leaves nothing behind, and a replayed one is refused).
 */
public record DeviceCaller(UUID deviceId, String checkpointId, DeviceRequestProof proof) {

  static final String KEY = "tongxing.device";

  public static DeviceCaller of(RoutingContext ctx) {
    DeviceCaller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("device route reached without a device: " + ctx.normalizedPath());
    }
    return caller;
  }
}
