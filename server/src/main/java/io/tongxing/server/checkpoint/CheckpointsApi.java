package io.tongxing.server.checkpoint;

import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Principal;
import io.vertx.openapi.validation.RequestParameter;

import java.util.UUID;

/**
 * Checkpoints as admins manage them (registration, policy versions, officers, enrollment codes,
 * devices, gaps in devices' scan logs) and as officers enroll devices at them.
 */
public final class CheckpointsApi {

  private final Checkpoints checkpoints;
  private final Devices devices;
  private final ScanLog scanLog;

  public CheckpointsApi(Checkpoints checkpoints, Devices devices, ScanLog scanLog) {
    this.checkpoints = checkpoints;
    this.devices = devices;
    this.scanLog = scanLog;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("registerCheckpoint", 201, ctx -> checkpoints.register(Principal.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("listCheckpoints", ctx -> checkpoints.list());
    routes.respond("getCheckpoint", ctx -> checkpoints.view(ApiRoutes.path(ctx, "checkpointId")));
    routes.respond("setCheckpointPolicy", ctx -> checkpoints.setPolicy(Principal.of(ctx), ApiRoutes.path(ctx, "checkpointId"),
      ApiRoutes.body(ctx)));
    routes.respond("bindOfficer", ctx -> checkpoints.bindOfficer(Principal.of(ctx), ApiRoutes.path(ctx, "checkpointId"),
      uuid(ApiRoutes.path(ctx, "officerId"), "officerId"), ApiRoutes.body(ctx).getString("reason").trim()));
    routes.respond("unbindOfficer", ctx -> checkpoints.unbindOfficer(Principal.of(ctx), ApiRoutes.path(ctx, "checkpointId"),
      uuid(ApiRoutes.path(ctx, "officerId"), "officerId"), ApiRoutes.query(ctx, "reason").getString().trim()));
    routes.respond("issueEnrollmentCode", 201, ctx -> devices.issueCode(Principal.of(ctx), ApiRoutes.path(ctx, "checkpointId"),
      ApiRoutes.body(ctx).getString("reason").trim()));
    routes.respond("disableDevice", ctx -> devices.disable(Principal.of(ctx), uuid(ApiRoutes.path(ctx, "deviceId"), "deviceId"),
      ApiRoutes.body(ctx).getString("reason").trim()));
    routes.respond("listScanLogGaps", ctx -> {
      RequestParameter checkpoint = ApiRoutes.query(ctx, "checkpointId");
      return scanLog.gaps(checkpoint == null ? null : checkpoint.getString())
        .map(gaps -> new io.vertx.core.json.JsonObject().put("gaps", gaps));
    });
    routes.respond("enrollDevice", 201, ctx -> devices.enroll(Principal.of(ctx), ctx, ApiRoutes.body(ctx),
      ctx.request().getHeader("Tx-Device-Proof")));
  }

  static UUID uuid(String raw, String field) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("VALIDATION_FAILED", field);
    }
  }
}
