package io.tongxing.app.scanlog;

import io.tongxing.app.server.ScanUploader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sends the log's unsent records in batches, oldest first, and marks a record sent only once the server
 * acknowledged it. A crash between the server storing a batch and the device marking it means the batch
 * goes again; the server keys records by device and sequence number, so it counts once.
 */
public final class ScanLogUpload {
    private final ScanLog log;
    private final ScanUploader uploader;
    private final int batchSize;

    public ScanLogUpload(ScanLog log, ScanUploader uploader, int batchSize) {
        this.log = Objects.requireNonNull(log, "log");
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
    }

    /** Uploads until nothing is left, the server acknowledges less than it was sent, or it fails. */
    public Result uploadPending() {
        int acknowledged = 0;
        while (true) {
            List<ScanRecord> batch = log.unsent(batchSize);
            if (batch.isEmpty()) {
                return new Result(acknowledged, 0, Optional.empty());
            }
            Set<Long> ack;
            try {
                ack = uploader.upload(batch);
            } catch (IOException e) {
                return new Result(acknowledged, log.unsentCount(), Optional.of(e));
            }
            List<Long> sent = new ArrayList<>();
            for (ScanRecord record : batch) {
                if (ack.contains(record.sequence())) {
                    sent.add(record.sequence());
                }
            }
            log.markSent(sent);
            acknowledged += sent.size();
            if (sent.size() < batch.size()) {
                // The server kept back part of the batch; try again on the next round, not in a tight loop.
                return new Result(acknowledged, log.unsentCount(), Optional.empty());
            }
        }
    }

    /** What a round of uploading did. */
    public record Result(int acknowledged, long remaining, Optional<IOException> failure) {
    }
}
