package io.tongxing.app.server;

import io.tongxing.app.model.resident.PassRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the home server hands a logged-in resident: the current health code token, the passes and pass
 * applications with their state, and the server's time.
 */
public record ResidentDownload(Optional<String> healthCode, List<PassRecord> passes, Instant serverTime) {
    public ResidentDownload {
        Objects.requireNonNull(healthCode, "healthCode");
        Objects.requireNonNull(serverTime, "serverTime");
        passes = Collections.unmodifiableList(new ArrayList<>(passes));
    }
}
