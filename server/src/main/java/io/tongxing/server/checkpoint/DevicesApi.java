package io.tongxing.server.checkpoint;

import io.tongxing.server.http.ApiRoutes;

/**
 * What an enrolled checkpoint device calls, every request signed by its own key: the sync that
 * brings everything it verifies with, and the upload of its scan records.
 */
public final class DevicesApi {

  private final CheckpointSyncs syncs;
  private final ScanLog scanLog;

  public DevicesApi(CheckpointSyncs syncs, ScanLog scanLog) {
    this.syncs = syncs;
    this.scanLog = scanLog;
  }

  public void addRoutes(ApiRoutes routes) {
    routes.respond("syncDevice", ctx -> syncs.sync(DeviceCaller.of(ctx), ApiRoutes.body(ctx)));
    routes.respond("uploadScanRecords", ctx -> scanLog.upload(DeviceCaller.of(ctx), ApiRoutes.body(ctx)));
  }
}
