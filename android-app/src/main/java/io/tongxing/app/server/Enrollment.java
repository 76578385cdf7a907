package io.tongxing.app.server;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A checkpoint device's enrollment: its device id (the scan log's idempotency namespace), the checkpoint
 * it stands at, and the home region's trust keys it pins (every trust bundle must be signed by one).
 */
public record Enrollment(String deviceId, String checkpoint, List<ECPublicKey> pinnedTrustKeys) {
    public Enrollment {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (pinnedTrustKeys.isEmpty()) {
            throw new IllegalArgumentException("an enrollment pins at least one trust key");
        }
        pinnedTrustKeys = Collections.unmodifiableList(new ArrayList<>(pinnedTrustKeys));
    }
}
