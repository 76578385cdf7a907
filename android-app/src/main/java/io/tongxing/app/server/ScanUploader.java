package io.tongxing.app.server;

import io.tongxing.app.scanlog.ScanRecord;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Sends a batch of scan records to the home server (the checkpoint API's scan-log endpoint), which stores
 * them idempotently by device id and sequence number.
 */
public interface ScanUploader {

    /**
     * @return the sequence numbers the server has durably stored, including ones it already had
     * @throws IOException if the server could not be reached; nothing is marked sent then
     */
    Set<Long> upload(List<ScanRecord> batch) throws IOException;
}
