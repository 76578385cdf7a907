package io.tongxing.server.http;

import io.tongxing.server.auth.AccessTokens;
import io.tongxing.server.auth.RevokedLogins;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.Optional;

/**
 * Authenticates the bearer token and authorizes the caller's role for the operation the request
 * addresses, before the request is validated or handled: an anonymous caller of a protected route
 * gets 401 whatever its body, a caller in the wrong role 403.
 */
public final class AccessControl implements Handler<RoutingContext> {

  private static final String BEARER = "bearer ";

  private final OpenAPIContract contract;
  private final AccessPolicy policy;
  private final AccessTokens tokens;
  private final RevokedLogins revokedLogins;
  private final DeviceAuthenticator devices;
  private final PartnerAuthenticator partners;

  public AccessControl(OpenAPIContract contract, AccessPolicy policy, AccessTokens tokens, RevokedLogins revokedLogins,
                       DeviceAuthenticator devices, PartnerAuthenticator partners) {
    this.contract = contract;
    this.policy = policy;
    this.tokens = tokens;
    this.revokedLogins = revokedLogins;
    this.devices = devices;
    this.partners = partners;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Operation operation = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
    if (operation == null || policy.isPublic(operation.getOperationId())) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (policy.isPartnerSigned(operation.getOperationId())) {
      authenticatePartner(ctx, header);
      return;
    }
    String scheme = DeviceAuthenticator.SCHEME;
    if (header != null && header.length() > scheme.length() && header.regionMatches(true, 0, scheme, 0, scheme.length())) {
      // A device signature opens device operations only; elsewhere it is refused before any work
      // (a streamed body, for one, is never read, so its digest could not be checked).
      if (!policy.allows(operation.getOperationId(), Role.DEVICE)) {
        ctx.fail(ApiException.forbidden("ROLE_NOT_ALLOWED"));
        return;
      }
      devices.authenticate(ctx, header.substring(scheme.length()).trim())
        .onFailure(ctx::fail)
        .onSuccess(device -> admit(ctx, operation, device));
      return;
    }
    if (header == null || header.length() <= BEARER.length()
      || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.fail(ApiException.unauthorized("AUTHENTICATION_REQUIRED"));
      return;
    }
    Optional<AccessTokens.Bearer> bearer = tokens.verify(header.substring(BEARER.length()).trim());
    // Devices authenticate by signing each request; a bearer token naming a device is never accepted.
    if (bearer.isEmpty() || bearer.get().principal().role() == Role.DEVICE) {
      ctx.fail(ApiException.unauthorized("INVALID_ACCESS_TOKEN"));
      return;
    }
    // Answered from memory (no database round trip) while this node hears every revocation.
    revokedLogins.isRevoked(bearer.get().login())
      .onFailure(ctx::fail)
      .onSuccess(revoked -> {
        if (revoked) {
          ctx.fail(ApiException.unauthorized("LOGIN_REVOKED"));
        } else {
          admit(ctx, operation, bearer.get().principal());
        }
      });
  }

  private void admit(RoutingContext ctx, Operation operation, Principal principal) {
    if (!policy.allows(operation.getOperationId(), principal.role())) {
      ctx.fail(ApiException.forbidden("ROLE_NOT_ALLOWED"));
      return;
    }
    ctx.put(Principal.KEY, principal);
    ctx.next();
  }

  /** No bearer token, whatever its role, opens a partner operation: only a valid request signature does. */
  private void authenticatePartner(RoutingContext ctx, String bearer) {
    String signature = ctx.request().getHeader(PartnerAuthenticator.HEADER);
    if (signature == null) {
      ctx.fail(bearer == null ? ApiException.unauthorized("AUTHENTICATION_REQUIRED") : ApiException.forbidden("ROLE_NOT_ALLOWED"));
      return;
    }
    partners.authenticate(ctx, signature)
      .onFailure(ctx::fail)
      .onSuccess(principal -> {
        ctx.put(Principal.KEY, principal);
        ctx.next();
      });
  }
}
