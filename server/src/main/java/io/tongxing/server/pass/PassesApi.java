package io.tongxing.server.pass;

import io.tongxing.qr.QrCode;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.validation.RequestParameter;

import java.util.Locale;
import java.util.UUID;

/**
 * Applications (enterprises apply, residents follow, reviewers decide) and passes (residents fetch
 * them as token, QR text, PNG or SVG; reviewers revoke them). Images are personal data: never cached.
 */
public final class PassesApi {

  private static final int DEFAULT_SCALE = 8;

  private final Applications applications;
  private final ApplicationProofs proofs;
  private final PassIssuance issuance;
  private final Passes passes;

  public PassesApi(Applications applications, ApplicationProofs proofs, PassIssuance issuance, Passes passes) {
    this.applications = applications;
    this.proofs = proofs;
    this.issuance = issuance;
    this.passes = passes;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("applyForPass", 201, ctx -> applications.submit(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listEnterpriseApplications", ctx -> applications.ofEnterprise(Principal.of(ctx),
      string(ApiRoutes.query(ctx, "state"), null), integer(ApiRoutes.query(ctx, "limit"), 100)));
    routes.respond("getEnterpriseApplication", ctx -> applications.oneOfEnterprise(Principal.of(ctx), id(ctx, "applicationId")));
    routes.respond("listMyPassApplications", ctx -> applications.ofResident(Principal.of(ctx)));
    routes.respond("listApplicationsForReview", ctx -> applications.forReview(
      string(ApiRoutes.query(ctx, "state"), "SUBMITTED"), integer(ApiRoutes.query(ctx, "limit"), 100)));
    routes.respond("getApplicationForReview", ctx -> applications.oneForReview(id(ctx, "applicationId")));
    routes.respond("getApplicationProofs", ctx -> proofs.of(id(ctx, "applicationId")));
    routes.respond("approveApplication", ctx -> {
      Locale locale = Messages.locale(ctx);
      return issuance.approve(Principal.of(ctx), id(ctx, "applicationId"), ApiRoutes.body(ctx).getString("reason", "approved"))
        .recover(failure -> Future.failedFuture(failure instanceof MissingProofs
          ? ((MissingProofs) failure).refusal(locale) : failure));
    });
    routes.respond("rejectApplication", ctx -> applications.reject(Principal.of(ctx), id(ctx, "applicationId"),
      ApiRoutes.body(ctx).getString("reason")));
    routes.respond("revokePass", ctx -> passes.revoke(Principal.of(ctx), id(ctx, "passId"), ApiRoutes.body(ctx).getString("reason")));
    routes.respond("listPersonPasses", ctx -> {
      UUID person = id(ctx, "personId");
      return passes.ofPerson(person, Messages.locale(ctx))
        .compose(held -> applications.ofResident(new Principal(person, io.tongxing.server.http.Role.RESIDENT))
          .map(applied -> new io.vertx.core.json.JsonObject().put("passes", held).put("applications", applied)));
    });
    routes.respond("listMyPasses", ctx -> passes.mine(Principal.of(ctx), Messages.locale(ctx)));
    routes.respond("getMyPass", ctx -> passes.one(Principal.of(ctx), id(ctx, "passId"), Messages.locale(ctx)));
    routes.send("getMyPassPng", ctx -> {
      int scale = integer(ApiRoutes.query(ctx, "scale"), DEFAULT_SCALE);
      return passes.shown(Principal.of(ctx), id(ctx, "passId"), Messages.locale(ctx)).map(pass -> {
        ctx.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", "no-store")
          .end(Buffer.buffer(QrCode.encode(pass.qrText()).png(scale)));
        return null;
      });
    });
    routes.send("getMyPassSvg", ctx -> {
      Locale locale = Messages.locale(ctx);
      return passes.shown(Principal.of(ctx), id(ctx, "passId"), locale).map(pass -> {
        String label = Messages.text(locale, "pass.label", pass.corridorName(), Messages.text(locale, "passState." + pass.state()));
        ctx.response().putHeader("Content-Type", "image/svg+xml").putHeader("Cache-Control", "no-store")
          .end(QrCode.encode(pass.qrText()).svg(label));
        return null;
      });
    });
  }

  private static UUID id(io.vertx.ext.web.RoutingContext ctx, String name) {
    return UUID.fromString(ApiRoutes.path(ctx, name));
  }

  private static String string(RequestParameter parameter, String otherwise) {
    return parameter == null ? otherwise : parameter.getString();
  }

  private static int integer(RequestParameter parameter, int otherwise) {
    return parameter == null ? otherwise : parameter.getInteger();
  }
}
