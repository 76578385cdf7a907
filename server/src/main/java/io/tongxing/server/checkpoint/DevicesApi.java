package io.tongxing.server.checkpoint;

import io.tongxing.server.http.ApiRoutes;
import io.vertx.core.http.HttpHeaders;

/**
 * What an enrolled checkpoint device calls, every request signed by its own key: the sync that
 * brings everything it verifies with, the upload of its scan records, and ID-number checks.
 */
public final class DevicesApi {

  private final CheckpointSyncs syncs;
  private final ScanLog scanLog;
  private final IdChecks idChecks;

  public DevicesApi(CheckpointSyncs syncs, ScanLog scanLog, IdChecks idChecks) {
    this.syncs = syncs;
    this.scanLog = scanLog;
    this.idChecks = idChecks;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("syncDevice", ctx -> syncs.sync(DeviceCaller.of(ctx), ApiRoutes.body(ctx)));
    // x-validated-by: ScanBatchShape in the contract — the router leaves this body to it (see that class).
    routes.respond("uploadScanRecords", ctx -> scanLog.upload(DeviceCaller.of(ctx),
      ScanBatchShape.read(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), ctx.body().buffer())));
    routes.respond("checkIdNumber", ctx -> idChecks.check(DeviceCaller.of(ctx), ApiRoutes.body(ctx)));
  }
}
