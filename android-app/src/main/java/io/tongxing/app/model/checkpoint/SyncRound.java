package io.tongxing.app.model.checkpoint;

import io.tongxing.app.scanlog.ScanLogUpload;
import io.tongxing.app.server.CheckpointSyncSource;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One round of talking to the home server: upload the scans not yet acknowledged, then fetch and apply
 * the checkpoint bundle. Each half can fail alone; neither loses anything held.
 */
public final class SyncRound {
    private final CheckpointDevice device;
    private final CheckpointSyncSource source;
    private final ScanLogUpload upload;

    public SyncRound(CheckpointDevice device, CheckpointSyncSource source, ScanLogUpload upload) {
        this.device = Objects.requireNonNull(device, "device");
        this.source = Objects.requireNonNull(source, "source");
        this.upload = Objects.requireNonNull(upload, "upload");
    }

    /** Runs the round; blocking, so off the main thread. Empty sync means the server was not reached. */
    public Report run() {
        ScanLogUpload.Result uploaded = upload.uploadPending();
        Optional<SyncResult> synced;
        try {
            synced = Optional.of(device.apply(source.fetchBundle()));
        } catch (IOException e) {
            synced = Optional.empty();
        }
        return new Report(uploaded, synced);
    }

    /** What a round achieved. */
    public record Report(ScanLogUpload.Result upload, Optional<SyncResult> sync) {
    }
}
