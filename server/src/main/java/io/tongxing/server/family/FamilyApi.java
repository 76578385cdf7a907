package io.tongxing.server.family;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.checkin.CheckIns;
import io.tongxing.server.community.Communities;
import io.tongxing.server.healthcode.HealthCodes;
import io.tongxing.server.healthcode.IssuedCode;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Messages;
import io.tongxing.server.http.Principal;
import io.tongxing.server.http.Role;
import io.tongxing.server.papercard.PaperCards;
import io.tongxing.server.pass.Passes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.UUID;

/**
 * For residents without a smartphone: the guardian's family members (request, consent, check in,
 * code, passes, paper card), the member's view of its guardians, and the community desk's family
 * links and paper cards.
 */
public final class FamilyApi {

  private final Pool pool;
  private final Dependants dependants;
  private final PaperCards cards;
  private final CheckIns checkIns;
  private final HealthCodes codes;
  private final Passes passes;

  public FamilyApi(Pool pool, Dependants dependants, PaperCards cards, CheckIns checkIns, HealthCodes codes, Passes passes) {
    this.pool = pool;
    this.dependants = dependants;
    this.cards = cards;
    this.checkIns = checkIns;
    this.codes = codes;
    this.passes = passes;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("requestDependant", 202, ctx -> dependants.request(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listMyDependants", ctx -> dependants.mine(Principal.of(ctx)));
    routes.respond("confirmDependantConsent", ctx -> dependants.consent(Principal.of(ctx), id(ctx),
      ApiRoutes.body(ctx).getString("code")));
    routes.respond("endDependant", ctx -> dependants.endAsGuardian(Principal.of(ctx), id(ctx), reason(ctx)));
    routes.respond("submitDependantCheckIn", 201, ctx -> {
      Principal guardian = Principal.of(ctx);
      UUID id = id(ctx);
      return dependants.activeMember(guardian, id).compose(member -> checkIns.submitFor(member, ApiRoutes.body(ctx),
        AuditEntry.by(guardian, "dependant.checked-in", "person", member.toString(), "check-in by the guardian",
          new JsonObject().put("dependantId", id.toString()))));
    });
    routes.respond("getDependantHealthCode", ctx -> dependants.activeMember(Principal.of(ctx), id(ctx))
      .compose(codes::current).map(IssuedCode::toJson));
    routes.respond("listDependantPasses", ctx -> dependants.activeMember(Principal.of(ctx), id(ctx))
      .compose(member -> passes.mine(new Principal(member, Role.RESIDENT), Messages.locale(ctx))));
    routes.send("printDependantPaperCard", ctx -> {
      Principal guardian = Principal.of(ctx);
      UUID id = id(ctx);
      return dependants.activeMember(guardian, id)
        .compose(member -> cards.print(guardian, member, "printed by the guardian",
          tx -> dependants.stillActive(tx, id, guardian.accountId(), member)))
        .map(pdf -> sendPdf(ctx, pdf));
    });
    routes.respond("listMyGuardians", ctx -> dependants.guardians(Principal.of(ctx)));
    routes.respond("endGuardian", ctx -> dependants.endAsMember(Principal.of(ctx), id(ctx), reason(ctx)));

    routes.respond("addDependantAtDesk", 201, ctx -> dependants.addAtDesk(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listResidentFamilyAtDesk", ctx -> dependants.familyAtDesk(Principal.of(ctx), resident(ctx)));
    routes.respond("endDependantAtDesk", ctx -> dependants.endAtDesk(Principal.of(ctx), id(ctx), reason(ctx)));
    routes.send("printPaperCardAtDesk", ctx -> {
      Principal staff = Principal.of(ctx);
      UUID resident = resident(ctx);
      return cards.print(staff, resident, "printed at the community desk",
          tx -> Dependants.inCommunity(tx, staff, resident, "residentId"))
        .map(pdf -> sendPdf(ctx, pdf));
    });
    routes.respond("listCommunityPaperCards", ctx -> Communities.ofStaff(pool, Principal.of(ctx).accountId())
      .compose(community -> cards.ofCommunity(community.getString("code"))));
    routes.respond("withdrawPaperCard", ctx -> {
      Principal staff = Principal.of(ctx);
      UUID card = UUID.fromString(ApiRoutes.path(ctx, "cardId"));
      return cards.withdraw(staff, card, reason(ctx), (tx, resident) -> Dependants.inCommunity(tx, staff, resident, "cardId"));
    });
  }

  /** A PDF is personal data: never cached by intermediaries. */
  private static Future<Void> sendPdf(RoutingContext ctx, byte[] pdf) {
    return ctx.response().setStatusCode(201).putHeader("Content-Type", "application/pdf")
      .putHeader("Cache-Control", "no-store")
      .putHeader("Content-Disposition", "inline; filename=\"paper-health-card.pdf\"")
      .end(Buffer.buffer(pdf));
  }

  private static UUID id(RoutingContext ctx) {
    return UUID.fromString(ApiRoutes.path(ctx, "dependantId"));
  }

  private static UUID resident(RoutingContext ctx) {
    return UUID.fromString(ApiRoutes.path(ctx, "residentId"));
  }

  private static String reason(RoutingContext ctx) {
    return ApiRoutes.body(ctx).getString("reason").strip();
  }
}
