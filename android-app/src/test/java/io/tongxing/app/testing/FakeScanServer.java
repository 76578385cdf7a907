package io.tongxing.app.testing;

import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.server.ScanUploader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The home server's scan-log endpoint as the contract says it behaves: records keyed by sequence number
 * (one device), stored idempotently. It can be made unreachable, or to lose its answer after storing (the
 * app killed, or the network dropping, between the server's commit and the device's).
 */
public final class FakeScanServer implements ScanUploader {
    public final Map<Long, ScanRecord> stored = new TreeMap<>();
    public final List<Integer> batchSizes = new ArrayList<>();
    public int receivedRecords;
    public boolean unreachable;
    public boolean loseNextAnswer;
    public int acknowledgeAtMost = Integer.MAX_VALUE;

    @Override
    public synchronized Set<Long> upload(List<ScanRecord> batch) throws IOException {
        if (unreachable) {
            throw new IOException("server unreachable (test)");
        }
        batchSizes.add(batch.size());
        receivedRecords += batch.size();
        Set<Long> acknowledged = new LinkedHashSet<>();
        for (ScanRecord record : batch) {
            if (acknowledged.size() >= acknowledgeAtMost) {
                break;
            }
            stored.putIfAbsent(record.sequence(), record);
            acknowledged.add(record.sequence());
        }
        if (loseNextAnswer) {
            loseNextAnswer = false;
            throw new IOException("connection lost after the server stored the batch (test)");
        }
        return acknowledged;
    }
}
