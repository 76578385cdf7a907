package io.tongxing.server.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a checkpoint device by the signature it puts on every request
 * ({@code Authorization: TX-Device <proof>}, docs/token-format.md §10). Devices have no bearer
 * tokens: a token could be copied off a device or out of a log and replayed, a signature over one
 * request cannot.
 */
@FunctionalInterface
public interface DeviceAuthenticator {

  /** The authorization scheme, lower case, with its separating space. */
  String SCHEME = "tx-device ";

  /**
   * The device's principal (role DEVICE), or a failed future with the {@link ApiException} to answer.
   * May put what the handler needs of the device into the context.
   */
  Future<Principal> authenticate(RoutingContext ctx, String proof);

  /** For servers without devices: every device request is refused. */
  DeviceAuthenticator NONE = (ctx, proof) -> Future.failedFuture(ApiException.unauthorized("DEVICE_UNKNOWN"));
}
