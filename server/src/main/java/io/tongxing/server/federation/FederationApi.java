package io.tongxing.server.federation;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.ETags;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.PartnerAuthenticator;
import io.tongxing.status.StatusListToken;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.UUID;

/** Partners, notices, bulletins, the partner inbox and partners' status lists for devices. */
public final class FederationApi {

  private final Pool pool;
  private final Federation federation;
  private final Clock clock;

  public FederationApi(Pool pool, Federation federation, Clock clock) {
    this.pool = pool;
    this.federation = federation;
    this.clock = clock;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("listPartners", ctx -> federation.partners().all(pool).compose(all -> {
      JsonArray list = new JsonArray();
      Future<Void> chain = Future.succeededFuture();
      for (Partner partner : all) {
        chain = chain.compose(v -> federation.documents().describe(pool, partner.id())
          .map(documents -> {
            list.add(Partners.describe(partner, documents, clock.instant()));
            return null;
          }));
      }
      return chain.map(v -> list);
    }));
    routes.respond("introducePartner", 201, ctx -> federation.partners().introduce(Principal.of(ctx), ApiRoutes.body(ctx))
      .onSuccess(partner -> federation.documents().fetch(partner))
      .map(partner -> Partners.describe(partner, null, clock.instant())));
    routes.respond("amendPartner", ctx -> federation.partners().amend(Principal.of(ctx), partnerId(ctx), ApiRoutes.body(ctx))
      .map(partner -> Partners.describe(partner, null, clock.instant())));
    routes.respond("changePartnerState", ctx -> {
      JsonObject body = ApiRoutes.body(ctx);
      return federation.partners().changeState(Principal.of(ctx), partnerId(ctx), Partner.State.valueOf(body.getString("state")),
          body.getString("reason"))
        .map(partner -> Partners.describe(partner, null, clock.instant()));
    });
    routes.respond("fetchPartnerDocuments", ctx -> federation.partners().byId(pool, partnerId(ctx))
      .compose(partner -> {
        if (partner.state() == Partner.State.ENDED) {
          throw ApiException.conflict("PARTNER_ENDED", null);
        }
        return federation.documents().fetch(partner);
      })
      .map(PartnerDocuments.Fetch::toJson));
    routes.respond("sendCloseContactNotice", 202, ctx -> federation.notices().sendCloseContact(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("sendReleaseNotice", 202, ctx -> federation.notices().sendRelease(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listFederationMessages", ctx -> federation.outbox().list(pool));
    routes.respond("publishBulletin", 201, ctx -> federation.bulletins().publish(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listBulletins", ctx -> federation.bulletins().list(pool));
    routes.respond("receiveFederationMessage", ctx -> federation.inbox().receive(RequestSignatures.partner(ctx),
      ApiRoutes.body(ctx), ctx.request().getHeader(PartnerAuthenticator.HEADER)));
    routes.send("getPartnerStatusList", ctx -> federation.documents()
      .statusList(pool, ApiRoutes.path(ctx, "region"), ApiRoutes.pathLong(ctx, "list"))
      .map(found -> {
        var row = found.orElseThrow(() -> ApiException.notFound("STATUS_LIST_NOT_FOUND"));
        String body = row.getString("body");
        Integer ttl = row.getInteger("ttl_seconds");
        ETags.send(ctx, ETags.of(body), "application/" + StatusListToken.TYP, body, ttl == null ? 60 : Math.min(ttl, 60));
        return null;
      }));
  }

  private static UUID partnerId(io.vertx.ext.web.RoutingContext ctx) {
    return UUID.fromString(ApiRoutes.path(ctx, "partnerId"));
  }
}
