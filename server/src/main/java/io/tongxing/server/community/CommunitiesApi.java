package io.tongxing.server.community;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;

import java.util.UUID;

/** Communities, their staff, where residents live, and the permits staff issue. */
public final class CommunitiesApi {

  private final Communities communities;
  private final CommunityPermits permits;

  public CommunitiesApi(Communities communities, CommunityPermits permits) {
    this.communities = communities;
    this.permits = permits;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("createCommunity", 201, ctx -> communities.create(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listCommunities", ctx -> communities.list());
    routes.respond("assignStaffCommunity", ctx -> communities.assignStaff(Principal.of(ctx),
      UUID.fromString(ApiRoutes.path(ctx, "accountId")), ApiRoutes.body(ctx)));
    routes.respond("declareMyCommunity", ctx -> communities.declare(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("getMyCommunity", ctx -> communities.ofCaller(Principal.of(ctx)));
    routes.respond("issueCommunityPermit", 201, ctx -> permits.issue(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("searchCommunityResidents", ctx -> permits.search(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("issueCommunityPermitToResident", 201, ctx -> permits.issueToResident(Principal.of(ctx),
      UUID.fromString(ApiRoutes.path(ctx, "residentId")), ApiRoutes.body(ctx)));
    routes.respond("listCommunityPermits", ctx -> permits.list(Principal.of(ctx)));
    routes.respond("revokeCommunityPermit", ctx -> permits.revoke(Principal.of(ctx),
      UUID.fromString(ApiRoutes.path(ctx, "permitId")), ApiRoutes.body(ctx).getString("reason")));
  }
}
