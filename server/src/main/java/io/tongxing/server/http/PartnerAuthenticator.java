package io.tongxing.server.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a partner server by the signature on its request: partners never log in, so the
 * operations only they may call ({@code x-roles: [PARTNER]}) take no bearer token.
 */
@FunctionalInterface
public interface PartnerAuthenticator {

  String HEADER = "Tongxing-Signature";

  /** The partner's principal, or a failed future with a 401/403 {@link ApiException}. */
  Future<Principal> authenticate(RoutingContext ctx, String signature);
}
