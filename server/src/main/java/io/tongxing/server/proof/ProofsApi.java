package io.tongxing.server.proof;

import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;
import io.vertx.openapi.validation.RequestParameter;

import java.util.UUID;

/** Enterprises' letters and commitments; residents' commitments, proofs and temperature card. */
public final class ProofsApi {

  private final EnterpriseDocuments documents;
  private final ResidentProofs residents;

  public ProofsApi(EnterpriseDocuments documents, ResidentProofs residents) {
    this.documents = documents;
    this.residents = residents;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("issueEnterpriseDocument", 201, ctx -> documents.issue(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listEnterpriseDocuments", ctx -> {
      RequestParameter employee = ApiRoutes.query(ctx, "employeeId");
      return documents.list(Principal.of(ctx), employee == null ? null : UUID.fromString(employee.getString()));
    });
    routes.respond("revokeEnterpriseDocument", ctx -> documents.revoke(Principal.of(ctx),
      UUID.fromString(ApiRoutes.path(ctx, "documentId")), ApiRoutes.body(ctx).getString("reason")));
    routes.respond("signPersonalCommitment", 201, ctx -> residents.signCommitment(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listMyProofs", ctx -> residents.mine(Principal.of(ctx)));
    routes.respond("getMyTemperatureCard", ctx -> residents.temperatureCard(Principal.of(ctx)));
  }
}
